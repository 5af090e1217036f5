// Typing a new HF call into a function, one character at a time, as an editor sends it: most states in between
// are syntax errors. While the function being typed in is broken, the diagnostics of every other top-level
// statement must stay exactly as they were (the parser's error recovery must not take the rest of the file with
// it), and once the line is complete its new call is reported.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { hfPython, hfTs } from "../support/heavyFiles";
import { ROOT } from "../support/paths";
import { anchorLine, typeAt, TYPED, TYPED_STRINGS } from "../support/typing";

/** Where each diagnostic is, by line: `code@line:character`. */
function byLine(
  diagnostics: { code: string; range: { start: { line: number; character: number } } }[],
): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const d of diagnostics) {
    const list = out.get(d.range.start.line) ?? [];
    list.push(`${d.code}@${d.range.start.character}`);
    out.set(d.range.start.line, list);
  }
  return out;
}

async function typeRounds(
  language: keyof typeof TYPED,
  file: string,
  text: string,
  rounds: number,
  typed: Record<keyof typeof TYPED, string>,
) {
  const analyzer = await Analyzer.create({
    fs: new MemoryFileSystem({ [file]: text }),
    wasmDir: path.join(ROOT, "node_modules"),
  });
  analyzer.setFile(file, text);
  let current = text;
  let vanished = 0;
  let brokenStates = 0;
  let kept = 0;
  const failures: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const lines = current.split("\n");
    const def = lines.findIndex(anchorLine(language, round));
    // The function typed in runs to the next line that starts with code at column 0 (its closing `}` in TS).
    let end = def + 1;
    while (end < lines.length && !/^[^\s}]/.test(lines[end])) end++;
    const before = byLine(analyzer.check(file, {}, { fixes: false }).diagnostics);
    const typedLine = def + 1;
    const keystrokes = typeAt(current, typedLine, typed[language]);
    for (const [i, k] of keystrokes.entries()) {
      analyzer.setFile(file, k.text);
      const result = analyzer.check(file, {}, { fixes: false });
      if (result.notes.some((n) => n.startsWith("syntax errors"))) brokenStates++;
      const now = byLine(result.diagnostics);
      // Lines after the typed one move down once its newline is typed.
      const shift = i === keystrokes.length - 1 ? 1 : 0;
      for (const [line, codes] of before) {
        if (line >= def && line < end) continue; // the function being typed in may lose and gain diagnostics
        const moved = line >= typedLine ? line + shift : line;
        for (const code of codes) {
          if (now.get(moved)?.includes(code)) kept++;
          else {
            vanished++;
            if (failures.length < 5)
              failures.push(
                `round ${round}, after ${JSON.stringify(typed[language].slice(0, i + 1))}: ${code} on line ${moved + 1} vanished`,
              );
          }
        }
      }
    }
    current = keystrokes[keystrokes.length - 1].text;
    if (typed === TYPED) {
      // The completed line is an HF call of its own: it is reported on its line.
      const after = analyzer.check(file, {}, { fixes: false }).diagnostics;
      assert.ok(
        after.some((d) => d.range.start.line === typedLine && d.code === "HF001"),
        `round ${round}: the typed call is not reported`,
      );
    }
  }
  return { vanished, brokenStates, kept, failures, keystrokes: rounds * typed[language].length };
}

for (const [language, file, gen] of [
  ["python", "/ws/typing.py", hfPython],
  ["typescript", "/ws/typing.ts", hfTs],
] as const) {
  test(`typing a call into a ${language} function keeps every other statement's diagnostics`, async () => {
    const { vanished, brokenStates, kept, failures, keystrokes } = await typeRounds(language, file, gen(44), 2, TYPED);
    // Most states are syntax errors, else this would test nothing.
    assert.ok(brokenStates > keystrokes / 2, `only ${brokenStates} of ${keystrokes} states had syntax errors`);
    assert.ok(kept > 100 * keystrokes, `only ${kept} diagnostics were checked`);
    assert.equal(vanished, 0, failures.join("\n"));
  });

  // An open docstring or template literal runs on to the next one in a whole parse, and the file has many.
  test(`typing a string into a ${language} function keeps every other statement's diagnostics`, async () => {
    const { vanished, brokenStates, kept, failures, keystrokes } = await typeRounds(
      language,
      file,
      gen(44),
      2,
      TYPED_STRINGS,
    );
    // Most states are syntax errors, else this would test nothing.
    assert.ok(brokenStates > keystrokes / 2, `only ${brokenStates} of ${keystrokes} states had syntax errors`);
    assert.ok(kept > 100 * keystrokes, `only ${kept} diagnostics were checked`);
    assert.equal(vanished, 0, failures.join("\n"));
  });
}

// What a keystroke in a large file costs, counted (not timed): the rules run over the subjects (HF calls, retries,
// clients) of the statement being typed in, not over every subject of the file (the others keep their diagnostics
// from the last check, rules/run.ts), and what is kept is what a run over every subject gives, keystroke by
// keystroke; the nesting check reads the edited lines, not the file.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { ruleWork } from "../../server/src/analysis/rules/run";
import { nestingWork } from "../../server/src/analysis/nesting";
import { settleWork } from "../../server/src/analysis/js/splice";
import { hfPython, hfTs } from "../support/heavyFiles";
import { ROOT } from "../support/paths";
import { TYPED, TYPED_STRINGS, typingSequence } from "../support/typing";

const CASES = [
  { language: "python", file: "/ws/heavy.py", text: hfPython(50) },
  { language: "typescript", file: "/ws/heavy.ts", text: hfTs(50) },
] as const;

for (const { language, file, text } of CASES) {
  test(`a keystroke in one ${language} function runs the rules over that function's subjects only`, async () => {
    const analyzer = await Analyzer.create({ fs: new MemoryFileSystem(), wasmDir: path.join(ROOT, "node_modules") });
    analyzer.setFile(file, text);
    const opened = ruleWork.subjects;
    const first = analyzer.check(file, {}, { fixes: false }).diagnostics;
    const everySubject = ruleWork.subjects - opened;
    assert.ok(everySubject >= 150, `the file has ${everySubject} subjects`);
    assert.ok(first.length >= 150);
    const { keystrokes } = typingSequence(language, text, 2, TYPED);
    const perKey: number[] = [];
    for (const k of keystrokes) {
      analyzer.setFile(file, k.text);
      const before = ruleWork.subjects;
      analyzer.check(file, {}, { fixes: false });
      perKey.push(ruleWork.subjects - before);
    }
    // Within a line, the typed function's own subjects (its call and retry; the call typed in once it parses).
    // A newline moves every later line: those keystrokes re-run what follows (2 of the keystrokes here).
    const newlines = keystrokes.filter((k) => k.change.text === "\n").length;
    const withinLine = perKey.filter((_, i) => keystrokes[i].change.text !== "\n");
    assert.ok(
      Math.max(...withinLine) <= 4,
      `at most 4 subjects per keystroke within a line, got ${Math.max(...withinLine)}`,
    );
    const total = perKey.reduce((a, b) => a + b, 0);
    assert.ok(
      total <= withinLine.length * 4 + newlines * everySubject,
      `${total} subject runs for ${keystrokes.length} keystrokes`,
    );
  });

  test(`kept diagnostics equal a run over every subject while typing, ${language}`, async () => {
    const analyzer = await Analyzer.create({ fs: new MemoryFileSystem(), wasmDir: path.join(ROOT, "node_modules") });
    const small = language === "python" ? hfPython(44) : hfTs(44);
    analyzer.setFile(file, small);
    const call = typingSequence(language, small, 2, TYPED);
    const strings = typingSequence(language, call.keystrokes[call.keystrokes.length - 1].text, 1, TYPED_STRINGS);
    let compared = 0;
    for (const k of [...call.keystrokes, ...strings.keystrokes]) {
      analyzer.setFile(file, k.text);
      const kept = analyzer.check(file, {}, { fixes: false }).diagnostics;
      // A predicate for fixes takes the path that keeps nothing: every subject is run again.
      const fresh = analyzer.check(file, {}, { fixes: () => false }).diagnostics;
      assert.deepEqual(kept, fresh, `after ${JSON.stringify(k.change.text)} at line ${k.change.range.start.line + 1}`);
      compared++;
    }
    assert.ok(compared > 50);
  });
}

test("a config change re-runs every subject (severities are part of what is kept)", async () => {
  const analyzer = await Analyzer.create({ fs: new MemoryFileSystem(), wasmDir: path.join(ROOT, "node_modules") });
  const text = hfPython(5);
  analyzer.setFile("/ws/a.py", text);
  const warned = analyzer.check("/ws/a.py", {}, { fixes: false }).diagnostics.filter((d) => d.code === "HF001");
  assert.ok(warned.length > 0 && warned.every((d) => d.severity === "warning"));
  const errors = analyzer
    .check("/ws/a.py", { rules: { HF001: "error" } }, { fixes: false })
    .diagnostics.filter((d) => d.code === "HF001");
  assert.deepEqual(
    errors.map((d) => d.severity),
    warned.map(() => "error"),
  );
  const off = analyzer.check("/ws/a.py", { rules: { HF001: "off" } }, { fixes: false }).diagnostics;
  assert.ok(!off.some((d) => d.code === "HF001"));
});

for (const { language, file, text } of CASES) {
  test(`a keystroke in a ${language} file reads its lines for the nesting check, not the file`, async () => {
    const analyzer = await Analyzer.create({ fs: new MemoryFileSystem(), wasmDir: path.join(ROOT, "node_modules") });
    analyzer.setFile(file, text);
    const { keystrokes } = typingSequence(language, text, 2, TYPED);
    let most = 0;
    for (const k of keystrokes) {
      const before = nestingWork.chars;
      analyzer.setFile(file, k.text);
      most = Math.max(most, nestingWork.chars - before);
    }
    assert.ok(most < 1000, `at most ${most} characters read per keystroke in a ${text.length}-character file`);
    // A file read from disk (no kept version) is counted whole, and one nested too deeply is still refused.
    const deep =
      language === "python"
        ? `x = ${"[".repeat(300)}${"]".repeat(300)}\n`
        : `const x = ${"[".repeat(500)}${"]".repeat(500)};\n`;
    analyzer.setFile(file, text + deep);
    assert.match(analyzer.check(file).skipped ?? "", /nested too deeply/);
    analyzer.setFile(file, text);
    assert.equal(analyzer.check(file).skipped, undefined);
  });
}

test("indentation typed deeper than Python allows is refused, however it was typed", async () => {
  const analyzer = await Analyzer.create({ fs: new MemoryFileSystem(), wasmDir: path.join(ROOT, "node_modules") });
  const file = "/ws/deep.py";
  let text = "from huggingface_hub import InferenceClient\n";
  analyzer.setFile(file, text);
  for (let level = 0; level < 105; level++) {
    text += `${" ".repeat(level)}if x:\n`;
    analyzer.setFile(file, text);
  }
  assert.match(analyzer.check(file).skipped ?? "", /levels of indentation/);
});

test("a keystroke in a TypeScript file moves the nodes it reads, not every node after it", async () => {
  const analyzer = await Analyzer.create({ fs: new MemoryFileSystem(), wasmDir: path.join(ROOT, "node_modules") });
  const file = "/ws/heavy.ts";
  const text = hfTs(50);
  analyzer.setFile(file, text);
  const first = analyzer.check(file, {}, { fixes: false }).diagnostics;
  const { keystrokes } = typingSequence("typescript", text, 2, TYPED);
  let moved = 0;
  for (const k of keystrokes) {
    const before = settleWork.nodes;
    analyzer.setFile(file, k.text);
    analyzer.check(file, {}, { fixes: false });
    moved = Math.max(moved, settleWork.nodes - before);
  }
  // Each function of the file is about 150 nodes; the typed one is parsed anew, the client's statement is read.
  assert.ok(moved < 500, `at most ${moved} nodes moved per keystroke`);
  // And what the analysis reads after all that typing is where it is: the last keystroke's diagnostics of the
  // untouched statements are those of a fresh analysis of the same text.
  const fresh = await Analyzer.create({ fs: new MemoryFileSystem(), wasmDir: path.join(ROOT, "node_modules") });
  const last = keystrokes[keystrokes.length - 1].text;
  fresh.setFile(file, last);
  assert.deepEqual(
    analyzer.check(file, {}, { fixes: false }).diagnostics,
    fresh.check(file, {}, { fixes: false }).diagnostics,
  );
  assert.ok(first.length > 100);
});

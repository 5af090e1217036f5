// Typing in a large file runs the rules over the subjects (HF calls, retries, clients) of the statement being typed
// in, not over every subject of the file: the others keep their diagnostics from the last check (rules/run.ts).
// Counted, not timed. And what is kept is what a run over every subject gives, keystroke by keystroke.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { ruleWork } from "../../server/src/analysis/rules/run";
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

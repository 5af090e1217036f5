// A diagnostics report of a large file is written on every keystroke: only the diagnostics that changed are
// converted and encoded again, and the report reads back as the whole list (counted, not timed).
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { LspForms, toLsp } from "../../server/src/lsp/convert";
import { encodeMessage, encodeWork } from "../../server/src/lsp/encoding";
import { hfPython, hfTs } from "../support/heavyFiles";
import { ROOT } from "../support/paths";
import { LspClient } from "../support/lsp";
import { TYPED, typingSequence } from "../support/typing";

for (const [language, file, text] of [
  ["python", "/ws/heavy.py", hfPython(50)],
  ["typescript", "/ws/heavy.ts", hfTs(50)],
] as const) {
  test(`typing in a ${language} file re-encodes the diagnostics that changed, not the report`, async () => {
    const analyzer = await Analyzer.create({ fs: new MemoryFileSystem(), wasmDir: path.join(ROOT, "node_modules") });
    const uri = `file://${file}`;
    const forms = new LspForms();
    const report = (version: number) => {
      const items = analyzer.check(file, {}, { fixes: false }).diagnostics.map((d) => forms.of(d, version, uri));
      return { jsonrpc: "2.0" as const, id: version, result: { kind: "full", items } };
    };
    analyzer.setFile(file, text);
    const first = report(1);
    assert.ok(first.result.items.length >= 150);
    const before = encodeWork.diagnostics;
    assert.deepEqual(JSON.parse(encodeMessage(first)), JSON.parse(JSON.stringify(first)));
    assert.equal(encodeWork.diagnostics - before, first.result.items.length);
    const { keystrokes } = typingSequence(language, text, 1, TYPED);
    let version = 2;
    const perKey: number[] = [];
    for (const k of keystrokes) {
      analyzer.setFile(file, k.text);
      const msg = report(version++);
      const counted = encodeWork.diagnostics;
      const json = encodeMessage(msg);
      perKey.push(encodeWork.diagnostics - counted);
      // What the client reads is the whole list, each diagnostic as a fresh conversion would write it (but for the
      // version stamp: an unchanged diagnostic keeps the version it was first reported in).
      const read = JSON.parse(json) as typeof msg;
      assert.equal(read.id, msg.id);
      assert.equal(read.result.items.length, msg.result.items.length);
      const unstamped = (d: object) => ({ ...d, data: undefined });
      const fresh = analyzer.check(file, {}, { fixes: false }).diagnostics.map((d) => toLsp(d, 0, uri));
      assert.deepEqual(read.result.items.map(unstamped), JSON.parse(JSON.stringify(fresh)).map(unstamped));
    }
    // Within the typed line only the typed function's diagnostics change; its newline moves every later line.
    const withinLine = perKey.slice(0, -1);
    assert.ok(
      Math.max(...withinLine) <= 8,
      `at most 8 diagnostics encoded per keystroke, got ${Math.max(...withinLine)}`,
    );
  });
}

test("a diagnostic unchanged since an earlier version still gets its quick fixes; a stale one gets none", async () => {
  const c = new LspClient();
  const uri = "file:///tmp/hfrg-encoding/app.py";
  const text = hfPython(3);
  try {
    await c.initialize({ pull: true });
    c.open(uri, text);
    const first = (await c.pull(uri)).items;
    const last = first[first.length - 1];
    assert.equal(last.code, "HF001");
    // A comment typed at the end of the file: every diagnostic stays as it was, stamped with version 1.
    const end = { line: text.split("\n").length - 1, character: 0 };
    c.change(uri, 2, [{ range: { start: end, end }, text: "# note\n" }]);
    const second = (await c.pull(uri)).items;
    assert.deepEqual(second, first);
    const actions = (diag: typeof last) =>
      c.connection.sendRequest("textDocument/codeAction", {
        textDocument: { uri },
        range: diag.range,
        context: { diagnostics: [diag] },
      }) as Promise<{ title: string }[]>;
    assert.ok((await actions(second[second.length - 1])).some((a) => a.title.startsWith("HF001: ")));
    // A line inserted above it moves it: the version-1 diagnostic the client still holds is stale.
    c.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "\n" }]);
    await c.pull(uri);
    assert.deepEqual(await actions(last), []);
  } finally {
    await c.close();
  }
});

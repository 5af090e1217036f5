// Pull diagnostics with result ids (as VS Code's client pulls): while a line is typed, a keystroke that changes no
// diagnostic is answered "unchanged" instead of the whole list again, and what the editor then shows is at every
// keystroke what a client pulling full reports sees (counted, not timed).
import assert from "node:assert/strict";
import { test } from "node:test";
import { hfPython, hfTs } from "../support/heavyFiles";
import { LspClient } from "../support/lsp";
import { TYPED, typingSequence } from "../support/typing";

const sorted = (items: readonly object[]) => items.map((d) => JSON.stringify(d)).sort();

for (const [language, ext, text] of [
  ["python", "py", hfPython(45)],
  ["typescript", "ts", hfTs(45)],
] as const) {
  test(`typing in a ${language} file: "unchanged" answers show the same diagnostics as full reports`, async () => {
    const editor = new LspClient();
    const plain = new LspClient();
    const uri = `file:///tmp/hfrg-unchanged/typing.${ext}`;
    try {
      await Promise.all([editor.initialize({ pull: true }), plain.initialize({ pull: true })]);
      for (const c of [editor, plain]) c.open(uri, text, language);
      assert.deepEqual(sorted((await editor.pullAsEditor(uri)).items), sorted((await plain.pull(uri)).items));
      const { keystrokes } = typingSequence(language, text, 1, TYPED);
      let version = 2;
      let unchanged = 0;
      for (const k of keystrokes) {
        for (const c of [editor, plain]) c.change(uri, version, [k.change]);
        version++;
        const shown = await editor.pullAsEditor(uri);
        const full = await plain.pull(uri);
        assert.equal(full.kind, "full", "a pull without a result id always gets the whole list");
        // The same diagnostics; their order is not the same (a held statement's come last: heldWhileBroken.ts).
        assert.deepEqual(sorted(shown.items), sorted(full.items), `after typing ${JSON.stringify(k.change.text)}`);
        if (shown.kind === "unchanged") unchanged++;
      }
      // Most keystrokes within a line change no diagnostic, or only ones that read the same (see LspForms.report).
      assert.ok(unchanged >= keystrokes.length / 4, `${unchanged} of ${keystrokes.length} answers were "unchanged"`);
      // A result id the server did not give last (an older report) gets the whole list.
      const stale = (await editor.connection.sendRequest("textDocument/diagnostic", {
        textDocument: { uri },
        previousResultId: "0",
      })) as { kind: string; items: unknown[] };
      assert.equal(stale.kind, "full");
      assert.deepEqual(sorted(stale.items as object[]), sorted((await plain.pull(uri)).items));
    } finally {
      await Promise.all([editor.close(), plain.close()]);
    }
  });
}

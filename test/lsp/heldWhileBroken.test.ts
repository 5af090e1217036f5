// Typing a statement key by key over stdio, as VS Code pulls: while the statement is broken its diagnostics are
// held as last reported, so those keystrokes are answered "unchanged" (counted, not timed); whenever the file parses,
// what the editor shows is what a fresh analysis of that text reports, and after the sequence it is exactly what a
// new server reports for the final text (nothing held is left behind once the statement is valid again).
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { toLsp } from "../../server/src/lsp/convert";
import { hfPython, hfTs } from "../support/heavyFiles";
import { LspClient, type PublishedDiagnostics } from "../support/lsp";
import { ROOT } from "../support/paths";
import { TYPED, TYPED_STRINGS, typingSequence } from "../support/typing";

type Shown = PublishedDiagnostics["diagnostics"];

/** What an editor shows of a report, in a fixed order, without the version stamps (`data`). */
function shown(items: readonly object[]): string[] {
  return items.map((d) => JSON.stringify({ ...d, data: undefined })).sort();
}

for (const [language, ext, text] of [
  ["python", "py", hfPython(45)],
  ["typescript", "ts", hfTs(45)],
] as const) {
  test(`typing in a ${language} file: broken states answer "unchanged", valid ones what a fresh analysis says`, async () => {
    const uri = `file:///tmp/hfrg-held/typing.${ext}`;
    const file = `/tmp/hfrg-held/typing.${ext}`;
    // The reference: an analyzer of its own, fed the same texts (for valid code an edit's analysis equals a fresh
    // one: test/unit/*/incremental.test.ts), also saying which states are broken.
    const reference = await Analyzer.create({ fs: new MemoryFileSystem(), wasmDir: path.join(ROOT, "node_modules") });
    const expected = (t: string) => {
      reference.setFile(file, t);
      const result = reference.check(file, {}, { fixes: false });
      return {
        broken: result.notes.some((n) => n.startsWith("syntax errors")),
        items: result.diagnostics.map((d) => toLsp(d, 0, uri)),
      };
    };
    const editor = new LspClient();
    try {
      await editor.initialize({ pull: true });
      editor.open(uri, text, language);
      await editor.pullAsEditor(uri);
      const call = typingSequence(language, text, 2, TYPED);
      const strings = typingSequence(language, call.keystrokes[call.keystrokes.length - 1].text, 1, TYPED_STRINGS);
      const keystrokes = [...call.keystrokes, ...strings.keystrokes];
      let version = 2;
      let broken = 0;
      let unchanged = 0;
      const fullWhileBroken: string[] = [];
      let last: Shown = [];
      for (const k of keystrokes) {
        editor.change(uri, version++, [k.change]);
        const answer = await editor.pullAsEditor(uri);
        const now = expected(k.text);
        if (answer.kind === "unchanged") unchanged++;
        if (now.broken) {
          broken++;
          if (answer.kind !== "unchanged") fullWhileBroken.push(JSON.stringify(k.change.text));
        } else {
          assert.deepEqual(shown(answer.items), shown(now.items), `after typing ${JSON.stringify(k.change.text)}`);
        }
        last = answer.items;
      }
      // Most of the typing is broken code, and none of it made the editor read the whole list again.
      assert.ok(broken >= keystrokes.length / 2, `${broken} of ${keystrokes.length} states were broken`);
      assert.deepEqual(fullWhileBroken, [], "full reports while the statement was broken");
      assert.ok(unchanged >= broken, `${unchanged} of ${keystrokes.length} answers were "unchanged"`);

      // The final text is valid: a new server reports exactly what the editor shows.
      const finalText = keystrokes[keystrokes.length - 1].text;
      assert.equal(expected(finalText).broken, false);
      const fresh = new LspClient();
      try {
        await fresh.initialize({ pull: true });
        fresh.open(uri, finalText, language);
        assert.deepEqual(shown(last), shown((await fresh.pull(uri)).items));
      } finally {
        await fresh.close();
      }
    } finally {
      await editor.close();
    }
  });
}

// Issue 15: in the editor, the HF001 quick fix for a project where more than one file needs the helper is one
// WorkspaceEdit that creates hf_retry.py and edits the document's imports and call; fix-all does the same.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { LspClient } from "../support/lsp";
import { tempDir } from "../support/tempDir";

const ASK = `from huggingface_hub import InferenceClient

client = InferenceClient()
client.text_generation("hi")
`;

type Change = { kind?: string; uri?: string; textDocument?: { uri: string }; edits?: { newText: string }[] };

test("the quick fix creates the helper module and imports it in one WorkspaceEdit", async () => {
  const dir = tempDir("hfrg-lsp-module-");
  for (const f of ["a.py", "b.py"]) fs.writeFileSync(path.join(dir, f), ASK);
  const uri = pathToFileURL(path.join(dir, "a.py")).toString();
  const moduleUri = pathToFileURL(path.join(dir, "hf_retry.py")).toString();
  const c = new LspClient();
  try {
    await c.initialize({ pull: true, folders: [pathToFileURL(dir).toString()] });
    c.open(uri, ASK);
    const diag = await c.waitFor(
      async () => (await c.pull(uri)).items.find((d: { code?: unknown }) => d.code === "HF001"),
      "HF001 in a.py",
    );
    const actions = (await c.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as { isPreferred?: boolean; edit: { documentChanges: Change[] } }[];
    const changes = actions.find((a) => a.isPreferred)!.edit.documentChanges;
    assert.deepEqual(changes[0], { kind: "create", uri: moduleUri, options: { ignoreIfExists: true } });
    assert.equal(changes[1].textDocument?.uri, moduleUri);
    assert.match(changes[1].edits![0].newText, /^def hf_retry\(call, \*args, \*\*kwargs\):/m);
    assert.equal(changes[2].textDocument?.uri, uri);
    assert.ok(changes[2].edits!.some((e) => e.newText.includes("from hf_retry import hf_retry")));
    const fixAll = (await c.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll.hfRateGuard"] },
    })) as { edit: { documentChanges: Change[] } }[];
    assert.equal(fixAll[0].edit.documentChanges[0].kind, "create");
    // Not applied yet: the next quick fix still offers to create the module (it is not assumed to exist).
    const again = (await c.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as { isPreferred?: boolean; edit: { documentChanges: Change[] } }[];
    assert.equal(again.find((a) => a.isPreferred)!.edit.documentChanges[0].kind, "create");
  } finally {
    await c.close();
  }
});

// Issue 16, "Version ranges", in the editor: the HF001 code action that raises a range's floor is a WorkspaceEdit
// on the manifest the range came from (requirements.txt here), offered after the code fix and not preferred.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { LspClient } from "../support/lsp";
import { tempDir } from "../support/tempDir";

const WEIGHTS = `from huggingface_hub import hf_hub_download

path = hf_hub_download("org/model", "model.safetensors")
`;

type Change = { textDocument?: { uri: string; version: number | null }; edits?: { range: unknown; newText: string }[] };

test("the floor fix edits requirements.txt where the range is written", async () => {
  const dir = tempDir("hfrg-lsp-range-");
  fs.writeFileSync(path.join(dir, "weights.py"), WEIGHTS);
  fs.writeFileSync(path.join(dir, "requirements.txt"), "torch>=2\nhuggingface_hub>=0.31.2\n");
  const uri = pathToFileURL(path.join(dir, "weights.py")).toString();
  const manifest = pathToFileURL(path.join(dir, "requirements.txt")).toString();
  const c = new LspClient();
  try {
    await c.initialize({ pull: true, folders: [pathToFileURL(dir).toString()] });
    c.open(uri, WEIGHTS);
    const diag = await c.waitFor(
      async () => (await c.pull(uri)).items.find((d: { code?: unknown }) => d.code === "HF001"),
      "HF001 in weights.py",
    );
    assert.match(diag.message, /`huggingface_hub>=0\.31\.2` in requirements\.txt admits versions that do not retry/);
    const actions = (await c.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as { title: string; isPreferred?: boolean; edit: { documentChanges: Change[] } }[];
    const floor = actions.find((a) => a.title === "HF001: Require huggingface_hub>=1.2.0 in requirements.txt");
    assert.ok(floor, actions.map((a) => a.title).join("; "));
    assert.equal(floor.isPreferred, false);
    const edit = floor.edit.documentChanges.find((ch) => ch.textDocument?.uri === manifest)!;
    assert.deepEqual(edit.edits, [
      { range: { start: { line: 1, character: 15 }, end: { line: 1, character: 23 } }, newText: ">=1.2.0" },
    ]);
  } finally {
    await c.close();
  }
});

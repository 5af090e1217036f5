// Hostile files in the language server (issues 12 and 13): a malformed notebook, 5,000-level nesting, a 10 MB
// single-line file and a minified bundle with an HF URL are each turned away cheaply, before any parser sees them,
// and neither Check Workspace nor the answers about other files suffer.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { LspClient } from "../support/lsp";
import { tempDir } from "../support/tempDir";

const BARE = `from huggingface_hub import InferenceClient\nclient = InferenceClient()\nclient.chat_completion(messages=[])\n`;
const HF_FETCH = `fetch("https://router.huggingface.co/v1/chat/completions", { method: "POST" });`;

function hostileFiles(): Record<string, string> {
  return {
    "app.py": BARE,
    "bad.ipynb": JSON.stringify({
      cells: [null, { cell_type: "code", source: [BARE, 7] }],
      metadata: { kernelspec: { language: 5 } },
    }),
    "deep.py": BARE + "x = " + "(\n".repeat(5000) + "1" + ")\n".repeat(5000),
    "deep.ts":
      `import { InferenceClient } from "@huggingface/inference";\n` +
      "const x = " +
      "[\n".repeat(5000) +
      "1" +
      "]\n".repeat(5000) +
      ";\n",
    "big.js": HF_FETCH + "var a=1;".repeat((10 * 1024 * 1024) / 8),
    "bundle.min.js": ("!function(){" + HF_FETCH + "var b=[1,2,3].map(function(x){return x*2});}();").repeat(400),
  };
}

test("Check Workspace gets through a malformed notebook and hostile files, every time, and reports the rest", async () => {
  const dir = tempDir("hfrg-lsp-hostile-");
  for (const [rel, text] of Object.entries(hostileFiles())) fs.writeFileSync(path.join(dir, rel), text);
  const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();
  const c = new LspClient();
  try {
    await c.initialize({ pull: true, folders: [pathToFileURL(dir).toString()] });
    for (let round = 0; round < 2; round++) {
      const result = (await c.connection.sendRequest("workspace/executeCommand", {
        command: "hfRateGuard.server.checkWorkspace",
        arguments: [],
      })) as { files: number };
      assert.equal(result.files, 6, `round ${round}`);
      assert.deepEqual(
        c.published.get(uri("app.py"))?.diagnostics.map((d) => d.code),
        ["HF001"],
      );
    }
    // Opened in the editor, they are answered like any file, and so is the file next to them.
    const texts = hostileFiles();
    for (const rel of ["deep.py", "deep.ts", "big.js", "bundle.min.js"])
      c.open(uri(rel), texts[rel], rel.endsWith(".py") ? "python" : rel.endsWith(".ts") ? "typescript" : "javascript");
    c.open(uri("app.py"), BARE);
    for (const rel of ["deep.py", "deep.ts", "big.js", "bundle.min.js"])
      assert.deepEqual((await c.pull(uri(rel))).items, [], rel);
    assert.deepEqual(
      (await c.pull(uri("app.py"))).items.map((d) => d.code),
      ["HF001"],
    );
    assert.doesNotMatch(c.stderr, /internal error|RangeError|RuntimeError/);
  } finally {
    await c.close();
  }
});

// What a one-shot check keeps per file (issue 13, cold scans): the text of a file with nothing to check is not kept,
// the text of any file the rules, fixes or other files may still read is, and the diagnostics are the same either way.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { ROOT } from "../support/paths";

const files: Record<string, string> = {
  "/ws/app/plain.py": "def add(a, b):\n    return a + b\n",
  "/ws/app/notes.ts": "export const greeting = 'hello';\n",
  // Mentions HF but makes no call, client or helper: parsed, and still nothing to read later.
  "/ws/app/mentions.py": "# huggingface_hub is used elsewhere\nVALUE = 'huggingface'\n",
  "/ws/app/call.py":
    "from huggingface_hub import InferenceClient\nfrom app.retry import with_backoff\n\nclient = InferenceClient()\n\ndef ask(p):\n    return client.text_generation(p)\n\ndef safe(p):\n    return with_backoff(lambda: client.text_generation(p))\n",
  // A retry helper another file imports: its exports are read while checking call.py.
  "/ws/app/retry.py":
    "import time\n\ndef with_backoff(fn):\n    for attempt in range(5):\n        try:\n            return fn()\n        except Exception as err:\n            if '429' not in str(err):\n                raise\n            time.sleep(2 ** attempt)\n",
  "/ws/app/bill.py": "import os\nos.environ['HF_BILL_TO'] = 'acme'\n",
};

async function analyzer(keepInertTexts: boolean | "given"): Promise<Analyzer> {
  const a = await Analyzer.create({
    fs: new MemoryFileSystem(files),
    wasmDir: path.join(ROOT, "node_modules"),
    incremental: false,
    keepInertTexts,
  });
  for (const p of Object.keys(files)) a.setFile(p);
  return a;
}

test("a one-shot check keeps only the texts it may still read, and reports the same", async () => {
  const kept = await analyzer(true);
  const lean = await analyzer(false);
  for (const p of Object.keys(files)) {
    assert.deepEqual(lean.check(p, {}, { fixes: false }), kept.check(p, {}, { fixes: false }), p);
    assert.equal(kept.text(p), files[p]);
  }
  assert.equal(lean.text("/ws/app/plain.py"), "");
  assert.equal(lean.text("/ws/app/notes.ts"), "");
  assert.equal(lean.text("/ws/app/mentions.py"), "");
  assert.equal(lean.text("/ws/app/call.py"), files["/ws/app/call.py"]);
  assert.equal(lean.text("/ws/app/retry.py"), files["/ws/app/retry.py"]);
  assert.ok(lean.check("/ws/app/call.py", {}, { fixes: false }).diagnostics.length > 0);
});

test("the language server's analyzer drops the inert texts it read from disk, never an editor buffer's", async () => {
  const kept = await analyzer(true);
  const server = await analyzer("given");
  for (const p of Object.keys(files))
    assert.deepEqual(server.check(p, {}, { fixes: false }), kept.check(p, {}, { fixes: false }), p);
  assert.equal(server.text("/ws/app/plain.py"), "");
  assert.equal(server.text("/ws/app/notes.ts"), "");
  assert.equal(server.text("/ws/app/call.py"), files["/ws/app/call.py"]);
  assert.equal(server.text("/ws/app/retry.py"), files["/ws/app/retry.py"]);
  // Opened in the editor: the buffer is kept, inert or not (code actions and fixes read it).
  const buffer = "def add(a, b):\n    return a - b\n";
  server.setFile("/ws/app/plain.py", buffer);
  assert.equal(server.text("/ws/app/plain.py"), buffer);
  const edited = files["/ws/app/call.py"].replace("ask(p)", "ask(prompt, p=None)");
  server.setFile("/ws/app/call.py", edited);
  assert.equal(server.text("/ws/app/call.py"), edited);
  assert.ok(server.fixAll("/ws/app/call.py").changed);
});

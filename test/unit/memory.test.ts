// Typing for a long time must not grow memory: results kept across edits may not keep old versions of the file
// (old statements, old texts) reachable. Measured after forced collections, with edits that keep the file's
// size constant; a leak of one version per edit grows the heap by megabytes within a few hundred edits.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import v8 from "node:v8";
import vm from "node:vm";
import { Analyzer } from "../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { ROOT } from "../support/paths";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function typing(file: string, fn: (i: number) => string, line: string): Promise<number> {
  let text = "";
  for (let i = 0; i < 60; i++) text += fn(i);
  const analyzer = await Analyzer.create({
    fs: new MemoryFileSystem({ [file]: text }),
    wasmDir: path.join(ROOT, "node_modules"),
  });
  // Each edit adds a line to one function and takes back the line added to another, so the size stays the same.
  let current = text;
  const edit = (i: number) => {
    const base = text;
    const at = base.indexOf("\n", base.indexOf(`ask${(i * 7) % 60}(`)) + 1;
    current = base.slice(0, at) + line.replace("N", String(i)) + base.slice(at);
    analyzer.setFile(file, current);
    analyzer.check(file, {}, { fixes: false });
  };
  for (let i = 0; i < 100; i++) edit(i);
  const before = heapAfterGc();
  for (let i = 100; i < 500; i++) edit(i);
  return heapAfterGc() - before;
}

test("typing 400 edits in a Python file does not grow the heap", async () => {
  const grown = await typing(
    "/ws/memory.py",
    (i) =>
      `\n\ndef ask${i}(prompt):\n    for attempt in range(3):\n        try:\n            return client.chat_completion(messages=[{"role": "user", "content": prompt}])\n        except HfHubHTTPError:\n            time.sleep(2 ** attempt)\n`,
    "    value = N\n",
  );
  assert.ok(grown < 4 * 1024 * 1024, `the heap grew by ${(grown / 1048576).toFixed(1)} MB`);
});

test("typing 400 edits in a TypeScript file does not grow the heap", async () => {
  const grown = await typing(
    "/ws/memory.ts",
    (i) =>
      `\nexport async function ask${i}(prompt: string) {\n  for (let attempt = 0; attempt < 3; attempt++) {\n    try {\n      return await client.chatCompletion({ model: "m", messages: [{ role: "user", content: prompt }] });\n    } catch (err) {\n      await new Promise((r) => setTimeout(r, 2 ** attempt * 1000));\n    }\n  }\n}\n`,
    "  const value = N;\n",
  );
  assert.ok(grown < 4 * 1024 * 1024, `the heap grew by ${(grown / 1048576).toFixed(1)} MB`);
});

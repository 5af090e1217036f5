// A cold scan on several threads reads every file on the main thread and decides there which ones need parsing
// (cli/parallel.ts `scanJobs`); the Analyzer the file is then given to must not run the prefilter over it again.
// The prefilter is the main thread's largest cost per file in a workspace where most files hold nothing.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../server/src/analysis/analyzer";
import { prefilterCounts } from "../../server/src/analysis/prefilter";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { scanJobs, WorkerModels } from "../../server/src/cli/parallel";
import { ROOT } from "../support/paths";

const files: Record<string, string> = {
  "/ws/app/plain.py": "def add(a, b):\n    return a + b\n",
  "/ws/app/notes.ts": "export const greeting = 'hello';\n",
  "/ws/app/other.js": "module.exports = { twice: (x) => 2 * x };\n",
  "/ws/app/call.py":
    "from huggingface_hub import InferenceClient\n\nclient = InferenceClient()\n\ndef ask(p):\n    return client.text_generation(p)\n",
};

test("a scan runs the prefilter once over each file that holds nothing, and reports the same as setFile alone", async () => {
  const make = () =>
    Analyzer.create({ fs: new MemoryFileSystem(files), wasmDir: path.join(ROOT, "node_modules"), incremental: false });
  const scanned = await make();
  const before = prefilterCounts.runs;
  const jobs = scanJobs(
    Object.keys(files),
    (p) => files[p],
    (p, text) => scanned.worthParsing(p, text),
    () => ({}),
    new WorkerModels(),
    (p, text) => scanned.setFile(p, text),
  );
  assert.deepEqual(
    jobs.map((j) => j.path),
    ["/ws/app/call.py"],
  );
  // The three plain files: screened once each, not again when set.
  assert.equal(prefilterCounts.runs - before, 3 + 1);
  for (const job of jobs) scanned.setFile(job.path, job.text);

  const direct = await make();
  for (const p of Object.keys(files)) direct.setFile(p, files[p]);
  for (const p of Object.keys(files)) {
    assert.ok(scanned.hasFile(p), p);
    assert.deepEqual(scanned.check(p, {}, { fixes: false }), direct.check(p, {}, { fixes: false }), p);
  }
  assert.ok(direct.check("/ws/app/call.py", {}, { fixes: false }).diagnostics.length > 0);
});

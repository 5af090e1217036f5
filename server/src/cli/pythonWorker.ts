// Bundle entry of the Python-only scan worker (dist/pyWorker.js). Most of a cold scan is Python files, and a
// worker running the whole CLI bundle also loads TypeScript's compiler (10 MB of JavaScript, tens of MB of memory
// per thread) that it never uses for them; this bundle holds the Python frontend alone. See parallel.ts.
import { parentPort, workerData } from "node:worker_threads";
import { analyzePython, initPython } from "../analysis/python/index";
import { analyseBatch, type Job } from "./scanBatch";

async function pythonWorker(): Promise<void> {
  await initPython((workerData as { wasmDir: string }).wasmDir);
  parentPort!.on("message", (batch: Job[]) => parentPort!.postMessage(analyseBatch(batch, { python: analyzePython })));
  parentPort!.postMessage("ready");
}

void pythonWorker();

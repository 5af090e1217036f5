// Bundle entry of the scan worker (dist/scanWorker.js; see parallel.ts). Most of a cold scan is Python files, and a
// worker running the whole CLI bundle would load TypeScript's compiler (10 MB of JavaScript, tens of MB of memory
// per thread) that it never uses for them: this bundle holds the Python frontend alone, and loads the JS/TS frontend
// (dist/jsFrontend.js) from its own bundle only when it is first given a JS/TS file.
import * as path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { analyzePython, initPython } from "../analysis/python/index";
import type { FileModel, FrontendInput } from "../analysis/model";
import { analyseBatch, type Frontend, type Job } from "./scanBatch";

let analyzeJs: Frontend | undefined;

/** The JS/TS frontend, loaded on first use; a file it cannot be loaded for gets no model (the main thread's then). */
function js(input: FrontendInput): FileModel {
  // A require at run time on purpose: the bundle must not hold the JS/TS frontend (see the file's head).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  analyzeJs ??= (require(path.join(__dirname, "jsFrontend.js")) as { analyzeJs: Frontend }).analyzeJs;
  return analyzeJs(input);
}

async function scanWorker(): Promise<void> {
  await initPython((workerData as { wasmDir: string }).wasmDir);
  parentPort!.on("message", (batch: Job[]) =>
    parentPort!.postMessage(analyseBatch(batch, { python: analyzePython, js })),
  );
  parentPort!.postMessage("ready");
}

void scanWorker();

// Cold scans on every core. Nearly all of a cold scan is the frontends (parsing a file and judging its calls), and
// a file's model depends only on its path, text and package versions (see modelCache.ts), so that part runs in
// worker threads. The main thread still reads every file, holds the workspace, and applies cross-file facts,
// config and rules file by file in the same order as before: the report is the one a single thread gives, and a
// file a worker could not analyse (it threw, or the worker died) is simply analysed on the main thread.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { ModelCache, ModelCacheKey } from "../analysis/modelCache";
import type { FileModel, PackageVersions } from "../analysis/model";
import { fileKind, mayMatter, skipReason } from "../analysis/fileKinds";
import { analyzeJs } from "../analysis/js/index";
import { analyzePython, initPython } from "../analysis/python/index";
import { reapplyHeapFlags } from "./heapGrowth";
import { analyseBatch, type Job, type Reply } from "./scanBatch";

export type { Job } from "./scanBatch";

/** Text per batch: big enough that messages are few, small enough that a fast worker takes over a slow one's share. */
const BATCH_CHARS = 256 * 1024;

/**
 * Models computed by the workers, handed to the Analyzer through its cache interface: a file whose path and text
 * (the same string the job carried) match gets its worker's model, and everything else goes to `inner` (the disk
 * cache, when there is one), which also stores what the workers computed.
 */
export class WorkerModels implements ModelCache {
  private readonly models = new Map<string, { text: string; model: FileModel; stored: boolean }>();
  /** Files `inner` was asked about and did not have, by path, with the text asked about. */
  private readonly missed = new Map<string, string>();
  constructor(private readonly inner?: ModelCache) {}

  add(job: Job, model: FileModel): void {
    this.models.set(job.path, { text: job.text, model, stored: false });
  }

  /** Whether `inner` already has the file (then no worker needs it); its answer is kept for the Analyzer's `get`. */
  cached(key: ModelCacheKey): boolean {
    const model = this.inner?.get(key);
    if (model) this.models.set(key.path, { text: key.text, model, stored: true });
    else this.missed.set(key.path, key.text);
    return model !== undefined;
  }

  get(key: ModelCacheKey): FileModel | undefined {
    const found = this.models.get(key.path);
    if (found && found.text === key.text) {
      this.models.delete(key.path);
      if (!found.stored) this.inner?.set(key, found.model);
      return found.model;
    }
    // Asked once already (and counted as a miss): a file no worker could analyse is analysed by the caller.
    if (this.missed.get(key.path) === key.text) {
      this.missed.delete(key.path);
      return undefined;
    }
    return this.inner?.get(key);
  }

  set(key: ModelCacheKey, model: FileModel): void {
    this.inner?.set(key, model);
  }
}

/**
 * Worker threads for a scan: the main thread analyses too, so one fewer than the cores the machine offers
 * (`--jobs` counts all threads), and never more than there are batches to share.
 */
export function workerCount(requested: number | undefined, jobs: Job[]): number {
  const chars = jobs.reduce((n, j) => n + j.text.length, 0);
  const batches = Math.ceil(chars / BATCH_CHARS);
  const threads = requested ?? os.availableParallelism();
  // Starting a worker loads the analyzer again (about a quarter of a second): only worth it for real work.
  if (threads <= 1 || batches < 2) return 0;
  return Math.min(threads - 1, batches - 1);
}

/**
 * How many of `workers` run the whole CLI bundle (and so take JS/TS files too); the others run the Python-only
 * bundle, which leaves TypeScript's compiler unloaded. The main thread takes JS/TS files first, so extra JS
 * threads are only worth it when its share of the JS/TS text is larger than one thread's share of all the work.
 */
export function jsWorkerCount(workers: number, jobs: Job[]): number {
  let js = 0;
  let all = 0;
  for (const j of jobs) {
    all += j.text.length;
    if (j.language === "js") js += j.text.length;
  }
  if (!all) return 0;
  return Math.min(workers, Math.max(0, Math.round(((workers + 1) * js) / all) - 1));
}

/**
 * A worker's heap: a scan's garbage is collected early instead of letting every thread's heap grow (memory is
 * counted for the whole process). A worker that runs out only costs speed: its files go back to the main thread.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };

/** The Python-only worker bundle next to the CLI bundle (see pythonWorker.ts). */
export function pythonWorkerScript(cliScript: string): string | undefined {
  const lean = path.join(path.dirname(cliScript), "pyWorker.js");
  return fs.existsSync(lean) ? lean : undefined;
}

/**
 * Runs the frontends of `jobs` on `threads` worker threads and on this thread, adding each model to `into`, then
 * handing the job to `settle` (also a job no thread could analyse, once that is known). The array is emptied and a
 * job is let go once settled: a scan holds the text of the files still to analyse, not of every file.
 * Workers run `script` (the CLI bundle) or, for those that take only Python files, `pythonScript`. Batches are
 * handed out as threads ask, largest files first, so no thread is left with the longest file at the end; each
 * worker has two batches in hand so it never waits for this thread. This thread takes JS/TS batches first (the
 * Python-only workers cannot), then Python ones.
 */
export async function analyseInWorkers(
  jobs: Job[],
  threads: number,
  script: string,
  wasmDir: string,
  into: WorkerModels,
  pythonScript: string | undefined,
  settle: (job: Job) => void,
): Promise<void> {
  const bySize = (a: Job, b: Job) => b.text.length - a.text.length;
  const queues = {
    python: jobs.filter((j) => j.language === "python").sort(bySize),
    js: jobs.filter((j) => j.language === "js").sort(bySize),
  };
  const full = pythonScript ? jsWorkerCount(threads, jobs) : threads;
  const byPath = new Map(jobs.map((j) => [j.path, j]));
  jobs.length = 0;
  const done = (replies: Reply[]) => {
    for (const r of replies) {
      const job = byPath.get(r.path)!;
      byPath.delete(r.path);
      if (r.model) into.add(job, r.model);
      settle(job);
    }
  };
  const take = (queue: Job[]): Job[] => {
    const batch: Job[] = [];
    let chars = 0;
    while (queue.length && (batch.length === 0 || chars + queue[queue.length - 1].text.length <= BATCH_CHARS)) {
      // The largest file left opens a batch, the smallest fill it up.
      const job = chars === 0 ? queue.shift()! : queue.pop()!;
      batch.push(job);
      chars += job.text.length;
    }
    return batch;
  };
  // This thread's JS/TS files, smallest first: its young generation is capped once it has grown (heapGrowth.ts),
  // which a first batch holding the largest file would outgrow at once. Only the order of the last batches matters
  // for the balance, and those are shared Python ones.
  const takeSmallest = (queue: Job[]): Job[] => {
    const batch: Job[] = [];
    let chars = 0;
    while (queue.length && (batch.length === 0 || chars + queue[queue.length - 1].text.length <= BATCH_CHARS)) {
      const job = queue.pop()!;
      batch.push(job);
      chars += job.text.length;
    }
    return batch;
  };
  const next = (jsFirst: boolean, pythonOnly: boolean): Job[] => {
    if (pythonOnly) return take(queues.python);
    const first = jsFirst ? takeSmallest(queues.js) : take(queues.python);
    return first.length ? first : jsFirst ? take(queues.python) : take(queues.js);
  };
  const workers = Array.from(
    { length: threads },
    (_, index) =>
      new Promise<void>((resolve) => {
        const pythonOnly = index >= full;
        const worker = new Worker(pythonOnly ? pythonScript! : script, {
          workerData: { hfRateGuardWorker: true, wasmDir },
          resourceLimits: WORKER_LIMITS,
        });
        // Starting a worker resets V8's flags (at some point of its start this thread does not see): the scan's heap
        // bounds are set again when it is online, and before each file this thread analyses.
        worker.on("online", reapplyHeapFlags);
        let inHand = 0;
        const give = () => {
          while (inHand < 2) {
            // Full workers share the JS/TS files with this thread once Python is done.
            const batch = next(false, pythonOnly);
            if (!batch.length) break;
            worker.postMessage(batch);
            inHand++;
          }
          if (inHand === 0) void worker.terminate().then(() => resolve());
        };
        worker.on("message", (replies: Reply[] | "ready") => {
          if (replies !== "ready") {
            inHand--;
            done(replies);
          }
          give();
        });
        // A worker that dies loses only speed: the files it held are analysed on the main thread later.
        worker.on("error", () => resolve());
        worker.on("exit", () => resolve());
      }),
  );
  // This thread takes batches too, yielding between them so the workers' replies are taken in.
  for (;;) {
    await new Promise((r) => setImmediate(r));
    const batch = next(true, false);
    if (!batch.length) break;
    // File by file, so each is settled (and its memory checked) as soon as it is analysed; the heap's bounds are set
    // again before each, since a worker starting up resets them at a moment this thread does not see.
    for (const job of batch) {
      reapplyHeapFlags();
      done(analyse([job]));
    }
  }
  await Promise.all(workers);
  // A worker stopping resets V8's flags too.
  reapplyHeapFlags();
  // Batches a dead worker held: analysed here, when settled.
  for (const job of byPath.values()) settle(job);
}

function analyse(batch: Job[]): Reply[] {
  return analyseBatch(batch, { python: analyzePython, js: analyzeJs });
}

/** Whether this thread is a scan worker (the CLI bundle's entry then runs `workerMain` instead of the command). */
export function isScanWorker(): boolean {
  return !isMainThread && (workerData as { hfRateGuardWorker?: boolean } | undefined)?.hfRateGuardWorker === true;
}

/** A worker's life: load the frontends, then analyse each batch it is given and send the models back. */
export async function workerMain(): Promise<void> {
  await initPython((workerData as { wasmDir: string }).wasmDir);
  parentPort!.on("message", (batch: Job[]) => parentPort!.postMessage(analyse(batch)));
  parentPort!.postMessage("ready");
}

/**
 * The jobs of a scan: files the Analyzer would parse (analysable, not skipped, mentioning something HF-related),
 * unless the cache has them. Notebooks stay on the main thread (their analysed text is the joined cells). Every
 * other file read here goes to `settle` at once with its text (nothing is read twice, and nothing waits holding a
 * text no thread needs); the jobs' texts go with the jobs.
 */
export function scanJobs(
  paths: string[],
  read: (path: string) => string | undefined,
  versionsOf: (path: string) => PackageVersions,
  models: WorkerModels,
  settle: (path: string, text: string) => void,
): Job[] {
  const jobs: Job[] = [];
  for (const path of paths) {
    const kind = fileKind(path);
    if (!kind || kind === "notebook") continue;
    const text = read(path);
    if (text === undefined) continue;
    if (skipReason(text) || !mayMatter(text, kind)) {
      settle(path, text);
      continue;
    }
    const versions = versionsOf(path);
    if (models.cached({ path, text, versions })) {
      settle(path, text);
      continue;
    }
    jobs.push({ path, language: kind === "js" ? "js" : "python", text, versions });
  }
  return jobs;
}

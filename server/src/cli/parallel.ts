// Cold scans on every core. Nearly all of a cold scan is the frontends (parsing a file and judging its calls), and
// a file's model depends only on its path, text and package versions (see modelCache.ts), so that part runs in
// worker threads. The main thread still reads every file, holds the workspace, and applies cross-file facts,
// config and rules file by file in the same order as before: the report is the one a single thread gives, and a
// file a worker could not analyse (it threw, or the worker died) is simply analysed on the main thread.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { ModelCache, ModelCacheKey } from "../analysis/modelCache";
import type { FileModel, PackageVersions } from "../analysis/model";
import { fileKind } from "../analysis/fileKinds";
import { analyzeJs } from "../analysis/js/index";
import { analyzePython } from "../analysis/python/index";
import { reapplyHeapFlags, sizeWorkersYoungGeneration } from "./heapGrowth";
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

  screened(path: string, text: string): boolean | undefined {
    return this.inner?.screened?.(path, text);
  }

  setInert(path: string, text: string): void {
    this.inner?.setInert?.(path, text);
  }
}

/**
 * A worker's heap: a scan's garbage is collected early instead of letting every thread's heap grow (memory is
 * counted for the whole process). A worker that runs out only costs speed: its files go back to the main thread.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };

/** The scan worker's bundle next to the CLI bundle (see scanWorker.ts); without it everything runs on this thread. */
export function scanWorkerScript(cliScript: string): string | undefined {
  const lean = path.join(path.dirname(cliScript), "scanWorker.js");
  return fs.existsSync(lean) ? lean : undefined;
}

/**
 * JS/TS text left over that a worker must see before it loads TypeScript's compiler for it (a quarter of a second
 * and tens of MB per thread): a little is better left to this thread, which has it loaded already.
 */
const JS_WORTH_LOADING = 2 * BATCH_CHARS;

interface PoolWorker {
  worker: Worker;
  /** Batches sent and not answered yet. */
  inHand: number;
  /** Whether it has taken JS/TS files (and so loaded TypeScript's compiler). */
  js: boolean;
  /** Settled when the worker is gone (stopped once out of work, or died). */
  gone: Promise<void>;
}

/**
 * The worker threads of a scan. They are started while this thread reads the files (`add`), so that loading the
 * worker bundle and the parser overlaps the reading instead of following it; the main thread analyses too, so a
 * scan uses one fewer worker than the threads asked for (`--jobs`, default one per core), and never more than
 * there are batches of text to share (starting a worker costs about a quarter of a second of CPU).
 */
export class ScanPool {
  private readonly threads: number;
  private readonly workers: PoolWorker[] = [];
  private chars = 0;
  /** Python jobs found and not sent yet while the files are read, and their text. */
  private readonly found: Job[] = [];
  private foundChars = 0;
  /** Jobs sent while the files were read (their answers are taken in by `run`). */
  private readonly sent = new Set<Job>();
  /** Files the workers analysed, and how many of them were JS/TS (the `--verbose` note). */
  readonly analysed = { files: 0, js: 0 };
  /** What answers and idle workers do, once `run` has the jobs. */
  private onReply?: (w: PoolWorker, replies: Reply[] | "ready") => void;

  constructor(
    requested: number | undefined,
    private readonly script: string,
    private readonly wasmDir: string,
  ) {
    this.threads = requested ?? os.availableParallelism();
  }

  /** Worker threads started. */
  get size(): number {
    return this.workers.length;
  }

  /**
   * Counts a job's text, starting another worker once the text so far makes one more batch than threads, and sends
   * Python files found so far to workers that have fewer than two batches in hand (in the order they were found:
   * the order only matters for the last batches, handed out by `run`).
   */
  add(job: Job): void {
    this.chars += job.text.length;
    const wanted = Math.min(this.threads - 1, Math.ceil(this.chars / BATCH_CHARS) - 1);
    while (this.workers.length < wanted) this.start();
    if (job.language !== "python") return;
    this.found.push(job);
    this.foundChars += job.text.length;
    for (const w of this.workers) {
      while (w.inHand < 2 && this.foundChars >= BATCH_CHARS) {
        const batch: Job[] = [];
        let chars = 0;
        while (chars < BATCH_CHARS) {
          const next = this.found.shift()!;
          batch.push(next);
          chars += next.text.length;
          this.sent.add(next);
        }
        this.foundChars -= chars;
        w.worker.postMessage(batch);
        w.inHand++;
      }
    }
  }

  private start(): void {
    if (this.workers.length === 0) sizeWorkersYoungGeneration();
    const worker = new Worker(this.script, {
      workerData: { hfRateGuardWorker: true, wasmDir: this.wasmDir },
      resourceLimits: WORKER_LIMITS,
    });
    let gone!: () => void;
    const w: PoolWorker = { worker, inHand: 0, js: false, gone: new Promise<void>((r) => (gone = r)) };
    // Starting a worker resets V8's flags (at some point of its start this thread does not see): the scan's heap
    // bounds are set again when it is online, and before each file this thread analyses.
    worker.on("online", reapplyHeapFlags);
    worker.on("message", (replies: Reply[] | "ready") => this.onReply?.(w, replies));
    // A worker that dies loses only speed: the files it held are analysed on the main thread later.
    worker.on("error", () => gone());
    worker.on("exit", () => gone());
    this.workers.push(w);
  }

  /**
   * Runs the frontends of `jobs` on the workers and on this thread, adding each model to `into`, then handing the
   * job to `settle` (also a job no thread could analyse, once that is known). The array is emptied and a job is let
   * go once settled: a scan holds the text of the files still to analyse, not of every file.
   *
   * `jobs` holds those `add` sent already too (their answers are taken in here). The others go to the workers in
   * batches of Python files, largest first, so no thread is left with the longest file at the end; each worker has
   * two batches in hand (queued while it starts, when the reading did not send them) so it never waits for this
   * thread.
   * A worker takes JS/TS batches once the Python ones are gone and enough JS/TS is left to be worth loading
   * TypeScript for. This thread takes JS/TS files first, smallest first (its young generation is capped once it has
   * grown, see heapGrowth.ts, which a first file that large would outgrow at once), then Python ones; one file at a
   * time, taking in the workers' answers between files.
   */
  async run(jobs: Job[], into: WorkerModels, settle: (job: Job) => void): Promise<void> {
    const bySize = (a: Job, b: Job) => b.text.length - a.text.length;
    const python = jobs.filter((j) => j.language === "python" && !this.sent.has(j)).sort(bySize);
    const js = jobs.filter((j) => j.language === "js").sort(bySize);
    this.found.length = 0;
    this.sent.clear();
    const chars = (queue: Job[]) => queue.reduce((n, j) => n + j.text.length, 0);
    // Text left in each queue.
    const left = new Map([
      [python, chars(python)],
      [js, chars(js)],
    ]);
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
    // The largest file left opens a batch, the smallest fill it up.
    // Batches shrink as a queue runs out (to a share of what is left per thread and batch in hand), so that at the
    // end no thread waits long for another's last two batches.
    const take = (queue: Job[]): Job[] => {
      const limit = Math.min(BATCH_CHARS, Math.ceil(left.get(queue)! / (2 * (this.workers.length + 1))));
      const batch: Job[] = [];
      let size = 0;
      while (queue.length && (batch.length === 0 || size + queue[queue.length - 1].text.length <= limit)) {
        const job = size === 0 ? queue.shift()! : queue.pop()!;
        batch.push(job);
        size += job.text.length;
      }
      left.set(queue, left.get(queue)! - size);
      return batch;
    };
    const give = (w: PoolWorker) => {
      while (w.inHand < 2) {
        let batch = take(python);
        if (!batch.length && (w.js || left.get(js)! >= JS_WORTH_LOADING)) {
          batch = take(js);
          w.js ||= batch.length > 0;
        }
        if (!batch.length) break;
        w.worker.postMessage(batch);
        w.inHand++;
      }
      if (w.inHand === 0) void w.worker.terminate();
    };
    this.onReply = (w, replies) => {
      if (replies !== "ready") {
        w.inHand--;
        for (const r of replies) {
          if (!r.model) continue;
          this.analysed.files++;
          if (r.model.language === "js") this.analysed.js++;
        }
        done(replies);
      }
      give(w);
    };
    for (const w of this.workers) give(w);
    for (;;) {
      // Answers that arrived meanwhile are taken in (and their workers given more) before each file.
      await new Promise((r) => setImmediate(r));
      const job = js.length ? js.pop()! : python.shift();
      if (!job) break;
      const queue = job.language === "js" ? js : python;
      left.set(queue, left.get(queue)! - job.text.length);
      // The heap's bounds are set again before each file, since a worker starting up resets them at a moment this
      // thread does not see.
      reapplyHeapFlags();
      done(analyse([job]));
    }
    await Promise.all(this.workers.map((w) => w.gone));
    this.onReply = undefined;
    // A worker stopping resets V8's flags too.
    reapplyHeapFlags();
    // Batches a dead worker held: analysed here, when settled.
    for (const job of byPath.values()) settle(job);
  }
}

function analyse(batch: Job[]): Reply[] {
  return analyseBatch(batch, { python: analyzePython, js: analyzeJs });
}

/**
 * The jobs of a scan: files the Analyzer would parse (analysable, not skipped, mentioning something HF-related),
 * unless the cache has them. Notebooks stay on the main thread (their analysed text is the joined cells). Every
 * other file read here goes to `settle` at once with its text (nothing is read twice, and nothing waits holding a
 * text no thread needs); the jobs' texts go with the jobs. `found` hears of each job as it is found.
 */
export function scanJobs(
  paths: string[],
  read: (path: string) => string | undefined,
  worthParsing: (path: string, text: string) => boolean,
  versionsOf: (path: string) => PackageVersions,
  models: WorkerModels,
  settle: (path: string, text: string) => void,
  found?: (job: Job) => void,
): Job[] {
  const jobs: Job[] = [];
  for (const path of paths) {
    const kind = fileKind(path);
    if (!kind || kind === "notebook") continue;
    const text = read(path);
    if (text === undefined) continue;
    if (!worthParsing(path, text)) {
      settle(path, text);
      continue;
    }
    const versions = versionsOf(path);
    if (models.cached({ path, text, versions })) {
      settle(path, text);
      continue;
    }
    const job: Job = { path, language: kind === "js" ? "js" : "python", text, versions };
    jobs.push(job);
    found?.(job);
  }
  return jobs;
}

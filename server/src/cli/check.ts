// `hf-rate-guard check`: collect files, set them all as the workspace (cross-file facts), then check each.
import * as path from "node:path";
import { Analyzer } from "../analysis/analyzer";
import type { ConfigOverrides } from "../analysis/config/types";
import { LineIndex } from "../analysis/text";
import { DiskFileSystem } from "../node/diskFileSystem";
import { DiskModelCache } from "../node/diskModelCache";
import type { CheckOptions } from "./args";
import type { Report, ReportedDiagnostic, SkippedFile } from "./formats/report";
import { detectVersions } from "../analysis/versions/detectVersions";
import { reapplyHeapFlags, YoungGenerationCap } from "./heapGrowth";
import { ScanPool, scanJobs, scanWorkerScript, WorkerModels } from "./parallel";
import { collectFiles } from "./walk";
import { createFile, writeFixed } from "./writeFixed";

export const CACHE_DIR = ".hf-rate-guard-cache";

export interface CheckOutcome {
  report: Report;
  /** Usage/config problems: printed to stderr, and the exit status becomes 2. */
  errors: string[];
  /** Verbose notes (skipped files, recovered syntax errors). */
  notes: string[];
}

/** `build` identifies the analyzer build; without one (running from sources) nothing is cached. */
/**
 * `workerScript` is the CLI bundle: the scan worker's bundle next to it analyses files on every core (see
 * parallel.ts); without it (running from sources) everything runs on this thread.
 */
export async function runCheck(
  options: CheckOptions,
  cwd = process.cwd(),
  wasmDir = __dirname,
  build?: string,
  workerScript?: string,
): Promise<CheckOutcome> {
  const fs = new DiskFileSystem({ cacheListings: true });
  const disk =
    options.cache && build ? new DiskModelCache(path.resolve(cwd, options.cacheDir ?? CACHE_DIR), build) : undefined;
  const cache = new WorkerModels(disk);
  // Each file is analysed once: nothing is kept for a next version, and without --fix nothing reads the text of a
  // file with nothing to check again (most files): only the others keep theirs.
  const analyzer = await Analyzer.create({ fs, wasmDir, cache, incremental: false, keepInertTexts: options.fix });
  const walked = collectFiles(options.paths.map((p) => path.resolve(cwd, p)));
  const { files, missing, listings } = walked;
  for (const [dir, names] of listings) fs.know(dir, names);
  const errors = missing.map((m) => `${m}: no such file or directory`);
  const notes: string[] = [];
  const relativeTo = (file: string) => path.relative(cwd, file) || path.basename(file);
  // Every file that could not be checked is reported with the reason, in every format: an "All clear" must
  // never hide a file that was not looked at.
  const skipped: SkippedFile[] = walked.skipped.map((s) => ({ file: relativeTo(s.path), reason: s.reason }));
  if (disk?.ignored && options.verbose) notes.push(`cache: ${disk.ignored}`);
  const overrides: ConfigOverrides = {
    billTo: options.billTo,
    select: options.select,
    ignore: options.ignore,
    configFile: options.config ? path.resolve(cwd, options.config) : undefined,
  };
  if (overrides.configFile && fs.readFile(overrides.configFile) === undefined)
    errors.push(
      `${options.config}: cannot read the config file${fs.problem(overrides.configFile) ? ` (${fs.problem(overrides.configFile)})` : ""}`,
    );

  const paths = files.map(toPosix);
  const native = new Map(files.map((f, i) => [paths[i], f]));
  const young = new YoungGenerationCap();
  const unread = new Set<string>();
  const settled = new Set<string>();
  // Files are set as soon as their model is known (the Analyzer's results do not depend on the order), so the text
  // of a file with nothing to check is let go at once; `text` is the one read for the workers, so nothing is read
  // twice and what they analysed is what is checked.
  const settle = (p: string, text?: string) => {
    settled.add(p);
    analyzer.setFile(p, text);
    if (!analyzer.hasFile(p)) {
      const file = native.get(p) ?? p;
      unread.add(file);
      skipped.push({ file: relativeTo(file), reason: fs.problem(p) ?? "cannot read it (it disappeared)" });
    }
    young.check();
  };
  const scanWorker = workerScript && options.jobs !== 1 ? scanWorkerScript(workerScript) : undefined;
  if (scanWorker) {
    // Workers start while the files are read, as soon as there is text enough for them (see ScanPool).
    const pool = new ScanPool(options.jobs, scanWorker, wasmDir);
    const jobs = scanJobs(
      paths,
      (p) => fs.readFile(p),
      (p, text) => analyzer.worthParsing(p, text),
      (p) => detectVersions(fs, p),
      cache,
      settle,
      (job) => {
        pool.add(job);
        if (pool.size) reapplyHeapFlags();
      },
    );
    const count = jobs.length;
    if (pool.size > 0) {
      await pool.run(jobs, cache, (job) => settle(job.path, job.text));
      const { files, js } = pool.analysed;
      if (options.verbose)
        notes.push(
          `${count} file(s) analysed on ${pool.size + 1} threads, ${files} of them (${js} JS/TS) by worker threads`,
        );
    } else for (const job of jobs.splice(0)) settle(job.path, job.text);
  }
  for (const p of paths) if (!settled.has(p)) settle(p);
  const configErrors = new Set<string>();
  const diagnostics: ReportedDiagnostic[] = [];
  let fixed = 0;
  for (const file of files) {
    if (unread.has(file)) continue;
    const p = toPosix(file);
    // Most files have nothing to say: their relative path is only worked out when something is reported.
    let relative: string | undefined;
    const rel = () => (relative ??= relativeTo(file));
    if (options.fix) {
      const before = analyzer.text(p);
      const result = analyzer.fixAll(p, overrides);
      if (result.changed && before !== undefined) {
        // The helper module first: a file importing it must never be written without it.
        const created = (result.created ?? []).map((f) => ({ ...f, outcome: createFile(f.path, f.text) }));
        const failed = created.find((f) => !f.outcome.written);
        const outcome = failed ? failed.outcome : writeFixed(file, before, result.text);
        if (outcome.written) {
          fixed++;
          for (const f of created)
            if (options.verbose) notes.push(`${path.relative(cwd, f.path)}: created (the retry helper module)`);
        } else {
          // Always said, verbose or not: the user asked for this file to be fixed and it was not.
          notes.push(`${rel()}: not fixed: ${outcome.reason}`);
          analyzer.setFile(p, before); // report what is on disk, not the fixes that were not written
          for (const f of created) if (!f.outcome.written) analyzer.removeFile(f.path);
        }
      } else if (result.skipped && options.verbose) notes.push(`${rel()}: not fixed (${result.skipped})`);
    }
    const result = analyzer.check(p, overrides, { fixes: false });
    for (const e of result.configErrors) configErrors.add(e);
    if (result.skipped) {
      // Files the config excludes were left out on purpose: only --verbose mentions them.
      if (result.excluded) {
        if (options.verbose) notes.push(`${rel()}: skipped (${result.skipped})`);
      } else skipped.push({ file: rel(), reason: result.skipped });
      continue;
    }
    if (options.verbose) for (const n of result.notes) notes.push(`${rel()}: ${n}`);
    const lines = result.diagnostics.length ? new LineIndex(analyzer.text(p) ?? "") : undefined;
    for (const d of result.diagnostics) {
      diagnostics.push({
        file: rel(),
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        code: d.code,
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        cell: d.cell,
        source: d.cell === undefined ? lines?.lineText(d.range.start.line) : undefined,
      });
    }
  }
  disk?.save();
  if (disk && options.verbose)
    notes.push(
      `cache: ${disk.hits} file(s) reused, ${disk.misses} analysed, ${disk.inertHits} known to hold nothing to parse`,
    );
  diagnostics.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.cell ?? 0) - (b.cell ?? 0) ||
      a.line - b.line ||
      a.column - b.column,
  );
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const filesChecked = files.length - (skipped.length - walked.skipped.length);
  return { report: { diagnostics, filesChecked, fixed, skipped }, errors: [...errors, ...configErrors], notes };
}

function toPosix(p: string): string {
  return path.sep === "/" ? p : p.split(path.sep).join("/");
}

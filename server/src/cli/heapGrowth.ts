// How far a scan's heap may grow past what it really holds. Measured on a cold scan of a real workspace (2,000
// files): the analysis keeps about 65 MB, but V8's defaults let the heap reach 170 MB of mostly garbage before it
// collects (parse trees and copies of text, dead as soon as a file's model is made), and that garbage is the
// difference between a peak RSS near 300 MB and one near 200 MB. Two bounds, both left to V8 to apply (collecting
// from here cost 15% more CPU): the old generation grows by a tenth of what the last full collection kept, and the
// main thread's young generation stops growing at a few MB (worker threads get theirs from `resourceLimits`).
import v8 from "node:v8";

/** Growth allowed past the live heap after a full collection, in percent (V8's default picks 10-300%). */
export const HEAP_GROWING_PERCENT = 10;

/** The main thread's young generation, both semi-spaces, once it has grown this far (V8 would go on to 32 MB). */
const YOUNG_CAP_BYTES = 16 * 1024 * 1024;

/** Applies to every thread of the process, the scan workers included; a V8 that refuses the flag keeps its default. */
export function boundHeapGrowth(): void {
  setFlag(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * Stops the young generation's growth once it reaches the cap. V8 sizes it once, at start, from a flag node cannot
 * change afterwards; what it reads each time it grows the space is the growth factor, so the factor becomes 1 when
 * the cap is reached. Called between files (cheap: one heap statistics read until the cap is reached).
 */
export class YoungGenerationCap {
  private reached = false;

  check(): void {
    if (this.reached) return;
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
    if (!young || young.space_size < YOUNG_CAP_BYTES) return;
    this.reached = true;
    setFlag("--semi-space-growth-factor=1");
  }
}

/**
 * The semi-space a scan worker's young generation starts with, in MB (its maximum is a third of the worker's
 * `maxYoungGenerationSizeMb`). V8 starts one at 1 MB and grows it by the growth factor, which is a flag of the
 * whole process: once the main thread has capped its own young generation (factor 1), a worker's stayed at 1 MB,
 * and on the real workspace it scavenged about 400 times, copying the live tree of the file at hand each time, for
 * a quarter of its CPU. At 2 MB, about half as many (measured with --trace-gc), for a few MB more.
 */
export const WORKER_SEMI_SPACE_MB = 2;

/** Sizes the young generation of worker threads started from now on (V8 reads the flag when it makes a heap). */
export function sizeWorkersYoungGeneration(): void {
  setFlag(`--min-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
}

/** Flags set so far, in order. */
const applied: string[] = [];

/**
 * Sets the flags again. Node puts V8's flags back to those the process started with when a worker thread starts or
 * stops (measured on node 20: a capped young generation grew to 32 MB again), so the scan calls this once a worker
 * is online, before each file the main thread analyses, and after the workers are done.
 */
export function reapplyHeapFlags(): void {
  for (const flag of applied) setFlag(flag, false);
}

/**
 * V8's own values of the flags this file sets (node 20's V8; a start with none of them on the command line). Put
 * back at exit, so the code cache made then carries the flags the next start has (see node/codeCache.ts, which
 * checks that they are back before it writes anything).
 */
const V8_DEFAULTS = ["--heap-growing-percent=0", "--semi-space-growth-factor=2", "--min-semi-space-size=0"];

/** Puts the flags this file sets back to V8's defaults; for the exit, when memory no longer matters. */
export function restoreDefaultHeapFlags(): void {
  for (const flag of V8_DEFAULTS) setFlag(flag, false);
}

function setFlag(flag: string, record = true): void {
  try {
    v8.setFlagsFromString(flag);
    if (record) applied.push(flag);
  } catch {
    // Only memory is at stake.
  }
}

// Keeps a scan's heap close to what it really holds. A cold scan makes a great deal of short-lived garbage (a
// syntax tree and its analysis per file) and V8 lets the old generation grow to well over a hundred MB of it before
// a full collection; the process keeps that memory. Collecting when the heap has grown by a fixed amount since the
// last collection bounds the peak for a few tens of ms per collection.
import * as v8 from "node:v8";
import * as vm from "node:vm";

/** How much the heap may grow over what the last collection left before the next one. */
const GROWTH = 32 * 1024 * 1024;

let collect: (() => void) | null | undefined;
let floor = 0;

/** Node exposes `gc` only with --expose-gc; the flag can be set at run time and `gc` taken from a new context. */
function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as unknown;
    collect = typeof gc === "function" ? (gc as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** Call between files: collects garbage when the heap has grown by more than GROWTH since the last time. */
export function keepHeapInBudget(): void {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used - floor < GROWTH) return;
  const gc = collector();
  if (!gc) return;
  gc();
  heapBudgetStats.collections++;
  floor = v8.getHeapStatistics().used_heap_size;
}

/** How many collections were asked for (tests count work, not time). */
export const heapBudgetStats = { collections: 0 };

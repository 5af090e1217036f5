// Keeps the server's heap near what it really holds during edit storms. Measured (issue 12): what the server keeps
// after a 10,000-edit storm in a 5,000-line TypeScript file is about 55 MB of heap; the 400-900 MB peaks were
// garbage, the parse trees and copies of the text made by analyses of versions that were already superseded,
// which V8 collects only once its heap limit has grown several times over. So after a burst of work has left
// enough garbage (the heap grew a fixed budget past what the last full collection kept), the server collects.
import v8 from "node:v8";
import vm from "node:vm";

/** Garbage allowed on top of the live heap before a collection: about one full analysis of a 5,000-line file. */
const BUDGET_BYTES = 48 * 1024 * 1024;

export class HeapGovernor {
  private readonly gc: (() => void) | undefined;
  private floor: number;
  /** Collections this governor asked for (tests and the Output channel). */
  collections = 0;

  constructor(private readonly budget = BUDGET_BYTES) {
    this.gc = exposeGc();
    this.floor = v8.getHeapStatistics().used_heap_size;
  }

  /** The heap the last collection kept, in MB (for the Output channel). */
  liveMb(): number {
    return Math.round(this.floor / 1048576);
  }

  /** Called between messages: cheap (one heap statistics read) unless a collection is due. */
  check(): void {
    if (!this.gc) return;
    const used = v8.getHeapStatistics().used_heap_size;
    if (used < this.floor + this.budget) return;
    this.gc();
    this.collections++;
    this.floor = v8.getHeapStatistics().used_heap_size;
  }
}

function exposeGc(): (() => void) | undefined {
  if (typeof globalThis.gc === "function") return globalThis.gc;
  try {
    // The flag only makes `gc` visible to contexts created after it is set.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as unknown;
    return typeof gc === "function" ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

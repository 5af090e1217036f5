// Keeps the server's heap near what it really holds during edit storms. Measured (issue 12): what the server keeps
// after a 10,000-edit storm in a 5,000-line TypeScript file is about 55 MB of heap; the 400-900 MB peaks were
// garbage, the parse trees and copies of the text made by analyses of versions that were already superseded,
// which V8 collects only once its heap limit has grown several times over. So after a burst of work has left
// enough garbage (the heap grew a fixed budget past what the last full collection kept), the server collects.
import v8 from "node:v8";
import vm from "node:vm";

/** Garbage allowed on top of the live heap before a collection: about one full analysis of a 5,000-line file. */
const BUDGET_BYTES = 48 * 1024 * 1024;

type Gc = (options?: { type?: "major" | "minor" }) => void;

export class HeapGovernor {
  private readonly gc: Gc | undefined;
  private floor: number;
  /** Collections this governor asked for (tests and the Output channel). */
  collections = 0;
  /** Young-generation collections run while idle (see `idle`). */
  scavenges = 0;

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

  /** Young-generation bytes in use after the last `idle`, and what a burst of work between answers allocates. */
  private youngAfterIdle = 0;
  private burst = 0;

  /**
   * Called once an answer is written: a full collection that is due runs now, and when what is left of the young
   * generation would not hold the largest recent burst of work and a quarter more, it is scavenged now. A scavenge
   * costs about the same whenever it runs (it copies what is alive, mostly the current version's analysis), so
   * running it here, while the editor reads the answer and before the next keystroke (50-200 ms away at typing
   * speed), keeps it out of that keystroke's answer: over the typing benchmark one keystroke in seven or eight
   * otherwise had a scavenge in it, which decided the p95. (With room for two bursts, the keystrokes with a GC
   * inside were as few, but the server scavenged a quarter more often.)
   */
  idle(): void {
    if (!this.gc) return;
    // A full collection that is due (see `check`) runs here too, rather than when the next message is taken.
    const collections = this.collections;
    this.check();
    const young = youngGeneration();
    // The largest recent burst, slowly forgotten: a keystroke's analysis is followed by small answers (another
    // file's pull, a hover) that must not make the next keystroke look cheap. Less in use than after the last call
    // means V8 collected meanwhile: the estimate stays.
    const allocated = young.used - this.youngAfterIdle;
    if (allocated >= 0) this.burst = Math.max(allocated, this.burst * 0.9);
    this.youngAfterIdle = young.used;
    if (this.collections !== collections || young.available >= 1.25 * this.burst) return;
    this.gc({ type: "minor" });
    this.scavenges++;
    this.youngAfterIdle = youngGeneration().used;
  }
}

/**
 * The young generation's bytes in use and left before V8 scavenges: its new space, and the young large objects
 * (a file's text, 176 KB for 5,000 lines, is one), which V8 counts against the same capacity.
 */
function youngGeneration(): { used: number; available: number } {
  let used = 0;
  let available = 0;
  for (const s of v8.getHeapSpaceStatistics()) {
    if (s.space_name === "new_space") {
      used += s.space_used_size;
      available += s.space_available_size;
    } else if (s.space_name === "new_large_object_space") {
      used += s.space_used_size;
      available -= s.space_used_size;
    }
  }
  return { used, available };
}

function exposeGc(): Gc | undefined {
  if (typeof globalThis.gc === "function") return globalThis.gc as Gc;
  try {
    // The flag only makes `gc` visible to contexts created after it is set.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as unknown;
    return typeof gc === "function" ? (gc as Gc) : undefined;
  } catch {
    return undefined;
  }
}

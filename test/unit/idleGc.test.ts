// The server collects its young generation after answering, when the next burst of work (a keystroke's analysis)
// would not fit in what is left of it: the scavenges then fall between answers, not inside them (counted, not
// timed: which GC events start inside a burst).
import assert from "node:assert/strict";
import { PerformanceObserver } from "node:perf_hooks";
import { test } from "node:test";
import { HeapGovernor } from "../../server/src/lsp/memory";

/** A burst of work: megabytes of short-lived objects, a few of which live on until the next burst. */
function burst(kept: object[][], i: number): void {
  const live: object[] = [];
  for (let j = 0; j < 30_000; j++) {
    const o = { j, name: `entity ${j}`, span: { start: j, end: j + 1 } };
    if (j % 10 === 0) live.push(o);
  }
  kept[i % 2] = live;
}

async function scavengesInBursts(idle: (() => void) | undefined): Promise<{ inside: number; bursts: number }> {
  const windows: [number, number][] = [];
  const starts: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) starts.push(e.startTime);
  });
  observer.observe({ entryTypes: ["gc"] });
  const kept: object[][] = [];
  for (let i = 0; i < 80; i++) {
    const t = performance.now();
    burst(kept, i);
    windows.push([t, performance.now()]);
    idle?.();
  }
  // GC entries are delivered asynchronously.
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  const measured = windows.slice(10); // once the governor has seen a few bursts
  const inside = starts.filter((s) => measured.some(([a, b]) => s >= a && s <= b)).length;
  return { inside, bursts: measured.length };
}

test("scavenges run between bursts of work, not inside them, when the server calls idle() after answering", async () => {
  const governor = new HeapGovernor();
  const without = await scavengesInBursts(undefined);
  const withIdle = await scavengesInBursts(() => governor.idle());
  assert.ok(without.inside >= 5, `without idle collections, ${without.inside} scavenges fell inside bursts`);
  assert.ok(governor.scavenges >= 5, `the governor collected ${governor.scavenges} times`);
  assert.ok(
    withIdle.inside <= without.inside / 4,
    `${withIdle.inside} scavenges inside ${withIdle.bursts} bursts with idle collections, ${without.inside} without`,
  );
});

// The CLI's bound on the main thread's young generation (server/src/cli/heapGrowth.ts) must hold for the whole scan,
// also after worker threads start (node resets V8's flags then, and the scan sets them again).
import assert from "node:assert/strict";
import { test } from "node:test";
import v8 from "node:v8";
import { Worker } from "node:worker_threads";
import { reapplyHeapFlags, YoungGenerationCap } from "../../server/src/cli/heapGrowth";

const youngMb = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space")!.space_size / 1048576;

/** Short-lived objects with a high survival rate, which is what makes V8 grow its young generation. */
function churn(rounds: number, cap?: YoungGenerationCap): void {
  let kept: object[] = [];
  for (let i = 0; i < rounds; i++) {
    kept.push({ i, list: [i] });
    if (kept.length > 300_000) kept = [];
    if (i % 1000 === 0) cap?.check();
  }
}

test("the young generation stops at the cap, also after a worker thread starts", async () => {
  const cap = new YoungGenerationCap();
  churn(1_500_000, cap);
  assert.ok(youngMb() >= 16, `grew to ${youngMb()} MB`);
  assert.ok(youngMb() <= 16, `capped at ${youngMb()} MB`);
  const worker = new Worker("setTimeout(() => {}, 50)", { eval: true });
  await new Promise((resolve) => worker.once("online", resolve));
  reapplyHeapFlags();
  churn(4_000_000);
  await worker.terminate();
  assert.ok(youngMb() <= 16, `grew to ${youngMb()} MB after the worker started`);
});

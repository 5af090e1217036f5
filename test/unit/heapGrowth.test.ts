// The CLI's bound on the main thread's young generation (server/src/cli/heapGrowth.ts) must hold for the whole scan,
// also after node has put V8's flags back to the process's own (it does when a worker thread starts or stops; the
// scan then sets them again).
import assert from "node:assert/strict";
import { test } from "node:test";
import v8 from "node:v8";
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

test("the young generation stops at the cap, also once the flags were reset and set again", () => {
  const cap = new YoungGenerationCap();
  churn(1_500_000, cap);
  assert.ok(youngMb() >= 16, `grew to ${youngMb()} MB`);
  assert.ok(youngMb() <= 16, `capped at ${youngMb()} MB`);
  // What a worker thread starting does to the flags.
  v8.setFlagsFromString("--semi-space-growth-factor=2");
  reapplyHeapFlags();
  churn(3_000_000);
  assert.ok(youngMb() <= 16, `grew to ${youngMb()} MB after the flags were reset`);
});

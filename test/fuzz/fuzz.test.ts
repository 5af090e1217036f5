// The fuzz test of `npm test` (issue 12): a fixed seed and a bounded number of mutated Python, JS/TS and notebook
// inputs, in-process against the analyzer (check, fixes, fix-all) and through the CLI's own `check --fix` path.
// `npm run fuzz` runs the same generator longer, with a random seed, and prints the seed of any failure.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fuzz, fuzzCli, KNOWN_ISSUES, type Failure } from "./fuzzer";

const SEED = 20261203;

function describe(failures: Failure[]): string {
  return failures
    .slice(0, 5)
    .map(
      (f) =>
        `seed=${f.seed} case=${f.index} ${f.name}: ${f.property}: ${f.detail.slice(0, 400)}\n  replay: npm run fuzz -- --seed ${f.seed} --case ${f.index}`,
    )
    .join("\n");
}

test("2,000 mutated files: no exception, diagnostics inside the file, fixed files parse, a second fix changes nothing", async () => {
  const run = await fuzz(SEED, 2000);
  assert.equal(run.cases, 2000);
  assert.deepEqual(
    run.failures.map((f) => `${f.index}:${f.property}`),
    [],
    describe(run.failures),
  );
  if (KNOWN_ISSUES.length) assert.ok(true, `${run.excused} case(s) excused by KNOWN_ISSUES`);
});

test("the CLI's check --fix over 300 mutated files: no exception, every format renders, fixes parse and are stable", async () => {
  const { written, failures } = await fuzzCli(SEED + 1, 300);
  assert.deepEqual(
    failures.map((f) => `${f.index}:${f.property}`),
    [],
    describe(failures),
  );
  // The run must have fixed something, or the fix properties were never exercised.
  assert.ok(written > 10, `${written} files fixed`);
});

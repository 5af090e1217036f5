// Fix-all reaches its fixpoint however many findings a file has: one run fixes them all, and a second run has
// nothing left to do (found by the fuzz test: a file with a line repeated 200 times came back changed by a second
// --fix). The fixpoint loop is driven here by a stand-in for the analyzer, so 300 findings cost milliseconds.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Diagnostic } from "../../../server/src/analysis/diagnostic";
import { fixToFixpoint } from "../../../server/src/analysis/fixes/fixAll";

/** One HF001 per line holding `BAD`, fixed by rewriting it to `OK_`. */
function check(text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  text.split("\n").forEach((line, i) => {
    const at = line.indexOf("BAD");
    if (at < 0) return;
    const range = { start: { line: i, character: at }, end: { line: i, character: at + 3 } };
    out.push({
      code: "HF001",
      rule: "unhandled-rate-limit",
      severity: "warning",
      message: "bare call",
      range,
      fixes: [{ title: "HF001: fix", kind: "quickfix", isPreferred: true, edits: [{ range, newText: "OK_" }] }],
    });
  });
  return out;
}

test("a file with 300 fixable findings is fixed in one run, and a second run changes nothing", () => {
  const text = "call(BAD)\n".repeat(300);
  const first = fixToFixpoint(text, check);
  assert.equal(first.text.split("BAD").length - 1, 0, "every finding fixed in one run");
  assert.equal(fixToFixpoint(first.text, check).changed, false);
});

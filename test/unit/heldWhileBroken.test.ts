// The language server's hold on a broken statement's diagnostics (lsp/heldWhileBroken.ts), on small made-up
// reports: what is held, where it moves when lines move, and that it ends once the statement parses.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Diagnostic as LspDiagnostic, Range } from "vscode-languageserver";
import { HeldWhileBroken } from "../../server/src/lsp/heldWhileBroken";

const URI = "file:///w/a.py";
const range = (l0: number, c0: number, l1: number, c1: number): Range => ({
  start: { line: l0, character: c0 },
  end: { line: l1, character: c1 },
});
const diag = (code: string, r: Range, relatedLine?: number): LspDiagnostic => ({
  range: r,
  code,
  message: code,
  ...(relatedLine === undefined
    ? {}
    : {
        relatedInformation: [{ location: { uri: URI, range: range(relatedLine, 4, relatedLine, 9) }, message: "loop" }],
      }),
});

// Line 0 is a statement of its own; lines 2-4 are the function being typed in (line 2 its first body line).
const before = "x = 1\ndef f():\n    for i in range(3):\n        call()\n        sleep(1)\n";
const fn = (text: string) => range(1, 0, text.split("\n").length - 2, 16);

test("while a statement is broken, its last reported diagnostics stay, the same objects; the rest is fresh", () => {
  const held = new HeldWhileBroken();
  const wait = diag("HF002", range(4, 8, 4, 16), 2);
  const other = diag("HF001", range(0, 0, 0, 5));
  assert.deepEqual(held.report(URI, before, [other, wait], []), [other, wait]);
  // "e" typed at the start of line 2: broken; the analysis lost the wait's finding (or moved its related place).
  const typed = before.replace("    for", "e    for");
  const otherNow = diag("HF001", range(0, 0, 0, 5));
  const out = held.report(URI, typed, [otherNow], [fn(typed)]);
  assert.equal(out.length, 2);
  assert.ok(out.includes(wait), "the broken statement's diagnostic is the one last reported");
  assert.ok(out.includes(otherNow), "outside the broken statement the report is fresh");
  // Once it parses again, the report is the analysis' own.
  const valid = before.replace("    for", "    e = 1\n    for");
  const fresh = [otherNow, diag("HF002", range(5, 8, 5, 16), 3)];
  assert.deepEqual(held.report(URI, valid, fresh, []), fresh);
});

test("a line typed inside a broken statement moves its held diagnostics down with the text", () => {
  const held = new HeldWhileBroken();
  const wait = diag("HF002", range(4, 8, 4, 16), 2);
  held.report(URI, before, [wait], []);
  const broken = before.replace("    for", "    e(    for");
  assert.deepEqual(held.report(URI, broken, [], [fn(broken)]), [wait]);
  // A newline after "e(": the loop and the wait are one line further down, the loop where it now starts.
  const split = broken.replace("e(    for", "e(\n    for");
  const [moved] = held.report(URI, split, [], [fn(split)]);
  assert.deepEqual(moved.range, range(5, 8, 5, 16));
  assert.deepEqual(moved.relatedInformation?.[0].location.range, range(3, 4, 3, 9));
});

test("a statement broken before the edits (a file opened broken) is reported as analysed", () => {
  const held = new HeldWhileBroken();
  const text = "def f(:\n    call()\nx = 1\n";
  const first = [diag("HF001", range(1, 4, 1, 10))];
  assert.deepEqual(held.report(URI, text, first, [range(0, 0, 1, 10)]), first);
  // An edit elsewhere: the broken statement was not touched, so its diagnostics are the analysis' own.
  const edited = text.replace("x = 1", "x = 2");
  const now = [diag("HF003", range(1, 4, 1, 10))];
  assert.deepEqual(held.report(URI, edited, now, [range(0, 0, 1, 10)]), now);
});

test("edits spread over several statements between two reports are reported as analysed", () => {
  const held = new HeldWhileBroken();
  const wait = diag("HF002", range(4, 8, 4, 16), 2);
  held.report(URI, before, [wait], []);
  // One report later, "x" typed at the start of line 0 and "e" into the function: both statements broken.
  const spread = before.replace("x = 1", "xx = 1").replace("    for", "e    for");
  const now = [diag("HF002", range(4, 8, 4, 16), 3)];
  assert.deepEqual(held.report(URI, spread, now, [range(0, 0, 0, 6), fn(spread)]), now);
});

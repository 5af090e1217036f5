// changedRegion feeds both incremental parsers: a wrong region makes them reuse stale syntax.
import assert from "node:assert/strict";
import { test } from "node:test";
import { changedRegion } from "../../server/src/analysis/textDiff";
import { rng } from "../support/differential";

function naive(before: string, after: string) {
  let start = 0;
  while (start < Math.min(before.length, after.length) && before[start] === after[start]) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before[oldEnd - 1] === after[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

test("changedRegion finds the common prefix and suffix, across block boundaries and repeated text", () => {
  const random = rng(7);
  const line = "client.chat_completion(messages=[])\n";
  for (let i = 0; i < 500; i++) {
    // Repetitive text of varied length, so matches run across many blocks and edits land anywhere.
    const before = line.repeat(Math.floor(random() * 200)) + "x".repeat(Math.floor(random() * 2000));
    const at = Math.floor(random() * (before.length + 1));
    const cut = Math.floor(random() * 3000);
    const insert = random() < 0.5 ? "" : line.repeat(Math.floor(random() * 40)) + "y";
    const after = before.slice(0, at) + insert + before.slice(Math.min(before.length, at + cut));
    assert.deepEqual(changedRegion(before, after), naive(before, after), `case ${i}`);
  }
  assert.deepEqual(changedRegion("", ""), { start: 0, oldEnd: 0, newEnd: 0 });
  assert.deepEqual(changedRegion("abc", "abc"), { start: 3, oldEnd: 3, newEnd: 3 });
});

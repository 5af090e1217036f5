import assert from "node:assert/strict";
import { test } from "node:test";
import { LineIndex, lineEnding } from "../../server/src/analysis/text";

test("offsets map to 0-based line and UTF-16 column, across LF, CRLF and CR", () => {
  const idx = new LineIndex("a\r\nbé\nc\rd");
  assert.deepEqual(idx.position(0), { line: 0, character: 0 });
  assert.deepEqual(idx.position(3), { line: 1, character: 0 });
  assert.deepEqual(idx.position(5), { line: 1, character: 2 });
  assert.deepEqual(idx.position(8), { line: 3, character: 0 });
  assert.equal(idx.offset({ line: 1, character: 1 }), 4);
  assert.equal(idx.lineText(0), "a");
  assert.equal(idx.lineText(2), "c");
});

test("the dominant line ending wins", () => {
  assert.equal(lineEnding("a\r\nb\r\nc\n"), "\r\n");
  assert.equal(lineEnding("a\nb\n"), "\n");
});

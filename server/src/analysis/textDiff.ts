// The single changed region between two versions of a text (common prefix and suffix), so the parsers can
// re-parse incrementally: an editor sends a whole new text on each keystroke, but only a few characters differ.

export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export function changedRegion(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  // Whole blocks first: comparing two slices runs natively and is many times faster than a loop over
  // characters, which matters on every keystroke in a large file. Then character by character.
  const BLOCK = 1024;
  let start = 0;
  while (start + BLOCK <= max && before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK))
    start += BLOCK;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (
    oldEnd - BLOCK >= start &&
    newEnd - BLOCK >= start &&
    before.slice(oldEnd - BLOCK, oldEnd) === after.slice(newEnd - BLOCK, newEnd)
  ) {
    oldEnd -= BLOCK;
    newEnd -= BLOCK;
  }
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/** Row and UTF-16 column of an offset (what tree-sitter's edit API wants alongside the offset). */
export function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

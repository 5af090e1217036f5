// Offsets (what the frontends produce) to line/character positions (what editors and the CLI speak).

/** `text` as a regular expression that matches it literally (`/` escaped too, for patterns shown as literals). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/**
 * Line and UTF-16 character of one offset, scanning only up to it (line breaks are "\n"; a lone "\r" is not one).
 * For a single position; `LineIndex` indexes a text asked about many times.
 */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    // Built for every version of a file being typed in: searching for "\n" runs natively, many times faster than
    // a loop over characters, and most files have no lone "\r".
    if (!text.includes("\r")) {
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }
  get lineCount(): number {
    return this.starts.length;
  }
  position(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, character: offset - this.starts[line] };
  }
  /** The line the last `lineOf` found: offsets asked in a row are mostly near each other (a subject's spans). */
  private hint = 0;
  /** The 0-based line holding an offset (what `position` gives, without making an object). */
  lineOf(offset: number): number {
    const starts = this.starts;
    const h = this.hint;
    if (starts[h] <= offset && (h + 1 === starts.length || offset < starts[h + 1])) return h;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return lo;
  }
  offset(pos: Position): number {
    const line = Math.min(Math.max(pos.line, 0), this.starts.length - 1);
    return Math.min(this.starts[line] + pos.character, this.text.length);
  }
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 0), this.starts.length - 1)];
  }
  /** Text of a line without its line ending. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, "");
  }
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}

/** The document's dominant line ending, so inserted text matches it. */
export function lineEnding(text: string): string {
  const crlf = text.split("\r\n").length - 1;
  const lf = text.split("\n").length - 1 - crlf;
  return crlf > lf ? "\r\n" : "\n";
}

/**
 * A copy of `s` that does not keep the string it was taken from alive. V8 slices (substrings of 13 or more
 * characters) point into their parent, so a short name kept from an old version of a file would keep that whole
 * version in memory.
 */
export function detach(s: string): string {
  return (" " + s).slice(1);
}

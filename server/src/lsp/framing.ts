// Reads LSP's `Content-Length` framing off a byte stream and recovers from a wrong length. vscode-jsonrpc's reader
// trusts every header: one miscounted message leaves it mid-stream for good (the server stays alive but never
// answers again). Here a frame is checked against what follows it, and after a bad one reading resumes at the next
// header.
//
// Why the resync is safe: a raw `Content-Length: <digits>` + CR LF cannot occur inside a JSON text (a string cannot
// hold a raw CR or LF, and the words are not JSON outside a string), so finding one inside a body means the body
// ended before it.

export type Frame =
  | { kind: "message"; message: unknown }
  /** A frame whose body is not JSON (malformed, or cut short by a wrong length): answered with -32700. */
  | { kind: "parseError"; reason: string }
  /** Bytes that belong to no frame (the tail of a miscounted body, junk before a header): skipped. */
  | { kind: "skipped"; bytes: number };

const HEADER_END = Buffer.from("\r\n\r\n", "latin1");
/** A header line that starts a frame, anywhere in a latin1 view of the bytes (one char per byte). */
const FRAME_START = /content-length:[ \t]*\d+[ \t]*\r\n/gi;
const HEADER_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*?)[ \t]*$/;
/** Header blocks are a few dozen bytes; anything longer without a blank line is junk. */
const MAX_HEADER_BYTES = 8 * 1024;
/** Larger than any document an editor sends; a bigger length is taken as a corrupt header. */
const MAX_BODY_BYTES = 512 * 1024 * 1024;

export class FrameDecoder {
  private data = Buffer.alloc(64 * 1024);
  private start = 0;
  private end = 0;
  /** Body length of the frame being read, or -1 while reading headers. */
  private bodyLength = -1;
  /** While a body is incomplete: where the search for a header inside it resumes (relative to `start`). */
  private scanned = 0;

  /** Bytes held (for tests: what a storm of bad input can make the decoder keep). */
  get buffered(): number {
    return this.end - this.start;
  }

  push(chunk: Uint8Array): Frame[] {
    this.append(chunk);
    const frames: Frame[] = [];
    for (;;) {
      const before = frames.length;
      const progressed = this.bodyLength < 0 ? this.readHeaders(frames) : this.readBody(frames);
      if (!progressed && frames.length === before) return frames;
    }
  }

  private append(chunk: Uint8Array): void {
    const size = this.end - this.start;
    if (this.end + chunk.length > this.data.length) {
      // Compact first; grow (doubling, so appending stays linear) only when the live bytes need it.
      const target =
        size + chunk.length > this.data.length
          ? Buffer.alloc(Math.max(this.data.length * 2, size + chunk.length))
          : this.data;
      this.data.copy(target, 0, this.start, this.end);
      this.data = target;
      this.start = 0;
      this.end = size;
    }
    this.data.set(chunk, this.end);
    this.end += chunk.length;
  }

  private consume(n: number): void {
    this.start += n;
    if (this.start === this.end) this.start = this.end = 0;
    // Give back the memory of one huge message once it has been read.
    if (this.start === 0 && this.end === 0 && this.data.length > 1024 * 1024) this.data = Buffer.alloc(64 * 1024);
  }

  private view(from: number, to: number): string {
    return this.data.toString("latin1", this.start + from, this.start + to);
  }

  /** Returns true when it consumed bytes. */
  private readHeaders(frames: Frame[]): boolean {
    const size = this.end - this.start;
    const at = this.data.subarray(this.start, this.end).indexOf(HEADER_END);
    if (at < 0) {
      if (size <= MAX_HEADER_BYTES) return false;
      // Junk without a blank line: keep from the next frame start, else only a tail that may begin one.
      const next = this.nextFrameStart(0, size, 1);
      const drop = next >= 0 ? next : size - 32;
      frames.push({ kind: "skipped", bytes: drop });
      this.consume(drop);
      return true;
    }
    const block = this.view(0, at);
    const length = contentLength(block);
    if (length !== undefined) {
      this.bodyLength = length;
      this.scanned = 0;
      this.consume(at + HEADER_END.length);
      return true;
    }
    // Not a valid header block: junk (the rest of a body that was declared too short) before a real header?
    const next = this.nextFrameStart(0, at, 1, (from) => contentLength(block.slice(from)) !== undefined);
    const drop = next >= 0 ? next : at + HEADER_END.length;
    frames.push({ kind: "skipped", bytes: drop });
    this.consume(drop);
    return true;
  }

  private readBody(frames: Frame[]): boolean {
    const size = this.end - this.start;
    const length = this.bodyLength;
    if (size >= length) {
      const parsed = parseJson(this.data, this.start, this.start + length);
      if (parsed.ok) {
        frames.push({ kind: "message", message: parsed.value });
        this.finishBody(length);
        return true;
      }
      // Declared too long: the next frame's header sits inside this body, and the body ends there.
      const next = this.nextFrameStart(0, length, 0);
      if (next >= 0) return this.cutAt(next, frames);
      frames.push({ kind: "parseError", reason: parsed.reason });
      this.finishBody(length);
      return true;
    }
    // Incomplete: unless a header shows up in what has arrived, wait for more. Search only the new bytes (with an
    // overlap for a header split across chunks), so a large body arriving in small chunks stays linear.
    const from = Math.max(0, this.scanned - 64);
    this.scanned = size;
    const next = this.nextFrameStart(from, size, 0);
    if (next < 0) return false;
    return this.cutAt(next, frames);
  }

  /** The current body really ended at `at`: deliver it if it is JSON, answer it as a parse error if not. */
  private cutAt(at: number, frames: Frame[]): boolean {
    const parsed = parseJson(this.data, this.start, this.start + at);
    frames.push(
      parsed.ok
        ? { kind: "message", message: parsed.value }
        : { kind: "parseError", reason: `wrong Content-Length (${parsed.reason})` },
    );
    this.finishBody(at);
    return true;
  }

  private finishBody(n: number): void {
    this.bodyLength = -1;
    this.scanned = 0;
    this.consume(n);
  }

  /** The first position in [from, to) (relative) where a frame header starts, at or after `min`. */
  private nextFrameStart(from: number, to: number, min: number, accept: (at: number) => boolean = () => true): number {
    // The header's own line may run past `to` (its CR LF is what proves it a header); look a little further.
    const text = this.view(from, Math.min(this.end - this.start, to + 40));
    FRAME_START.lastIndex = 0;
    for (let m = FRAME_START.exec(text); m; m = FRAME_START.exec(text)) {
      const at = from + m.index;
      if (at >= to) break;
      if (at >= min && accept(at)) return at;
    }
    return -1;
  }
}

/** The Content-Length of a well-formed header block, or undefined when the block is not one. */
function contentLength(block: string): number | undefined {
  let length: number | undefined;
  for (const line of block.split("\r\n")) {
    const m = HEADER_LINE.exec(line);
    if (!m) return undefined;
    if (m[1].toLowerCase() === "content-length") {
      if (!/^\d{1,10}$/.test(m[2])) return undefined;
      length = Number(m[2]);
    }
  }
  return length !== undefined && length <= MAX_BODY_BYTES ? length : undefined;
}

function parseJson(
  data: Buffer,
  from: number,
  to: number,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(data.toString("utf8", from, to)) };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

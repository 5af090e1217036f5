// How messages are written on stdio. A diagnostics report of a large file is hundreds of kilobytes of JSON, sent
// on every keystroke; most of its diagnostics are the same objects as in the last report (the core keeps an
// unchanged subject's diagnostics, diagnostics.ts keeps their LSP form), so each diagnostic's JSON is encoded once,
// as UTF-8 bytes, and a report is copied together from those pieces: joining the list as a string and encoding
// that string again cost a keystroke of a 5,000-line file about 0.7 ms (measured on a 390 KB report).
// (Node IPC, which VS Code uses, serializes messages itself; this only applies to `--stdio`.)
import type { Message } from "vscode-languageserver/node";

/** UTF-8 JSON of each diagnostic already written, by object (an object is never changed after it is reported). */
const encoded = new WeakMap<object, Buffer>();

/** How many diagnostics were encoded (tests count them: a keystroke re-encodes what changed). */
export const encodeWork = { diagnostics: 0 };

function bytesOf(item: object): Buffer {
  let bytes = encoded.get(item);
  if (bytes === undefined) {
    encodeWork.diagnostics++;
    bytes = Buffer.from(JSON.stringify(item), "utf8");
    encoded.set(item, bytes);
  }
  return bytes;
}

/** A message as UTF-8 JSON; a full diagnostics report reuses the bytes of the diagnostics it held before. */
export function encodeMessageBytes(msg: Message): Buffer {
  const result = (msg as { result?: { kind?: unknown; items?: unknown } }).result;
  if (!result || result.kind !== "full" || !Array.isArray(result.items)) return Buffer.from(JSON.stringify(msg));
  // The items go last (an object's keys keep their order), in place of a marker no other value can produce.
  const head = JSON.stringify({ ...msg, result: { ...result, items: 0 } });
  const at = head.lastIndexOf('"items":0');
  const items = (result.items as object[]).map(bytesOf);
  const before = Buffer.from(`${head.slice(0, at)}"items":[`);
  const after = Buffer.from(`]${head.slice(at + '"items":0'.length)}`);
  let size = before.length + after.length + Math.max(0, items.length - 1);
  for (const b of items) size += b.length;
  const out = Buffer.allocUnsafe(size);
  let offset = before.copy(out, 0);
  items.forEach((b, i) => {
    if (i > 0) out[offset++] = 0x2c; // ","
    offset += b.copy(out, offset);
  });
  after.copy(out, offset);
  return out;
}

/** A message as JSON text (see encodeMessageBytes). */
export function encodeMessage(msg: Message): string {
  return encodeMessageBytes(msg).toString("utf8");
}

/** vscode-jsonrpc's content type encoder for StreamMessageWriter (the writer only writes UTF-8). */
export const jsonEncoder = {
  name: "application/json",
  encode: (msg: Message): Promise<Uint8Array> => Promise.resolve(encodeMessageBytes(msg)),
};

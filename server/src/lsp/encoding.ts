// How messages are written on stdio. A diagnostics report of a large file is hundreds of kilobytes of JSON, sent
// on every keystroke; most of its diagnostics are the same objects as in the last report (the core keeps an
// unchanged subject's diagnostics, diagnostics.ts keeps their LSP form), so each diagnostic's JSON is made once
// and a report is joined from those pieces instead of stringifying the whole list again.
// (Node IPC, which VS Code uses, serializes messages itself; this only applies to `--stdio`.)
import type { Message } from "vscode-languageserver/node";

/** JSON of each diagnostic already written, by object (an object is never changed after it is reported). */
const encoded = new WeakMap<object, string>();

/** How many diagnostics were encoded (tests count them: a keystroke re-encodes what changed). */
export const encodeWork = { diagnostics: 0 };

function jsonOf(item: object): string {
  let json = encoded.get(item);
  if (json === undefined) {
    encodeWork.diagnostics++;
    json = JSON.stringify(item);
    encoded.set(item, json);
  }
  return json;
}

/** A message as JSON text; a full diagnostics report reuses the JSON of the diagnostics it held before. */
export function encodeMessage(msg: Message): string {
  const result = (msg as { result?: { kind?: unknown; items?: unknown } }).result;
  if (!result || result.kind !== "full" || !Array.isArray(result.items)) return JSON.stringify(msg);
  // The items go last (an object's keys keep their order), in place of a marker no other value can produce.
  const head = JSON.stringify({ ...msg, result: { ...result, items: 0 } });
  const at = head.lastIndexOf('"items":0');
  return `${head.slice(0, at)}"items":[${result.items.map(jsonOf).join(",")}]${head.slice(at + '"items":0'.length)}`;
}

/** vscode-jsonrpc's content type encoder for StreamMessageWriter. */
export const jsonEncoder = {
  name: "application/json",
  encode: (msg: Message, options: { charset: BufferEncoding }): Promise<Uint8Array> =>
    Promise.resolve(Buffer.from(encodeMessage(msg), options.charset)),
};

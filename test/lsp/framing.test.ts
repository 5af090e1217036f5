// The frame decoder in-process: bounded on junk, indifferent to how the bytes are chunked (issue 12).
import assert from "node:assert/strict";
import { test } from "node:test";
import { FrameDecoder, type Frame } from "../../server/src/lsp/framing";

const frame = (body: string, length = Buffer.byteLength(body)) => `Content-Length: ${length}\r\n\r\n${body}`;

test("junk without framing is not kept: a megabyte of it leaves a few kilobytes buffered, and the next frame is read", () => {
  const d = new FrameDecoder();
  const frames: Frame[] = [];
  for (let i = 0; i < 256; i++) frames.push(...d.push(Buffer.alloc(4096, "x")));
  assert.ok(d.buffered <= 8 * 1024 + 4096, `${d.buffered} bytes kept`);
  frames.push(...d.push(Buffer.from(frame('{"id":1}'))));
  assert.deepEqual(
    frames.filter((f) => f.kind === "message"),
    [{ kind: "message", message: { id: 1 } }],
  );
});

test("byte-by-byte delivery, multi-byte characters and headers in any case give the same messages", () => {
  const text =
    frame('{"text":"é😀\\r\\n"}') +
    "content-length: 2\r\ncontent-type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}";
  const d = new FrameDecoder();
  const frames: Frame[] = [];
  for (const byte of Buffer.from(text)) frames.push(...d.push(Uint8Array.of(byte)));
  assert.deepEqual(frames, [
    { kind: "message", message: { text: "é😀\r\n" } },
    { kind: "message", message: {} },
  ]);
  assert.equal(d.buffered, 0);
});

test("a header inside a body that is still arriving ends it; a body that is not JSON is reported once", () => {
  const d = new FrameDecoder();
  const frames = d.push(Buffer.from(frame('{"id":1}', 10_000) + frame("{oops") + frame('{"id":2}')));
  assert.deepEqual(
    frames.map((f) => f.kind),
    ["message", "parseError", "message"],
  );
});

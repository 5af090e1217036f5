// The server's batched change application equals vscode-languageserver-textdocument's one-by-one application, and
// a didChange storm reaches the server's handlers as a few merged notifications (issue 12).
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { test } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Message, MessageWriter } from "vscode-languageserver/node";
import { applyChanges, batchedTextDocuments } from "../../server/src/lsp/textSync";
import { FramedStreamReader, GuardedReader } from "../../server/src/lsp/transport";

/** A deterministic generator (tests need no real randomness, only variety). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

test("applying a batch of changes gives the same text as applying them one by one (line breaks of every kind)", () => {
  const rand = lcg(7);
  const pieces = ["a", "bc", "\n", "\r\n", "\r", " ", "é", "😀", "x\ny", ""];
  const pick = () => pieces[Math.floor(rand() * pieces.length)];
  for (let round = 0; round < 300; round++) {
    let text = "";
    for (let i = 0; i < 30; i++) text += pick();
    const reference = TextDocument.create("file:///t.ts", "typescript", 1, text);
    const changes = [];
    for (let i = 0; i < 12; i++) {
      const lines = reference.lineCount;
      const pos = () => ({ line: Math.floor(rand() * (lines + 2)) - 1, character: Math.floor(rand() * 8) - 1 });
      const change = { range: { start: pos(), end: pos() }, text: pick() + pick() };
      changes.push(change);
      TextDocument.update(reference, [change], i + 2);
    }
    assert.equal(
      applyChanges(text, changes),
      reference.getText(),
      `round ${round}: ${JSON.stringify({ text, changes })}`,
    );
    const batched = batchedTextDocuments.create("file:///t.ts", "typescript", 1, text);
    batchedTextDocuments.update(batched, changes, 99);
    assert.equal(batched.getText(), reference.getText());
    assert.equal(batched.lineCount, reference.lineCount);
  }
});

test("10,000 didChange frames reach the server as a handful of notifications, in order, with the last version", async () => {
  const input = new PassThrough();
  const writer = {
    write: async () => undefined,
    onError: () => ({ dispose() {} }),
    onClose: () => ({ dispose() {} }),
    end() {},
    dispose() {},
  } as unknown as MessageWriter;
  const reader = new GuardedReader(new FramedStreamReader(input), writer, () => undefined);
  const delivered: Message[] = [];
  reader.listen((m) => delivered.push(m));
  const frame = (m: unknown) => {
    const body = JSON.stringify(m);
    return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  };
  input.write(frame({ jsonrpc: "2.0", id: 1, method: "initialize", params: {} }));
  let storm = "";
  for (let v = 2; v <= 10_001; v++) {
    storm += frame({
      jsonrpc: "2.0",
      method: "textDocument/didChange",
      params: {
        textDocument: { uri: "file:///a.ts", version: v },
        contentChanges: [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: String(v % 10) },
        ],
      },
    });
  }
  // In pipe-sized chunks, as stdin delivers them.
  const bytes = Buffer.from(storm);
  for (let i = 0; i < bytes.length; i += 65536) input.write(bytes.subarray(i, i + 65536));
  await new Promise((r) => setTimeout(r, 50));
  const changes = delivered.filter(
    (m) => (m as { method?: string }).method === "textDocument/didChange",
  ) as unknown as { params: { textDocument: { version: number }; contentChanges: { text: string }[] } }[];
  assert.ok(changes.length <= Math.ceil(bytes.length / 65536), `${changes.length} notifications for 10,000 edits`);
  assert.equal(changes.at(-1)!.params.textDocument.version, 10_001);
  const texts = changes.flatMap((c) => c.params.contentChanges.map((ch) => ch.text)).join("");
  assert.equal(texts.length, 10_000);
  assert.equal(texts.slice(0, 5), "23456");
});

// The real server over stdio, fed raw bytes: it keeps answering after broken frames and bad messages (issue 12).
import assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { test } from "node:test";
import { StreamMessageReader } from "vscode-jsonrpc/node";
import { SERVER } from "../support/paths";

interface Reply {
  id?: number | string | null;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
}

class RawServer {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly received: Reply[] = [];

  constructor() {
    this.proc = spawn(process.execPath, [SERVER, "--stdio"]);
    this.proc.stderr.resume();
    new StreamMessageReader(this.proc.stdout).listen((m) => {
      const msg = m as Reply;
      this.received.push(msg);
      // Answer the server's own requests as an editor would.
      if (msg.method && msg.id !== undefined)
        this.send({ jsonrpc: "2.0", id: msg.id, result: msg.method === "workspace/configuration" ? [{}] : null });
    });
  }

  /** A correctly framed message. */
  send(message: unknown): void {
    this.raw(frame(JSON.stringify(message)));
  }

  raw(bytes: string): void {
    this.proc.stdin.write(bytes);
  }

  async reply(id: number | string | null, what = `a reply to ${id}`): Promise<Reply> {
    const start = Date.now();
    for (;;) {
      const r = this.received.find((m) => m.id === id && m.method === undefined);
      if (r) return r;
      if (Date.now() - start > 15000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((res) => setTimeout(res, 10));
    }
  }

  async initialize(): Promise<void> {
    this.send({
      jsonrpc: "2.0",
      id: "init",
      method: "initialize",
      params: { processId: null, rootUri: null, capabilities: { textDocument: { diagnostic: {} } } },
    });
    await this.reply("init");
    this.send({ jsonrpc: "2.0", method: "initialized", params: {} });
  }

  /** A request that needs the whole server (the analyzer) to answer. */
  async pull(id: number, uri = "file:///tmp/hfrg-transport/none.py"): Promise<Reply> {
    this.send({ jsonrpc: "2.0", id, method: "textDocument/diagnostic", params: { textDocument: { uri } } });
    return this.reply(id);
  }

  async close(): Promise<void> {
    const exited = new Promise((r) => this.proc.once("exit", r));
    this.send({ jsonrpc: "2.0", id: "bye", method: "shutdown" });
    this.send({ jsonrpc: "2.0", method: "exit" });
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    this.proc.kill();
  }
}

const frame = (body: string, length = Buffer.byteLength(body)) => `Content-Length: ${length}\r\n\r\n${body}`;
const request = (id: number, method: string, params: unknown = {}) =>
  JSON.stringify({ jsonrpc: "2.0", id, method, params });

test("a request before initialize gets ServerNotInitialized; a notification before it is dropped", async () => {
  const s = new RawServer();
  try {
    s.send({
      jsonrpc: "2.0",
      id: 1,
      method: "textDocument/diagnostic",
      params: { textDocument: { uri: "file:///tmp/x.py" } },
    });
    s.send({
      jsonrpc: "2.0",
      method: "textDocument/didOpen",
      params: { textDocument: { uri: "file:///tmp/x.py", languageId: "python", version: 1, text: "" } },
    });
    const early = await s.reply(1);
    assert.equal(early.error?.code, -32002);
    await s.initialize();
    const later = await s.pull(2);
    assert.equal(later.error, undefined);
    assert.deepEqual((later.result as { items: unknown[] }).items, []);
  } finally {
    await s.close();
  }
});

test("a body that is not JSON gets -32700 and the server answers the next request", async () => {
  const s = new RawServer();
  try {
    await s.initialize();
    s.raw(frame('{"jsonrpc": "2.0", "id": 5, "method": '));
    const err = await s.reply(null, "the parse error");
    assert.equal(err.error?.code, -32700);
    assert.equal((await s.pull(6)).error, undefined);
  } finally {
    await s.close();
  }
});

test("JSON that is not a message gets -32600 (Invalid Request)", async () => {
  const s = new RawServer();
  try {
    await s.initialize();
    s.raw(frame("[1, 2]"));
    assert.equal((await s.reply(null, "the invalid request error")).error?.code, -32600);
    s.raw(frame('{"jsonrpc": "2.0", "id": 7}'));
    assert.equal((await s.reply(7)).error?.code, -32600);
    assert.equal((await s.pull(8)).error, undefined);
  } finally {
    await s.close();
  }
});

test("a Content-Length too short: that message gets -32700, the next one is answered", async () => {
  const s = new RawServer();
  try {
    await s.initialize();
    const body = request(10, "textDocument/diagnostic", { textDocument: { uri: "file:///tmp/hfrg-transport/a.py" } });
    s.raw(
      frame(body, Buffer.byteLength(body) - 7) +
        frame(request(11, "textDocument/diagnostic", { textDocument: { uri: "file:///tmp/hfrg-transport/b.py" } })),
    );
    assert.equal((await s.reply(null, "the parse error")).error?.code, -32700);
    assert.equal((await s.reply(11)).error, undefined);
    assert.equal((await s.pull(12)).error, undefined, "and keeps answering");
  } finally {
    await s.close();
  }
});

test("a Content-Length too long: the message ends where the next header starts, and both are answered", async () => {
  const s = new RawServer();
  try {
    await s.initialize();
    const body = request(20, "textDocument/diagnostic", { textDocument: { uri: "file:///tmp/hfrg-transport/a.py" } });
    // First alone: the server must not wait for bytes that will never come once the next message arrives.
    s.raw(frame(body, Buffer.byteLength(body) + 500));
    s.send({
      jsonrpc: "2.0",
      id: 21,
      method: "textDocument/diagnostic",
      params: { textDocument: { uri: "file:///tmp/hfrg-transport/b.py" } },
    });
    assert.equal((await s.reply(20)).error, undefined);
    assert.equal((await s.reply(21)).error, undefined);
  } finally {
    await s.close();
  }
});

test("broken headers (no Content-Length, not a number, junk between frames) are skipped", async () => {
  const s = new RawServer();
  try {
    await s.initialize();
    s.raw("Content-Type: application/json\r\n\r\n{}");
    s.raw("Content-Length: twelve\r\n\r\n");
    s.raw("garbage without any framing }}}");
    assert.equal((await s.pull(30)).error, undefined);
    s.raw("\r\n\r\n\r\n");
    assert.equal((await s.pull(31)).error, undefined);
  } finally {
    await s.close();
  }
});

test("a storm of 10,000 edits in a 5,000-line TypeScript file ends in the diagnostics of the final text", async () => {
  const s = new RawServer();
  const uri = "file:///tmp/hfrg-transport/storm.ts";
  try {
    await s.initialize();
    // 5,000 lines: an HF call with no 429 handling every 20 lines, among ordinary code.
    let text =
      'import { InferenceClient } from "@huggingface/inference";\nconst client = new InferenceClient(process.env.HF_TOKEN);\n';
    for (let i = 0; i < 250; i++) {
      text += `\nexport interface Row${i} {\n  name: string;\n  score: number;\n}\n\nexport function label${i}(row: Row${i}): string {\n  const parts = [row.name, String(row.score)];\n  return parts.join(": ");\n}\n`;
      text += `\nexport async function ask${i}(prompt: string) {\n  const out = await client.chatCompletion({ model: "m", messages: [{ role: "user", content: prompt }] });\n  return out.choices[0].message;\n}\n`;
    }
    s.send({
      jsonrpc: "2.0",
      method: "textDocument/didOpen",
      params: { textDocument: { uri, languageId: "typescript", version: 1, text } },
    });
    const before = ((await s.pull(40, uri)).result as { items: unknown[] }).items.length;
    assert.ok(before > 0);
    // Each edit types one character at the start of line 1 and the next one deletes it; the last leaves a comment
    // that silences the whole file.
    let out = "";
    for (let v = 2; v <= 10_001; v++) {
      const typed = v % 2 === 0;
      const range = { start: { line: 1, character: 0 }, end: { line: 1, character: typed ? 0 : 1 } };
      out += frame(
        JSON.stringify({
          jsonrpc: "2.0",
          method: "textDocument/didChange",
          params: { textDocument: { uri, version: v }, contentChanges: [{ range, text: typed ? "x" : "" }] },
        }),
      );
    }
    s.raw(out);
    s.send({
      jsonrpc: "2.0",
      method: "textDocument/didChange",
      params: {
        textDocument: { uri, version: 10_002 },
        contentChanges: [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            text: "// hf-rate-guard: ignore-file\n",
          },
        ],
      },
    });
    const after = (await s.pull(41, uri)).result as { items: unknown[] };
    assert.deepEqual(after.items, []);
    s.send({
      jsonrpc: "2.0",
      method: "textDocument/didChange",
      params: {
        textDocument: { uri, version: 10_003 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: "" }],
      },
    });
    assert.equal(
      ((await s.pull(42, uri)).result as { items: unknown[] }).items.length,
      before,
      "the text is back to the original",
    );
  } finally {
    await s.close();
  }
});

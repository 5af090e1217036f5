// The server's end of the wire, below the protocol library: framing that recovers from a wrong Content-Length
// (framing.ts), and the answers vscode-jsonrpc leaves out: -32700 for a body that is not JSON, -32600 for JSON that
// is not a message, -32002 for a request before `initialize` (LSP: notifications before it are dropped, except
// `exit`). Bursts of didChange for one document are merged into one notification (see Coalescer).
import type { Readable } from "node:stream";
import {
  AbstractMessageReader,
  ErrorCodes,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
} from "vscode-languageserver/node";
import { FrameDecoder, type Frame } from "./framing";
import type { WireVersions } from "./wireVersions";

/** Reads framed messages from a byte stream (stdin); frames that are not JSON go to `onParseError`. */
export class FramedStreamReader extends AbstractMessageReader {
  private readonly decoder = new FrameDecoder();
  onParseError: (reason: string) => void = () => undefined;
  onSkipped: (bytes: number) => void = () => undefined;

  constructor(private readonly input: Readable) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer) => {
      for (const frame of this.decoder.push(chunk)) this.deliver(frame, callback);
    };
    const onError = (err: Error) => this.fireError(err);
    const onClose = () => this.fireClose();
    this.input.on("data", onData);
    this.input.on("error", onError);
    this.input.on("close", onClose);
    return {
      dispose: () => {
        this.input.off("data", onData);
        this.input.off("error", onError);
        this.input.off("close", onClose);
      },
    };
  }

  private deliver(frame: Frame, callback: DataCallback): void {
    if (frame.kind === "message") callback(frame.message as Message);
    else if (frame.kind === "parseError") this.onParseError(frame.reason);
    else this.onSkipped(frame.bytes);
  }
}

type Json = Record<string, unknown>;
type Id = number | string | null;

export interface GuardLog {
  (message: string): void;
}

/**
 * Wraps a reader: answers what must be answered without reaching the server's handlers, and merges didChange
 * bursts. Works over any reader (stdio, node IPC).
 */
export class GuardedReader extends AbstractMessageReader {
  private initializeSeen = false;
  /** Set once `shutdown` was asked: the exit code when the input closes (LSP: 0 after shutdown, else 1). */
  shutdownReceived = false;
  private readonly coalescer: Coalescer;

  constructor(
    private readonly inner: MessageReader,
    private readonly writer: MessageWriter,
    private readonly log: GuardLog,
    private readonly versions?: WireVersions,
  ) {
    super();
    this.coalescer = new Coalescer();
    inner.onError((e) => this.fireError(e));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((info) => this.firePartialMessage(info));
    if (inner instanceof FramedStreamReader) {
      inner.onParseError = (reason) => {
        this.log(`dropped a message that is not JSON: ${reason}`);
        this.reply(null, ErrorCodes.ParseError, "Parse error: the message body is not valid JSON");
      };
      inner.onSkipped = (bytes) =>
        this.log(`skipped ${bytes} bytes that belong to no message (a wrong Content-Length?)`);
    }
  }

  listen(callback: DataCallback): Disposable {
    this.coalescer.deliver = callback;
    return this.inner.listen((message) => this.handle(message as unknown));
  }

  private handle(message: unknown): void {
    if (typeof message !== "object" || message === null || Array.isArray(message)) {
      this.reply(null, ErrorCodes.InvalidRequest, "Invalid Request: a message must be a JSON object");
      return;
    }
    const m = message as Json;
    const hasId = "id" in m;
    const id = validId(m.id);
    if (typeof m.method !== "string") {
      // A response to one of the server's own requests (workspace/configuration, ...) passes on.
      if (hasId && ("result" in m || "error" in m)) this.coalescer.push(m);
      else this.reply(id ?? null, ErrorCodes.InvalidRequest, "Invalid Request: no method");
      return;
    }
    if (hasId && id === undefined) {
      this.reply(null, ErrorCodes.InvalidRequest, "Invalid Request: an id must be a number or a string");
      return;
    }
    if (!this.initializeSeen) {
      if (m.method === "initialize" && hasId) this.initializeSeen = true;
      else if (hasId) {
        this.reply(
          id!,
          ErrorCodes.ServerNotInitialized,
          `Server not initialized: "${m.method}" was sent before "initialize"`,
        );
        return;
      } else if (m.method !== "exit") {
        this.log(`dropped "${m.method}", a notification sent before "initialize"`);
        return;
      }
    }
    if (m.method === "shutdown" && hasId) this.shutdownReceived = true;
    this.versions?.note(m);
    this.coalescer.push(m);
  }

  private reply(id: Id, code: number, message: string): void {
    // Through the connection's own writer, so the reply is never interleaved with another message's bytes.
    void this.writer.write({ jsonrpc: "2.0", id, error: { code, message } } as Message).catch(() => undefined);
  }
}

function validId(id: unknown): Id | undefined {
  if (typeof id === "number" || typeof id === "string" || id === null) return id;
  return undefined;
}

/**
 * Merges consecutive didChange notifications of one document into one (their contentChanges in order, the last
 * version), held for one turn of the event loop. A storm of edits otherwise costs the server a full copy of the
 * document per edit (applying each change, then an analysis request each) faster than they are collected: the
 * 10,000-edit storm of issue 12. Order is kept: any other message flushes the held one first.
 */
class Coalescer {
  deliver: DataCallback = () => undefined;
  private held: { uri: string; message: Json; changes: unknown[] } | undefined;
  private timer: NodeJS.Immediate | undefined;
  /** Notifications merged into an earlier one (tests count them). */
  merged = 0;

  push(message: Json): void {
    const uri = didChangeUri(message);
    if (uri !== undefined && this.held?.uri === uri) {
      const params = message.params as { textDocument: { version: unknown }; contentChanges: unknown[] };
      for (const change of params.contentChanges) this.held.changes.push(change);
      (this.held.message.params as { textDocument: { version: unknown } }).textDocument.version =
        params.textDocument.version;
      this.merged++;
      return;
    }
    this.flush();
    if (uri === undefined) {
      this.deliver(message as unknown as Message);
      return;
    }
    const params = message.params as { textDocument: Json; contentChanges: unknown[] };
    const changes = [...params.contentChanges];
    this.held = {
      uri,
      changes,
      message: { ...message, params: { ...params, textDocument: { ...params.textDocument }, contentChanges: changes } },
    };
    this.timer = setImmediate(() => this.flush());
  }

  flush(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = undefined;
    const held = this.held;
    this.held = undefined;
    if (held) this.deliver(held.message as unknown as Message);
  }
}

function didChangeUri(m: Json): string | undefined {
  if (m.method !== "textDocument/didChange" || "id" in m) return undefined;
  const p = m.params as { textDocument?: { uri?: unknown }; contentChanges?: unknown } | undefined;
  if (typeof p?.textDocument?.uri !== "string" || !Array.isArray(p.contentChanges)) return undefined;
  return p.textDocument.uri;
}

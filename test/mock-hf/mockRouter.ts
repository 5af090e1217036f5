// A mock of the HF router on 127.0.0.1 for the run-time proof of the quick fixes. Each test scripts the answers
// (429 with or without Retry-After, 402, 200) and reads back every request the programs made, with its time.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface SeenRequest {
  method: string;
  path: string;
  at: number;
}

/** An OpenAI-compatible chat completion, which every client under test can parse. */
export const CHAT_OK: Answer = {
  status: 200,
  body: {
    id: "mock",
    object: "chat.completion",
    created: 0,
    model: "mock-model",
    choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  },
};

export function rateLimited(headers: Record<string, string> = {}): Answer {
  return { status: 429, headers, body: { error: "Rate limit reached. Please retry later." } };
}

/** Closes the connection without answering: what a client sees as a connection error. */
export const DROPPED: Answer = { status: 0 };

export const PAYMENT_REQUIRED: Answer = {
  status: 402,
  body: { error: "You have depleted your monthly included credits." },
};

export class MockRouter {
  readonly requests: SeenRequest[] = [];
  private script: Answer[] = [];
  /** Answer used once the script runs out. */
  private fallback: Answer = CHAT_OK;
  private server?: http.Server;
  url = "";

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        this.requests.push({ method: req.method ?? "", path: req.url ?? "", at: Date.now() });
        const answer = this.script.shift() ?? this.fallback;
        if (answer.status === 0) return void res.socket?.destroy();
        res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
        res.end(JSON.stringify(answer.body ?? {}));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The answers for the next requests, then `fallback` for every later one. */
  play(script: Answer[], fallback: Answer = CHAT_OK): void {
    this.script = [...script];
    this.fallback = fallback;
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

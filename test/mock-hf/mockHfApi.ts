// A mock of the HF Hub API on 127.0.0.1 for the credit meter: whoami-v2, usage-v2 (user and org) and org overview,
// each answered from a route table the test scripts (status, JSON, headers, a hang, or invalid JSON).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Route {
  status?: number;
  body?: unknown;
  /** Sent as-is instead of JSON (for invalid-JSON answers). */
  raw?: string;
  headers?: Record<string, string>;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

export class MockHfApi {
  readonly requests: { path: string; authorization?: string; host?: string }[] = [];
  readonly routes = new Map<string, Route>();
  private server?: http.Server;
  private readonly hanging: http.ServerResponse[] = [];
  url = "";

  /** On a given port to come back where a client already points (0: any free port). */
  async start(port = 0): Promise<void> {
    this.server = http.createServer((req, res) => {
      const path = (req.url ?? "").split("?")[0];
      this.requests.push({ path: req.url ?? "", authorization: req.headers.authorization, host: req.headers.host });
      const route = this.routes.get(path) ?? { status: 404, body: { error: "not found" } };
      if (route.hang) {
        this.hanging.push(res);
        return;
      }
      res.writeHead(route.status ?? 200, { "content-type": "application/json", ...route.headers });
      res.end(route.raw ?? JSON.stringify(route.body ?? {}));
    });
    await new Promise<void>((r) => this.server!.listen(port, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  set(path: string, route: Route): void {
    this.routes.set(path, route);
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections?.();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}

export const WHOAMI = "/api/whoami-v2";
export const USAGE = "/api/settings/billing/usage-v2";
export const overview = (org: string) => `/api/organizations/${org}/overview`;
export const orgUsage = (org: string) => `/api/organizations/${org}/billing/usage-v2`;

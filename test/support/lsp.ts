// Drives the real language server bundle over stdio with vscode-jsonrpc, as an editor would.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from "vscode-jsonrpc/node";
import { SERVER } from "./paths";

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: {
    code: string;
    range: { start: { line: number } };
    message: string;
    data?: unknown;
    source?: string;
    severity?: number;
  }[];
}

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  readonly published = new Map<string, PublishedDiagnostics>();
  readonly notifications: { method: string; params: unknown }[] = [];
  settings: Record<string, unknown> = {};
  /** Per-folder settings (multi-root): the first folder URI that prefixes the scope wins over `settings`. */
  folderSettings = new Map<string, Record<string, unknown>>();
  configurationScopes: (string | undefined)[] = [];
  refreshRequests = 0;
  stderr = "";

  /** `server`: another build's server bundle (a benchmark's baseline checkout); this tree's by default. */
  constructor(server = SERVER) {
    // HFRG_SERVER_NODE_ARGS: extra node flags for the server (e.g. --cpu-prof when profiling).
    const nodeArgs = process.env.HFRG_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
    this.proc = spawn(process.execPath, [...nodeArgs, server, "--stdio"]);
    this.proc.stderr.on("data", (d) => (this.stderr += d));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.proc.stdout),
      new StreamMessageWriter(this.proc.stdin),
    );
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params });
      if (method === "textDocument/publishDiagnostics") {
        const p = params as PublishedDiagnostics;
        this.published.set(p.uri, p);
      }
    });
    this.connection.onRequest((method, params) => {
      if (method === "workspace/configuration") {
        return (params as { items: { scopeUri?: string }[] }).items.map((item) => {
          this.configurationScopes.push(item.scopeUri);
          for (const [folder, settings] of this.folderSettings)
            if (item.scopeUri === folder || item.scopeUri?.startsWith(folder + "/")) return settings;
          return this.settings;
        });
      }
      if (method === "workspace/diagnostic/refresh") {
        this.refreshRequests++;
        return null;
      }
      if (method === "workspace/workspaceFolders") return this.folders;
      if (method === "window/workDoneProgress/create") return null;
      if (method === "client/registerCapability") return null;
      if (method === "workspace/applyEdit") return { applied: true };
      return null;
    });
    this.connection.listen();
  }

  folders: { uri: string; name: string }[] | null = null;

  async initialize(opts: { pull: boolean; folders?: string[] }): Promise<unknown> {
    this.folders = opts.folders?.map((uri) => ({ uri, name: uri.split("/").pop()! })) ?? null;
    const result = await this.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: this.folders,
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
          diagnostics: { refreshSupport: true },
        },
        textDocument: opts.pull
          ? { diagnostic: { dynamicRegistration: false }, publishDiagnostics: {} }
          : { publishDiagnostics: { versionSupport: true } },
        window: { workDoneProgress: true },
      },
    });
    await this.connection.sendNotification("initialized", {});
    return result;
  }

  open(uri: string, text: string, languageId = "python", version = 1): void {
    void this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: unknown[]): void {
    void this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  pull(uri: string): Promise<{ kind: string; items: PublishedDiagnostics["diagnostics"] }> {
    return this.connection.sendRequest("textDocument/diagnostic", { textDocument: { uri } });
  }

  /** Per document, the last full report a `pullAsEditor` received: what the editor shows, and its resultId. */
  readonly held = new Map<string, { resultId?: string; items: PublishedDiagnostics["diagnostics"] }>();

  /**
   * A pull as VS Code's client makes it: naming the resultId of the last report it holds, and keeping that report's
   * diagnostics when the answer is "unchanged". Returns the report's kind and the diagnostics then shown.
   */
  async pullAsEditor(uri: string): Promise<{ kind: string; items: PublishedDiagnostics["diagnostics"] }> {
    const held = this.held.get(uri);
    const report = (await this.connection.sendRequest("textDocument/diagnostic", {
      textDocument: { uri },
      previousResultId: held?.resultId,
    })) as { kind: string; resultId?: string; items?: PublishedDiagnostics["diagnostics"] };
    if (report.kind === "unchanged") {
      if (!held || report.resultId !== held.resultId)
        throw new Error(`"unchanged" for a report the client does not hold`);
      return { kind: report.kind, items: held.items };
    }
    const items = report.items ?? [];
    this.held.set(uri, { resultId: report.resultId, items });
    return { kind: report.kind, items };
  }

  /** Polls until `check` returns a value (never sleeps a fixed time to assert). */
  async waitFor<T>(
    check: () => T | undefined | false | Promise<T | undefined | false>,
    what: string,
    timeoutMs = 15000,
  ): Promise<T> {
    const start = Date.now();
    for (;;) {
      const v = await check();
      if (v) return v;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    const exited = new Promise((r) => this.proc.once("exit", r));
    try {
      await Promise.race([this.connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification("exit").catch(() => undefined);
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    this.connection.dispose();
    this.proc.kill();
  }
}

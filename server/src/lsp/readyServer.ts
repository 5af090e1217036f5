// What every handler works with. The server answers `initialize` before the analyzer is loaded (see server.ts), so
// its parts come in two stages: `ServerBase` exists from the first message, `ReadyServer` once the analyzer is
// loaded. Handlers that need analysis are given a `ReadyServer`, so none of them waits or asserts on its own.
import type { ClientCapabilities, Connection, NotebookDocuments, TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Analyzer } from "../analysis/analyzer";
import { MemoryFileSystem } from "../analysis/fileSystem";
import { DiskFileSystem } from "../node/diskFileSystem";
import { DiagnosticsEngine } from "./diagnostics";
import type { SettingsStore } from "./settings";
import type { WireVersions } from "./wireVersions";
import { WorkspaceIndex } from "./workspaceIndex";
import { WorkspaceProblems } from "./workspaceProblems";

/** What the client said it can do, known once `initialize` arrived. */
export class ClientSupport {
  capabilities: ClientCapabilities = {};

  /** Clients that pull diagnostics (textDocument/diagnostic) get none pushed. */
  pullsDiagnostics(): boolean {
    return this.capabilities.textDocument?.diagnostic !== undefined;
  }

  configuration(): boolean {
    return this.capabilities.workspace?.configuration === true;
  }

  watchedFilesRegistration(): boolean {
    return this.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  }

  workspaceFolders(): boolean {
    return this.capabilities.workspace?.workspaceFolders === true;
  }
}

export interface ServerBase {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly notebooks: NotebookDocuments<TextDocument>;
  /** Open buffers win over the disk, for config and manifests too. */
  readonly overlay: MemoryFileSystem;
  readonly settings: SettingsStore;
  readonly client: ClientSupport;
  /** The newest document versions read from the wire (the server's reader notes them). */
  readonly wire: WireVersions;
}

export interface ReadyServer extends ServerBase {
  readonly analyzer: Analyzer;
  readonly engine: DiagnosticsEngine;
  readonly index: WorkspaceIndex;
  /** Problems of the files that are not open. */
  readonly problems: WorkspaceProblems;
}

export function newOverlay(): MemoryFileSystem {
  return new MemoryFileSystem({}, new DiskFileSystem());
}

/** Loads the analyzer from its own bundle (dist/analyzer.js) and builds the parts that need it. */
export async function loadReadyServer(base: ServerBase, wasmDir: string): Promise<ReadyServer> {
  const started = performance.now();
  const { Analyzer } = await import("../analysis/analyzer.js");
  // A workspace file read from disk that holds nothing to check (most of them) is not kept in memory as text: a
  // document the editor opens brings its own.
  const analyzer = await Analyzer.create({ fs: base.overlay, wasmDir, keepInertTexts: "given" });
  base.connection.console.info(`analyzer loaded in ${Math.round(performance.now() - started)} ms`);
  const engine = new DiagnosticsEngine(
    base.connection,
    analyzer,
    base.documents,
    base.notebooks,
    base.settings,
    () => !base.client.pullsDiagnostics(),
    base.wire,
  );
  const index = new WorkspaceIndex(analyzer, base.documents, () => {
    engine.refreshAll();
    problems.invalidate();
  });
  const problems = new WorkspaceProblems(
    base.connection,
    analyzer,
    base.documents,
    base.notebooks,
    engine,
    base.settings,
    index,
    () => base.client.pullsDiagnostics(),
  );
  return { ...base, analyzer, engine, index, problems };
}

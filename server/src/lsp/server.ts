// The language server: a thin adapter that feeds open documents and workspace files to the same Analyzer the
// CLI uses, and turns its results into LSP diagnostics and code actions.
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  NotebookDocuments,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { COMMANDS, FIX_ALL_KIND } from "../../../shared/src/protocol";
import type { Analyzer } from "../analysis/analyzer";
import { fileKind } from "../analysis/fileKinds";
import { MemoryFileSystem } from "../analysis/fileSystem";
import { DiskFileSystem } from "../node/diskFileSystem";
import { codeActions } from "./codeActions";
import { DiagnosticsEngine } from "./diagnostics";
import { SettingsStore } from "./settings";
import { WorkspaceIndex } from "./workspaceIndex";

const CONFIG_FILES = /(^|\/)(\.hf-rate-guard\.json|pyproject\.toml|package\.json)$/;
const MANIFESTS = /(^|\/)(requirements[^/]*\.(txt|in)|pyproject\.toml|poetry\.lock|uv\.lock|Pipfile\.lock|package\.json|package-lock\.json|pnpm-lock\.yaml|yarn\.lock)$/;

export function startServer(connection: Connection, wasmDir: string): void {
  const documents = new TextDocuments(TextDocument);
  const notebooks = new NotebookDocuments(documents);
  // Open buffers win over the disk, for config and manifests too.
  const overlay = new MemoryFileSystem({}, new DiskFileSystem());
  let analyzer: Analyzer | undefined;
  let capabilities: InitializeParams["capabilities"] = {};
  const settings = new SettingsStore(connection, () => capabilities.workspace?.configuration === true);
  let engine: DiagnosticsEngine | undefined;
  let index: WorkspaceIndex | undefined;
  // The analyzer (TypeScript's parser, tree-sitter's wasm) loads once the client has the answer to `initialize`,
  // so the editor gets its capabilities at once; requests that need analysis wait for `ready`. Loading blocks the
  // thread for a few hundred ms: started right after answering, it could hold the answer in the output buffer, so
  // it starts on `initialized` (sent once the client has the answer), or 200 ms after answering at the latest.
  let startLoading: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (startLoading = resolve))
    .then(() => import("../analysis/analyzer.js"))
    .then(({ Analyzer }) => Analyzer.create({ fs: overlay, wasmDir }))
    .then((a) => {
    analyzer = a;
    engine = new DiagnosticsEngine(connection, a, documents, notebooks, settings, () => capabilities.textDocument?.diagnostic === undefined);
    index = new WorkspaceIndex(connection, a, documents, engine, settings);
  });

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    setTimeout(() => startLoading(), 200);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        notebookDocumentSync: { notebookSelector: [{ notebook: { notebookType: "jupyter-notebook" }, cells: [{ language: "python" }] }] },
        diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false },
        codeActionProvider: { codeActionKinds: ["quickfix", FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [COMMANDS.checkWorkspace, COMMANDS.fixAll] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "hf-rate-guard" },
    };
  });

  connection.onInitialized(async () => {
    startLoading();
    await ready;
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/*.{py,pyi,ipynb,js,mjs,cjs,jsx,ts,mts,cts,tsx}" }, { globPattern: "**/{.hf-rate-guard.json,pyproject.toml,package.json,requirements*.txt,requirements*.in,poetry.lock,uv.lock,Pipfile.lock,package-lock.json,pnpm-lock.yaml,yarn.lock}" }],
      });
    }
    const folders = (await connection.workspace.getWorkspaceFolders().catch(() => null)) ?? [];
    index!.indexFolders(folders.map((f) => f.uri));
    // Multi-root: folders added or removed later are indexed or dropped.
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const now = (await connection.workspace.getWorkspaceFolders().catch(() => null)) ?? [];
        index!.indexFolders(now.map((f) => f.uri));
      });
    }
  });

  documents.onDidOpen(async (e) => {
    await ready;
    overlay.set(engine!.pathOf(e.document), e.document.getText());
    engine!.changed(e.document, "open");
  });
  documents.onDidChangeContent(async (e) => {
    await ready;
    overlay.set(engine!.pathOf(e.document), e.document.getText());
    engine!.changed(e.document, "change");
  });
  documents.onDidSave(async (e) => {
    await ready;
    engine!.changed(e.document, "save");
  });
  documents.onDidClose(async (e) => {
    await ready;
    const path = engine!.pathOf(e.document);
    overlay.delete(path);
    // The file stays part of the workspace (cross-file facts) with its content on disk.
    if (path.startsWith("/__unsaved__/")) analyzer!.removeFile(path);
    else analyzer!.setFile(path);
    engine!.closed(e.document);
  });

  connection.languages.diagnostics.on(async (params, token) => {
    await ready;
    return engine!.pull(params.textDocument.uri, token);
  });

  connection.onCodeAction(async (params) => {
    await ready;
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return codeActions(params, doc, engine!, settings);
  });

  connection.onExecuteCommand(async (params) => {
    await ready;
    if (params.command === COMMANDS.checkWorkspace) return index!.checkWorkspace();
    if (params.command === COMMANDS.fixAll) {
      const uri = (params.arguments?.[0] as { uri?: string } | string | undefined) ?? "";
      const doc = documents.get(typeof uri === "string" ? uri : uri.uri ?? "");
      if (!doc) return null;
      const edit = await engine!.fixAllEdit(doc);
      if (edit) await connection.workspace.applyEdit({ label: "HF Rate Guard: Fix all", edit });
      return null;
    }
    return null;
  });

  connection.onDidChangeConfiguration(async () => {
    await ready;
    settings.clear();
    engine!.refreshAll();
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    await ready;
    let configChanged = false;
    let manifestChanged = false;
    for (const change of params.changes) {
      const path = engine!.pathOfUri(change.uri);
      if (CONFIG_FILES.test(path)) configChanged = true;
      if (MANIFESTS.test(path)) manifestChanged = true;
      if (fileKind(path) === undefined || documents.get(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) analyzer!.removeFile(path);
      else analyzer!.setFile(path);
    }
    if (configChanged) analyzer!.invalidateConfig();
    if (manifestChanged) analyzer!.refreshVersions();
    engine!.refreshAll();
  });

  notebooks.listen(connection);
  documents.listen(connection);
  connection.listen();
}

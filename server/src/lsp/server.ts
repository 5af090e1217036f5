// The language server: a thin adapter that feeds open documents and workspace files to the same Analyzer the
// CLI uses. This file only wires LSP messages to their handlers, one file per request or notification in
// handlers/; what they share is a ReadyServer (readyServer.ts).
import { CancellationToken, NotebookDocuments, TextDocuments, type Connection } from "vscode-languageserver";
import { codeAction } from "./handlers/codeAction";
import { diagnostic } from "./handlers/diagnostic";
import { workspaceDiagnostic } from "./handlers/workspaceDiagnostic";
import { didChange } from "./handlers/didChange";
import { didChangeConfiguration } from "./handlers/didChangeConfiguration";
import { didChangeWatchedFiles } from "./handlers/didChangeWatchedFiles";
import { didChangeWorkspaceFolders } from "./handlers/didChangeWorkspaceFolders";
import { didClose } from "./handlers/didClose";
import { didOpen } from "./handlers/didOpen";
import { didSave } from "./handlers/didSave";
import { executeCommand } from "./handlers/executeCommand";
import { hover } from "./handlers/hover";
import { initialize } from "./handlers/initialize";
import { initialized } from "./handlers/initialized";
import { ClientSupport, loadReadyServer, newOverlay, type ReadyServer, type ServerBase } from "./readyServer";
import { SettingsStore } from "./settings";
import { batchedTextDocuments } from "./textSync";
import { WireVersions } from "./wireVersions";

export function startServer(connection: Connection, wasmDir: string, wire = new WireVersions()): void {
  const documents = new TextDocuments(batchedTextDocuments);
  const client = new ClientSupport();
  const base: ServerBase = {
    connection,
    documents,
    notebooks: new NotebookDocuments(documents),
    overlay: newOverlay(),
    settings: new SettingsStore(connection, () => client.configuration()),
    client,
    wire,
  };
  // The analyzer (TypeScript's parser, tree-sitter's wasm) loads once the client has the answer to `initialize`,
  // so the editor gets its capabilities at once; handlers that need analysis run once it is loaded. Loading blocks
  // the thread for a few hundred ms: started right after answering, it could hold the answer in the output buffer,
  // so it starts on `initialized` (sent once the client has the answer), or 200 ms after answering at the latest.
  let startLoading: () => void = () => undefined;
  const ready: Promise<ReadyServer> = new Promise<void>((resolve) => (startLoading = resolve)).then(() =>
    loadReadyServer(base, wasmDir),
  );
  // Every handler below waits for the same promise, so notifications keep their order. Notifications have no
  // cancellation token; requests do.
  const whenReady =
    <P, R>(handler: (server: ReadyServer, params: P, token: CancellationToken) => R) =>
    async (params: P, token?: CancellationToken): Promise<Awaited<R>> =>
      await handler(await ready, params, token ?? CancellationToken.None);

  connection.onInitialize((params) => {
    setTimeout(() => startLoading(), 200);
    return initialize(base, params);
  });
  connection.onInitialized(async () => {
    startLoading();
    const server = await ready;
    await initialized(server);
    if (client.workspaceFolders())
      connection.workspace.onDidChangeWorkspaceFolders(() => didChangeWorkspaceFolders(server));
  });

  documents.onDidOpen(whenReady(didOpen));
  documents.onDidChangeContent(whenReady(didChange));
  documents.onDidSave(whenReady(didSave));
  documents.onDidClose(whenReady(didClose));
  connection.languages.diagnostics.on(whenReady(diagnostic));
  connection.languages.diagnostics.onWorkspace(whenReady(workspaceDiagnostic));
  connection.onCodeAction(whenReady(codeAction));
  connection.onHover(whenReady(hover));
  connection.onExecuteCommand(whenReady(executeCommand));
  connection.onDidChangeConfiguration(whenReady(didChangeConfiguration));
  connection.onDidChangeWatchedFiles(whenReady(didChangeWatchedFiles));

  base.notebooks.listen(connection);
  documents.listen(connection);
  connection.listen();
}

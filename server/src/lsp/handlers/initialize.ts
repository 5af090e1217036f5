// initialize: remember what the client can do and answer with our capabilities at once (the analyzer loads later).
import { TextDocumentSyncKind, type InitializeParams, type InitializeResult } from "vscode-languageserver";
import { COMMANDS, FIX_ALL_KIND } from "../../../../shared/src/protocol";
import type { ServerBase } from "../readyServer";

export function initialize(server: ServerBase, params: InitializeParams): InitializeResult {
  server.client.capabilities = params.capabilities;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      notebookDocumentSync: {
        notebookSelector: [{ notebook: { notebookType: "jupyter-notebook" }, cells: [{ language: "python" }] }],
      },
      diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: true },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ["quickfix", FIX_ALL_KIND], resolveProvider: false },
      executeCommandProvider: { commands: [COMMANDS.checkWorkspace, COMMANDS.fixAll] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: "hf-rate-guard" },
  };
}

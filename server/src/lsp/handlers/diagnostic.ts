// textDocument/diagnostic: a pulling client asks for one document's diagnostics.
import type { CancellationToken, DocumentDiagnosticParams, DocumentDiagnosticReport } from "vscode-languageserver";
import type { ReadyServer } from "../readyServer";

export function diagnostic(
  server: ReadyServer,
  params: DocumentDiagnosticParams,
  token: CancellationToken,
): Promise<DocumentDiagnosticReport> {
  return server.engine.pull(params.textDocument.uri, token, params.previousResultId);
}

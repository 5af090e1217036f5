// workspace/diagnostic: a pulling client asks for the problems of the files it does not have open.
import type { CancellationToken, WorkspaceDiagnosticParams, WorkspaceDiagnosticReport } from "vscode-languageserver";
import type { ReadyServer } from "../readyServer";

export function workspaceDiagnostic(
  server: ReadyServer,
  params: WorkspaceDiagnosticParams,
  token: CancellationToken,
): Promise<WorkspaceDiagnosticReport> {
  return server.problems.report(params, token);
}

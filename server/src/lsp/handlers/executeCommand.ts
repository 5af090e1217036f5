// workspace/executeCommand: Check Workspace, and Fix All in File (applied through workspace/applyEdit).
import type { ExecuteCommandParams } from "vscode-languageserver";
import { COMMANDS } from "../../../../shared/src/protocol";
import type { ReadyServer } from "../readyServer";

export async function executeCommand(server: ReadyServer, params: ExecuteCommandParams): Promise<unknown> {
  if (params.command === COMMANDS.checkWorkspace) return server.problems.checkAll();
  if (params.command === COMMANDS.fixAll) {
    const uri = (params.arguments?.[0] as { uri?: string } | string | undefined) ?? "";
    const doc = server.documents.get(typeof uri === "string" ? uri : (uri.uri ?? ""));
    if (!doc) return null;
    const edit = await server.engine.fixAllEdit(doc);
    if (edit) await server.connection.workspace.applyEdit({ label: "HF Rate Guard: Fix all", edit });
  }
  return null;
}

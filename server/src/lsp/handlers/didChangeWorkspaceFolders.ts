// workspace/didChangeWorkspaceFolders (multi-root): folders added later are indexed, removed ones dropped.
import type { ReadyServer } from "../readyServer";

export async function didChangeWorkspaceFolders(server: ReadyServer): Promise<void> {
  const now = (await server.connection.workspace.getWorkspaceFolders().catch(() => null)) ?? [];
  server.index.indexFolders(now.map((f) => f.uri));
}

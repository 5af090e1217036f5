// initialized: watch the files that change analysis, and index the workspace folders (cross-file facts).
import { DidChangeWatchedFilesNotification } from "vscode-languageserver";
import type { ReadyServer } from "../readyServer";

const WATCHED = [
  { globPattern: "**/*.{py,pyi,ipynb,js,mjs,cjs,jsx,ts,mts,cts,tsx}" },
  {
    globPattern:
      "**/{.hf-rate-guard.json,pyproject.toml,package.json,requirements*.txt,requirements*.in,poetry.lock,uv.lock,Pipfile.lock,package-lock.json,pnpm-lock.yaml,yarn.lock}",
  },
];

export async function initialized(server: ReadyServer): Promise<void> {
  if (server.client.watchedFilesRegistration()) {
    await server.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED });
  }
  const folders = (await server.connection.workspace.getWorkspaceFolders().catch(() => null)) ?? [];
  server.index.indexFolders(folders.map((f) => f.uri));
}

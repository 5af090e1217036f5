// workspace/didChangeWatchedFiles: files changed on disk (not open in the editor) update the workspace; config
// files and package manifests change how every file is judged.
import { FileChangeType, type DidChangeWatchedFilesParams } from "vscode-languageserver";
import { fileKind } from "../../analysis/fileKinds";
import type { ReadyServer } from "../readyServer";

const CONFIG_FILES = /(^|\/)(\.hf-rate-guard\.json|pyproject\.toml|package\.json)$/;
const MANIFESTS =
  /(^|\/)(requirements[^/]*\.(txt|in)|pyproject\.toml|poetry\.lock|uv\.lock|Pipfile\.lock|package\.json|package-lock\.json|pnpm-lock\.yaml|yarn\.lock)$/;

export function didChangeWatchedFiles(server: ReadyServer, params: DidChangeWatchedFilesParams): void {
  const { analyzer, engine, documents } = server;
  let configChanged = false;
  let manifestChanged = false;
  for (const change of params.changes) {
    const path = engine.pathOfUri(change.uri);
    if (CONFIG_FILES.test(path)) configChanged = true;
    if (MANIFESTS.test(path)) manifestChanged = true;
    if (fileKind(path) === undefined || documents.get(change.uri)) continue;
    if (change.type === FileChangeType.Deleted) analyzer.removeFile(path);
    else analyzer.setFile(path);
  }
  if (configChanged) analyzer.invalidateConfig();
  if (manifestChanged) analyzer.refreshVersions();
  engine.refreshAll();
  server.problems.invalidate();
}

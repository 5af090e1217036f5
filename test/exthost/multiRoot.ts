// The workspace the extension-host suite runs in, for code-server and desktop VS Code alike: two folders, the
// e2e fixture and a second folder whose own .vscode/settings.json makes HF001 an error.
import fs from "node:fs";
import path from "node:path";
import { tempDir } from "../support/tempDir";

/** Writes the workspace under a new temporary folder and returns its .code-workspace file. */
export function multiRootWorkspace(fixture: string): string {
  const root = tempDir("hfrg-exthost-");
  fs.cpSync(fixture, path.join(root, "main"), { recursive: true });
  fs.mkdirSync(path.join(root, "second", ".vscode"), { recursive: true });
  fs.copyFileSync(path.join(root, "main", "app.py"), path.join(root, "second", "app.py"));
  fs.writeFileSync(
    path.join(root, "second", ".vscode", "settings.json"),
    JSON.stringify({ "hfRateGuard.rules": { HF001: "error" } }),
  );
  const file = path.join(root, "multi.code-workspace");
  fs.writeFileSync(file, JSON.stringify({ folders: [{ path: "main" }, { path: "second" }] }));
  return file;
}

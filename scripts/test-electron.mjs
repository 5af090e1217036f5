// `npm run test:electron`: the same extension-host suite in desktop VS Code, for machines that can download it
// (@vscode/test-electron fetches VS Code; this workplace cannot, so CI runs the suite in code-server instead).
import { runTests } from "@vscode/test-electron";
import path from "node:path";
import fs from "node:fs";
import os from "node:os";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const ws = fs.mkdtempSync(path.join(os.tmpdir(), "hfrg-electron-"));
fs.cpSync(path.join(root, "test", "e2e", "fixtures", "ws"), ws, { recursive: true });
await runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(root, "out", "test", "exthost", "suite", "index.js"),
  launchArgs: [ws, "--disable-extensions"],
});

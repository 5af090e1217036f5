// `npm run test:electron`: the same extension-host suite in desktop VS Code, for machines that can download it
// (@vscode/test-electron fetches VS Code; this workplace cannot, so CI runs the suite in code-server instead).
import { runTests } from "@vscode/test-electron";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
// The same two-folder workspace the code-server run uses (compiled by `tsc -b` before this script runs).
const { multiRootWorkspace } = createRequire(import.meta.url)(
  path.join(root, "out", "test", "exthost", "multiRoot.js"),
);
const ws = multiRootWorkspace(path.join(root, "test", "e2e", "fixtures", "ws"));
await runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(root, "out", "test", "exthost", "suite", "index.js"),
  launchArgs: [ws, "--disable-extensions"],
});

// The extension-host suite: runs inside a real VS Code (code-server with the smoke-test driver, or desktop VS
// Code through @vscode/test-electron) against the real `vscode` API. Mocha's run() entry point.
import path from "node:path";
import Mocha from "mocha";

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: "tdd", timeout: 60_000, color: false });
  mocha.addFile(path.join(__dirname, "extensionHost.suite.js"));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}

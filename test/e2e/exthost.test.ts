// Runs the extension-host mocha suite (test/exthost) inside code-server: the workbench loads the extension from
// the repository as a development extension and calls window.codeAutomationExit(code) when the suite ends.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { launch } from "./browser";
import { CodeServer } from "./codeServer";
import { ROOT } from "../support/paths";
import { multiRootWorkspace } from "../exthost/multiRoot";

test("the extension-host suite passes in code-server", async () => {
  // A multi-root workspace: the fixture folder, and a second folder whose own settings make HF001 an error.
  const ws = multiRootWorkspace(path.join(ROOT, "test", "e2e", "fixtures", "ws"));
  const server = await CodeServer.start({ workspace: ws, smokeTestDriver: true });
  const browser = await launch();
  const logs: string[] = [];
  try {
    const page = await browser.newPage();
    page.on("console", (m) => logs.push(m.text()));
    const exit = new Promise<number>(
      (resolve) => void page.exposeFunction("codeAutomationExit", (code: number) => resolve(code)),
    );
    const host = new URL(server.url).host;
    const payload = [
      ["extensionDevelopmentPath", `vscode-remote://${host}${ROOT}`],
      [
        "extensionTestsPath",
        `vscode-remote://${host}${path.join(ROOT, "out", "test", "exthost", "suite", "index.js")}`,
      ],
      ["skipWelcome", "true"],
    ];
    await page.goto(
      `${server.url}/?workspace=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    const code = await Promise.race([
      exit,
      new Promise<number>((_, reject) =>
        setTimeout(() => reject(new Error("the suite did not finish in 120 s")), 120_000),
      ),
    ]);
    assert.equal(code, 0, logs.filter((l) => /fail|Error|✗|passing|failing/i.test(l)).join("\n"));
    // Mocha's reporter logs through the console with format placeholders: "%d passing (%s) 3 2s".
    assert.ok(
      logs.some((l) => /passing/.test(l) && /\b4\b/.test(l)),
      logs.slice(-20).join("\n"),
    );
    assert.ok(!logs.some((l) => /failing/.test(l)), logs.slice(-20).join("\n"));
  } finally {
    await browser.close();
    await server.stop();
  }
});

// Diagnostics, code actions and a settings change through the real `vscode` API.
import assert from "node:assert/strict";
import * as vscode from "vscode";

async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function hfDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === "hf-rate-guard");
}

suite("HF Rate Guard in the extension host", () => {
  let uri: vscode.Uri;

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    uri = vscode.Uri.joinPath(folder, "app.py");
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
  });

  test("diagnostics arrive through vscode.languages.getDiagnostics", async () => {
    const diags = await until("HF001 for app.py", () => (hfDiagnostics(uri).length ? hfDiagnostics(uri) : undefined));
    assert.equal(String((diags[0].code as { value: string }).value ?? diags[0].code), "HF001");
    assert.equal(diags[0].range.start.line, 3);
  });

  test("vscode.executeCodeActionProvider returns the quick fix and the suppressions", async () => {
    const [diag] = hfDiagnostics(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      uri,
      diag.range,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes("HF001: Retry with backoff that honours Retry-After"), titles.join(", "));
    assert.ok(titles.includes("Disable HF001 for this line"));
    assert.equal(actions.find((a) => a.title.startsWith("HF001:"))?.isPreferred, true);
  });

  test("multi-root: the second folder's own settings apply to its files only", async () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 2, "the suite runs in a two-folder workspace");
    const second = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![1].uri, "app.py");
    // Beside the first file, not in its preview tab: documents without a tab are not analysed (pull diagnostics).
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(second), {
      viewColumn: vscode.ViewColumn.Beside,
      preview: false,
    });
    const [diag] = await until("HF001 in the second folder", () =>
      hfDiagnostics(second).length ? hfDiagnostics(second) : undefined,
    );
    assert.equal(diag.severity, vscode.DiagnosticSeverity.Error, "the folder's hfRateGuard.rules makes HF001 an error");
    const [first] = await until("HF001 in the first folder", () =>
      hfDiagnostics(uri).length ? hfDiagnostics(uri) : undefined,
    );
    assert.equal(first.severity, vscode.DiagnosticSeverity.Warning, "the first folder keeps the default");
  });

  test("a settings change takes effect without a restart", async () => {
    const config = vscode.workspace.getConfiguration("hfRateGuard", uri);
    await config.update("rules", { HF001: "off" }, vscode.ConfigurationTarget.Global);
    try {
      await until("HF001 switched off", () => hfDiagnostics(uri).length === 0);
    } finally {
      await config.update("rules", undefined, vscode.ConfigurationTarget.Global);
    }
    await until("HF001 back", () => hfDiagnostics(uri).length > 0);
  });
});

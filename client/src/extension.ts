// The VS Code extension: starts the bundled language server, shows its state in a language status item, and
// offers the commands. This is the only place that imports `vscode`.
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { COMMANDS, STATUS_NOTIFICATION, type StatusParams } from "../../shared/src/protocol";
import { startMeter } from "./meter/statusBarMeter";

const LANGUAGES = ["python", "javascript", "typescript", "javascriptreact", "typescriptreact"];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("HF Rate Guard", { log: true });
  const selector: vscode.DocumentSelector = LANGUAGES.flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]);
  const status = vscode.languages.createLanguageStatusItem("hfRateGuard.status", selector);
  status.name = "HF Rate Guard";
  status.text = "$(sync~spin) HF Rate Guard";
  status.detail = "starting";
  status.command = { command: "hfRateGuard.showOutput", title: "Show Output" };
  context.subscriptions.push(output, status);

  const module = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--inspect=6012"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...selector.map((s) => s as { scheme: string; language: string }), { notebook: "jupyter-notebook", language: "python" }],
    outputChannel: output,
    synchronize: { configurationSection: "hfRateGuard" },
  };
  client = new LanguageClient("hfRateGuard", "HF Rate Guard", serverOptions, clientOptions);
  client.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
    status.severity = p.state === "error" ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    status.text = p.state === "error" ? "$(error) HF Rate Guard" : "$(check) HF Rate Guard";
    status.detail = p.state === "error" ? p.message : `last analysis ${p.lastAnalysisMs ?? 0} ms`;
  });

  context.subscriptions.push(
    vscode.commands.registerCommand("hfRateGuard.checkWorkspace", () => client?.sendRequest("workspace/executeCommand", { command: COMMANDS.checkWorkspace, arguments: [] })),
    vscode.commands.registerCommand("hfRateGuard.fixAllInFile", () => {
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      if (uri) return client?.sendRequest("workspace/executeCommand", { command: COMMANDS.fixAll, arguments: [uri] });
      return undefined;
    }),
    vscode.commands.registerCommand("hfRateGuard.restartServer", async () => {
      output.info("restarting the server");
      await client?.restart();
    }),
    vscode.commands.registerCommand("hfRateGuard.showOutput", () => output.show()),
  );

  // The credit meter; the org chosen there is the billTo the server uses for HF003 (through the settings it pulls).
  const meter = startMeter(context, output);
  context.subscriptions.push(
    meter,
    meter.onDidChangeBillTo(async (org) => {
      await vscode.workspace.getConfiguration("hfRateGuard").update("billTo", org ?? "", vscode.ConfigurationTarget.Global);
    }),
  );

  try {
    await client.start();
    status.text = "$(check) HF Rate Guard";
    status.detail = "ready";
  } catch (err) {
    status.severity = vscode.LanguageStatusSeverity.Error;
    status.detail = `the server did not start: ${(err as Error).message}`;
    output.error(`the server did not start: ${(err as Error).message}`);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

// The VS Code extension: starts the bundled language server, shows its state in a language status item, and
// offers the commands. This is the only place that imports `vscode`.
import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { COMMANDS, STATUS_NOTIFICATION, type StatusParams } from "../../shared/src/protocol";
import { MeterController, TRUSTED_COMMANDS, type MeterHost } from "./meter/meterController";
import { userFirstMinutes } from "./meter/schedule";

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
    documentSelector: [
      ...selector.map((s) => s as { scheme: string; language: string }),
      { notebook: "jupyter-notebook", language: "python" },
    ],
    outputChannel: output,
    synchronize: { configurationSection: "hfRateGuard" },
  };
  client = new LanguageClient("hfRateGuard", "HF Rate Guard", serverOptions, clientOptions);
  // The Output channel tells what happened (the server's own messages arrive through outputChannel too).
  client.onDidChangeState((e) => output.info(`server ${State[e.newState]?.toLowerCase() ?? e.newState}`));
  let lastState: StatusParams["state"] | undefined;
  client.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
    if (p.state === "error")
      output.error(`analysis failed${p.uri ? ` for ${p.uri}` : ""}: ${p.message ?? "unknown error"}`);
    else if (lastState === "error") output.info("analysis works again");
    lastState = p.state;
    status.severity =
      p.state === "error" ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    status.text = p.state === "error" ? "$(error) HF Rate Guard" : "$(check) HF Rate Guard";
    status.detail = p.state === "error" ? p.message : `last analysis ${p.lastAnalysisMs ?? 0} ms`;
  });

  context.subscriptions.push(
    vscode.commands.registerCommand("hfRateGuard.checkWorkspace", async () => {
      output.info("Check Workspace started");
      const result = (await client?.sendRequest("workspace/executeCommand", {
        command: COMMANDS.checkWorkspace,
        arguments: [],
      })) as { files: number; problems: number } | undefined;
      if (result) output.info(`Check Workspace: ${result.problems} problems in ${result.files} files`);
      // Problems lists them; this says the check is done and how many there are (each counted once).
      if (result)
        void vscode.window.showInformationMessage(
          `HF Rate Guard: ${result.problems} ${result.problems === 1 ? "problem" : "problems"} in ${result.files} ${result.files === 1 ? "file" : "files"} checked.`,
        );
    }),
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
  const meter = new MeterController(meterHost(context, output));
  meter.onDidChangeBillTo((org) => {
    void vscode.workspace
      .getConfiguration("hfRateGuard")
      .update("billTo", org ?? "", vscode.ConfigurationTarget.Global);
  });
  context.subscriptions.push(
    { dispose: () => meter.dispose() },
    ...Object.entries(meter.commands).map(([id, run]) => vscode.commands.registerCommand(id, run)),
    vscode.window.onDidChangeWindowState((s) => s.focused && void meter.focused()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        ["hfRateGuard.endpoint", "hfRateGuard.billTo", "hfRateGuard.meter"].some((section) =>
          e.affectsConfiguration(section),
        )
      )
        void meter.settingsChanged();
    }),
    // Another window set or cleared the token.
    context.secrets.onDidChange(() => void meter.refresh()),
  );
  void meter.refresh();

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

const SECRET_KEY = "hfRateGuard.hfToken";

/** The meter's view of VS Code: a status bar item, quick picks, SecretStorage, global state and settings. */
function meterHost(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): MeterHost {
  const item = vscode.window.createStatusBarItem("hfRateGuard.meter", vscode.StatusBarAlignment.Right, 100);
  item.name = "HF Rate Guard: Credits";
  item.command = "hfRateGuard.meter.menu";
  context.subscriptions.push(item);
  const config = () => vscode.workspace.getConfiguration("hfRateGuard");
  return {
    render(view) {
      item.text = view.text;
      item.accessibilityInformation = { label: view.accessibilityLabel };
      const md = new vscode.MarkdownString(view.tooltip, true);
      md.isTrusted = { enabledCommands: TRUSTED_COMMANDS };
      item.tooltip = md;
      item.backgroundColor =
        view.level === "normal"
          ? undefined
          : new vscode.ThemeColor(
              view.level === "error" ? "statusBarItem.errorBackground" : "statusBarItem.warningBackground",
            );
      if (view.visible) item.show();
      else item.hide();
    },
    async pick(items, placeHolder) {
      return (await vscode.window.showQuickPick(items, { placeHolder }))?.id;
    },
    askSecret: (prompt) =>
      Promise.resolve(vscode.window.showInputBox({ prompt, password: true, ignoreFocusOut: true })),
    notify(kind, message) {
      void (kind === "error"
        ? vscode.window.showErrorMessage(message)
        : kind === "warning"
          ? vscode.window.showWarningMessage(message)
          : vscode.window.showInformationMessage(message));
    },
    openExternal: (url) => void vscode.env.openExternal(vscode.Uri.parse(url)),
    secret: {
      get: () => Promise.resolve(context.secrets.get(SECRET_KEY)),
      store: (value) => Promise.resolve(context.secrets.store(SECRET_KEY, value)),
      delete: () => Promise.resolve(context.secrets.delete(SECRET_KEY)),
    },
    globalState: context.globalState,
    // A workspace may make refreshes rarer, never more frequent (its settings come with the repository).
    setting: (key, fallback) =>
      key === "meter.refreshMinutes"
        ? (userFirstMinutes(config().inspect(key)) as typeof fallback)
        : config().get(key, fallback),
    // Application-scoped, and read from user settings only: a workspace or a dev container never redirects the token.
    endpointSetting: () => config().inspect<string>("endpoint")?.globalValue,
    env: process.env,
    readFile: (p) => {
      try {
        return fs.readFileSync(p, "utf8");
      } catch {
        return undefined;
      }
    },
    home: os.homedir(),
    log,
  };
}

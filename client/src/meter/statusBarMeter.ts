// The credit meter in VS Code: a status bar item with a Markdown tooltip, a quick pick on click, the token in
// SecretStorage, a jittered refresh schedule, and one notification per period at 80% and 100%.
import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import { CreditMeter } from "./creditMeter";
import { chooseEndpoint } from "./endpoint";
import { getJson } from "./hfApi";
import { tooltip, type MeterState } from "./meterState";
import { redact } from "./redact";
import { discoverToken } from "./token";

const SECRET_KEY = "hfRateGuard.hfToken";
const FIVE_MINUTES = 5 * 60 * 1000;

export interface MeterHandle extends vscode.Disposable {
  /** The org chosen in the quick pick or set in hfRateGuard.billTo; handed to the language server for HF003. */
  onDidChangeBillTo: vscode.Event<string | undefined>;
}

export function startMeter(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): MeterHandle {
  const item = vscode.window.createStatusBarItem("hfRateGuard.meter", vscode.StatusBarAlignment.Right, 100);
  item.name = "HF Rate Guard: Credits";
  item.command = "hfRateGuard.meter.menu";
  const billToChanged = new vscode.EventEmitter<string | undefined>();
  const config = () => vscode.workspace.getConfiguration("hfRateGuard");
  const endpoint = () => {
    // Machine-scoped: inspect() ignores workspace values, so a workspace cannot redirect the token.
    const setting = config().inspect<string>("endpoint")?.globalValue;
    const choice = chooseEndpoint(setting, process.env);
    if (choice.refused) log.warn(`endpoint refused: ${choice.refused}`);
    return choice.url;
  };
  const token = async () =>
    discoverToken(await context.secrets.get(SECRET_KEY), process.env, (p) => {
      try {
        return fs.readFileSync(p, "utf8");
      } catch {
        return undefined;
      }
    }, os.homedir());
  const billTo = () => context.globalState.get<string>("hfRateGuard.meter.billTo") ?? (config().get<string>("billTo") || undefined);
  const compact = () => config().get<boolean>("meter.compact", false);
  let meter = new CreditMeter({ endpoint: endpoint(), token, store: context.globalState, billTo, compact });
  let lastRefresh = 0;
  let timer: NodeJS.Timeout | undefined;
  let lastState: MeterState | undefined;

  const render = (state: MeterState, updatedAt?: number, staleSince?: number) => {
    lastState = state;
    item.text = state.text;
    const md = new vscode.MarkdownString(tooltip(state, Date.now(), updatedAt, staleSince), true);
    md.isTrusted = { enabledCommands: ["hfRateGuard.meter.refresh", "hfRateGuard.setToken"] };
    item.tooltip = md;
    item.backgroundColor = state.level === "error" ? new vscode.ThemeColor("statusBarItem.errorBackground") : state.level === "warning" ? new vscode.ThemeColor("statusBarItem.warningBackground") : undefined;
    if (config().get<boolean>("meter.enable", true) && !context.globalState.get<boolean>("hfRateGuard.meter.hidden")) item.show();
    else item.hide();
    void notifyThresholds(context, state, config().get<boolean>("meter.notifications", true));
  };

  const refresh = async () => {
    if (timer) clearTimeout(timer);
    lastRefresh = Date.now();
    try {
      const { state, input, retryInMs } = await meter.refresh();
      render(state, input.updatedAt, input.staleSince);
      schedule(retryInMs);
    } catch (err) {
      log.error(redact(`meter refresh failed: ${(err as Error).message}`));
      schedule();
    }
  };
  // Every refreshMinutes, spread with jitter so several windows do not call HF together.
  const schedule = (soonMs?: number) => {
    const minutes = Math.max(1, config().get<number>("meter.refreshMinutes", 10));
    const delay = soonMs ?? minutes * 60_000 * (0.8 + Math.random() * 0.4);
    timer = setTimeout(() => void refresh(), delay);
  };

  const menu = async () => {
    const pick = await vscode.window.showQuickPick(
      [
        { label: "$(refresh) Refresh", id: "refresh" },
        { label: "$(link-external) Open billing page", id: "billing" },
        { label: "$(organization) Bill to…", id: "billTo", description: billTo() ?? "personal account" },
        { label: "$(key) Set Hugging Face token", id: "token" },
        { label: "$(sign-out) Sign out", id: "signOut" },
        { label: "$(eye-closed) Hide meter", id: "hide" },
      ],
      { placeHolder: lastState?.text },
    );
    if (!pick) return;
    await vscode.commands.executeCommand(
      { refresh: "hfRateGuard.meter.refresh", billing: "hfRateGuard.meter.openBilling", billTo: "hfRateGuard.meter.pickBillTo", token: "hfRateGuard.setToken", signOut: "hfRateGuard.signOut", hide: "hfRateGuard.meter.hide" }[pick.id]!,
    );
  };

  context.subscriptions.push(
    item,
    billToChanged,
    vscode.commands.registerCommand("hfRateGuard.meter.menu", menu),
    vscode.commands.registerCommand("hfRateGuard.meter.refresh", refresh),
    vscode.commands.registerCommand("hfRateGuard.meter.openBilling", () => vscode.env.openExternal(vscode.Uri.parse("https://huggingface.co/settings/billing"))),
    vscode.commands.registerCommand("hfRateGuard.meter.hide", async () => {
      await context.globalState.update("hfRateGuard.meter.hidden", true);
      item.hide();
    }),
    vscode.commands.registerCommand("hfRateGuard.setToken", async () => {
      const value = await vscode.window.showInputBox({ prompt: "Hugging Face token (hf_…)", password: true, ignoreFocusOut: true });
      if (!value) return;
      const who = await getJson<{ name: string }>(endpoint(), "/api/whoami-v2", value.trim());
      if (!who.ok) {
        void vscode.window.showErrorMessage(`HF Rate Guard: Hugging Face did not accept the token (${who.problem}).`);
        return;
      }
      await context.secrets.store(SECRET_KEY, value.trim());
      await context.globalState.update("hfRateGuard.meter.hidden", false);
      void vscode.window.showInformationMessage(`HF Rate Guard: signed in as ${who.value.name}.`);
      await refresh();
    }),
    vscode.commands.registerCommand("hfRateGuard.signOut", async () => {
      await context.secrets.delete(SECRET_KEY);
      await refresh();
    }),
    vscode.commands.registerCommand("hfRateGuard.meter.pickBillTo", async () => {
      const source = await token();
      const who = source ? await getJson<{ orgs?: { name: string }[] }>(endpoint(), "/api/whoami-v2", source.token) : undefined;
      const orgs = who?.ok ? who.value.orgs ?? [] : [];
      const pick = await vscode.window.showQuickPick([{ label: "Personal account", org: undefined as string | undefined }, ...orgs.map((o) => ({ label: o.name, org: o.name as string | undefined }))], { placeHolder: "Bill Inference Providers usage to…" });
      if (!pick) return;
      await context.globalState.update("hfRateGuard.meter.billTo", pick.org);
      billToChanged.fire(pick.org);
      await refresh();
    }),
    vscode.window.onDidChangeWindowState((s) => {
      if (s.focused && Date.now() - lastRefresh > FIVE_MINUTES) void refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("hfRateGuard.endpoint") || e.affectsConfiguration("hfRateGuard.billTo") || e.affectsConfiguration("hfRateGuard.meter")) {
        meter = new CreditMeter({ endpoint: endpoint(), token, store: context.globalState, billTo, compact });
        void refresh();
      }
    }),
    context.secrets.onDidChange(() => void refresh()),
  );
  void refresh();
  return { onDidChangeBillTo: billToChanged.event, dispose: () => timer && clearTimeout(timer) };
}

/** One notification per period when usage first crosses 80% and 100%. */
async function notifyThresholds(context: vscode.ExtensionContext, state: MeterState, enabled: boolean): Promise<void> {
  if (!enabled || state.kind !== "usage" || state.percent === undefined) return;
  const period = state.periodEnd?.toISOString().slice(0, 10) ?? "current";
  for (const threshold of [100, 80]) {
    if (state.percent < threshold) continue;
    const key = `hfRateGuard.meter.notified.${period}.${threshold}`;
    if (context.globalState.get<boolean>(key)) return;
    await context.globalState.update(key, true);
    void vscode.window.showWarningMessage(
      threshold >= 100 ? "HF Rate Guard: your monthly Hugging Face credits are used up; calls now fail with 402 unless billing continues." : `HF Rate Guard: ${Math.round(state.percent)}% of this month's Hugging Face credits are used.`,
    );
    return;
  }
}

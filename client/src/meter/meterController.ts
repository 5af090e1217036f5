// The credit meter's behaviour in the editor, without importing `vscode`: when to refresh (a jittered schedule,
// on focus when stale, on demand), what the menu offers, the token commands, and the one-per-period 80% and 100%
// notifications. extension.ts supplies the MeterHost (status bar, quick pick, SecretStorage, settings), so this file
// is unit-tested with a fake host and runs for real inside VS Code.
import { CreditMeter, type KeyValueStore } from "./creditMeter";
import { chooseEndpoint } from "./endpoint";
import { getJson } from "./hfApi";
import { accessibilityLabel, tooltip, type Level, type MeterState } from "./meterState";
import { isHfName } from "./names";
import { redact } from "./redact";
import { clampDelay, regularDelayMs } from "./schedule";
import { checkToken, discoverToken } from "./token";

export const BILLING_URL = "https://huggingface.co/settings/billing";
const FIVE_MINUTES = 5 * 60 * 1000;
const HIDDEN_KEY = "hfRateGuard.meter.hidden";
const BILL_TO_KEY = "hfRateGuard.meter.billTo";

/** What the meter shows in the status bar. */
export interface MeterView {
  text: string;
  /** Markdown; may use the command links of TRUSTED_COMMANDS. */
  tooltip: string;
  level: Level;
  visible: boolean;
  /** Plain text for screen readers (the tooltip is Markdown, the text has icon syntax). */
  accessibilityLabel: string;
}

export const TRUSTED_COMMANDS = ["hfRateGuard.meter.refresh", "hfRateGuard.setToken"];

export interface PickItem<T extends string> {
  label: string;
  id: T;
  description?: string;
}

/** The editor as the meter needs it; extension.ts implements it with the VS Code API. */
export interface MeterHost {
  render(view: MeterView): void;
  pick<T extends string>(items: PickItem<T>[], placeHolder?: string): Promise<T | undefined>;
  askSecret(prompt: string): Promise<string | undefined>;
  notify(kind: "info" | "warning" | "error", message: string): void;
  openExternal(url: string): void;
  /** The token saved with "Set Hugging Face Token". */
  secret: { get(): Promise<string | undefined>; store(value: string): Promise<void>; delete(): Promise<void> };
  globalState: KeyValueStore;
  /** An `hfRateGuard.*` setting as the user (not a workspace) may set it where that matters. */
  setting<T>(
    key: "billTo" | "meter.enable" | "meter.refreshMinutes" | "meter.notifications" | "meter.compact",
    fallback: T,
  ): T;
  /** `hfRateGuard.endpoint` from user settings only: a workspace must never redirect the token. */
  endpointSetting(): string | undefined;
  env: Record<string, string | undefined>;
  readFile(path: string): string | undefined;
  home: string;
  /** The Output channel. Messages pass through redact() before they get here; they never hold the token. */
  log: { info(message: string): void; warn(message: string): void; error(message: string): void };
}

export class MeterController {
  private meter: CreditMeter;
  /** The HF endpoint the token may go to, chosen with the meter (and again when settings change). */
  private endpoint = "";
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastRefresh = 0;
  private lastState: MeterState | undefined;
  private readonly billToListeners: ((org: string | undefined) => void)[] = [];
  private disposed = false;

  constructor(
    private readonly host: MeterHost,
    /** The timer the schedule uses (tests record the delays it asks for). */
    private readonly setTimer: (fn: () => void, ms: number) => ReturnType<typeof setTimeout> = (fn, ms) =>
      setTimeout(fn, ms),
  ) {
    this.meter = this.newMeter();
  }

  /** Commands by id, for extension.ts to register. */
  readonly commands: Record<string, () => Promise<void>> = {
    "hfRateGuard.meter.menu": () => this.menu(),
    "hfRateGuard.meter.refresh": () => this.refresh(),
    "hfRateGuard.meter.openBilling": async () => this.host.openExternal(BILLING_URL),
    "hfRateGuard.meter.hide": () => this.hide(),
    "hfRateGuard.meter.pickBillTo": () => this.pickBillTo(),
    "hfRateGuard.setToken": () => this.setToken(),
    "hfRateGuard.signOut": () => this.signOut(),
  };

  /** The org chosen in the menu: extension.ts hands it to the language server as HF003's billTo. */
  onDidChangeBillTo(listener: (org: string | undefined) => void): void {
    this.billToListeners.push(listener);
  }

  /** The org to bill, if it is a valid HF name (a workspace's `billTo` goes into API paths and the tooltip). */
  billTo(): string | undefined {
    const org =
      this.host.globalState.get<string>(BILL_TO_KEY) ?? (this.host.setting<string>("billTo", "") || undefined);
    if (org === undefined) return undefined;
    if (typeof org === "string" && isHfName(org)) return org;
    if (this.warnedBillTo !== org) {
      this.warnedBillTo = org;
      this.host.log.warn("meter: billTo is not a valid Hugging Face organization name; showing the personal account");
    }
    return undefined;
  }
  private warnedBillTo: unknown;

  /** Settings changed (endpoint, billTo or meter.*): start over with the new values. */
  settingsChanged(): Promise<void> {
    this.meter = this.newMeter();
    return this.refresh();
  }

  /** The window regained focus: refresh if the numbers are over five minutes old. */
  focused(now = Date.now()): Promise<void> | undefined {
    return now - this.lastRefresh > FIVE_MINUTES ? this.refresh() : undefined;
  }

  async refresh(): Promise<void> {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.lastRefresh = Date.now();
    try {
      const { state, input, retryInMs } = await this.meter.refresh();
      this.host.log.info(
        redact(
          `meter: ${state.kind}${state.account ? ` (${state.account})` : ""}: ${plain(state.text)}${retryInMs !== undefined ? `; next try in ${Math.round(clampDelay(retryInMs) / 1000)} s` : ""}`,
        ),
      );
      this.render(state, input.updatedAt, input.staleSince);
      await this.notifyThresholds(state);
      this.schedule(retryInMs);
    } catch (err) {
      this.host.log.error(redact(`meter refresh failed: ${(err as Error).message}`));
      this.schedule();
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private newMeter(): CreditMeter {
    const choice = chooseEndpoint(this.host.endpointSetting(), this.host.env);
    if (choice.refused) this.host.log.warn(`meter: endpoint refused: ${choice.refused}`);
    this.endpoint = choice.url;
    this.host.log.info(`meter: endpoint ${choice.url}`);
    return new CreditMeter({
      endpoint: choice.url,
      token: () => this.token(),
      store: this.host.globalState,
      billTo: () => this.billTo(),
      compact: () => this.host.setting("meter.compact", false),
    });
  }

  private async token() {
    return discoverToken(await this.host.secret.get(), this.host.env, (p) => this.host.readFile(p), this.host.home);
  }

  private render(state: MeterState, updatedAt?: number, staleSince?: number): void {
    this.lastState = state;
    const visible = this.host.setting("meter.enable", true) && !this.host.globalState.get<boolean>(HIDDEN_KEY);
    this.host.render({
      text: state.text,
      tooltip: tooltip(state, Date.now(), updatedAt, staleSince),
      level: state.level,
      visible,
      accessibilityLabel: accessibilityLabel(state),
    });
  }

  /** Every refreshMinutes, spread with jitter so several windows do not call HF together; sooner after a 429. */
  private schedule(soonMs?: number): void {
    if (this.disposed) return;
    const delay =
      soonMs !== undefined
        ? clampDelay(soonMs)
        : regularDelayMs(this.host.setting<unknown>("meter.refreshMinutes", 10));
    this.timer = this.setTimer(() => void this.refresh(), delay);
  }

  private async menu(): Promise<void> {
    // "Sign out" forgets the token saved here; one from HF_TOKEN or the token file is not ours to remove.
    const saved = !!(await this.host.secret.get())?.trim();
    const items: PickItem<keyof MeterController["commands"] & string>[] = [
      { label: "$(refresh) Refresh", id: "hfRateGuard.meter.refresh" },
      { label: "$(link-external) Open billing page", id: "hfRateGuard.meter.openBilling" },
      {
        label: "$(organization) Bill to…",
        id: "hfRateGuard.meter.pickBillTo",
        description: this.billTo() ?? "personal account",
      },
      { label: "$(key) Set token", id: "hfRateGuard.setToken", description: "Hugging Face token" },
      ...(saved
        ? [{ label: "$(sign-out) Sign out", id: "hfRateGuard.signOut", description: "forget the saved token" }]
        : []),
      { label: "$(eye-closed) Hide meter", id: "hfRateGuard.meter.hide" },
    ];
    // The placeholder is plain text: quick pick placeholders do not render $(icon) syntax.
    const id = await this.host.pick(items, this.lastState ? accessibilityLabel(this.lastState) : undefined);
    if (id) await this.commands[id]();
  }

  private async hide(): Promise<void> {
    await this.host.globalState.update(HIDDEN_KEY, true);
    if (this.lastState) this.render(this.lastState);
  }

  private async pickBillTo(): Promise<void> {
    const source = await this.token();
    const who =
      source && !source.problem
        ? await getJson<{ orgs?: { name: string }[] }>(this.endpoint, "/api/whoami-v2", source.token)
        : undefined;
    const orgs = (who?.ok ? (who.value.orgs ?? []) : []).filter((o) => typeof o?.name === "string" && isHfName(o.name));
    // An empty id stands for the personal account (ids are strings).
    const org = await this.host.pick(
      [{ label: "Personal account", id: "" }, ...orgs.map((o) => ({ label: o.name, id: o.name }))],
      "Bill Inference Providers usage to…",
    );
    if (org === undefined) return;
    await this.host.globalState.update(BILL_TO_KEY, org || undefined);
    for (const listener of this.billToListeners) listener(org || undefined);
    await this.refresh();
  }

  private async setToken(): Promise<void> {
    const raw = await this.host.askSecret("Hugging Face token (hf_…)");
    if (!raw?.trim()) return;
    const checked = checkToken(raw);
    if ("problem" in checked) {
      this.host.notify("error", `HF Rate Guard: the token was not saved: ${checked.problem}.`);
      this.host.log.warn(`meter: a token was not saved: ${checked.problem}`);
      return;
    }
    const value = checked.token;
    const who = await getJson<{ name: string }>(this.endpoint, "/api/whoami-v2", value);
    // Only HF's own verdict is a rejection (401, 403). No network, a timeout, a 429 or a 5xx say nothing about the
    // token: it is kept, and the next refresh checks it once HF can be reached.
    if (!who.ok && (who.status === 401 || who.status === 403)) {
      this.host.notify(
        "error",
        redact(`HF Rate Guard: Hugging Face did not accept the token (${who.problem}).`, [raw]),
      );
      this.host.log.warn(`meter: Hugging Face did not accept a token (HTTP ${who.status})`);
      return;
    }
    await this.host.secret.store(value);
    await this.host.globalState.update(HIDDEN_KEY, false);
    if (who.ok) {
      this.host.notify("info", `HF Rate Guard: signed in as ${plain(String(who.value?.name ?? "?"))}.`);
      this.host.log.info("meter: token saved and accepted by Hugging Face");
    } else {
      this.host.notify(
        "info",
        redact(
          `HF Rate Guard: token saved. Hugging Face could not be reached to check it (${who.problem}); it will be checked when it can be.`,
          [raw],
        ),
      );
      this.host.log.info(
        redact(`meter: token saved unchecked: Hugging Face could not be reached (${who.problem})`, [raw]),
      );
    }
    await this.refresh();
  }

  private async signOut(): Promise<void> {
    await this.host.secret.delete();
    this.host.log.info("meter: signed out (the saved token was deleted)");
    await this.refresh();
  }

  /** One notification per period when usage first crosses 80% and 100%. */
  private async notifyThresholds(state: MeterState): Promise<void> {
    if (!this.host.setting("meter.notifications", true) || state.kind !== "usage" || state.percent === undefined)
      return;
    const period = state.periodEnd?.toISOString().slice(0, 10) ?? "current";
    for (const threshold of [100, 80]) {
      if (state.percent < threshold) continue;
      const key = `hfRateGuard.meter.notified.${period}.${threshold}`;
      if (this.host.globalState.get<boolean>(key)) return;
      await this.host.globalState.update(key, true);
      this.host.notify(
        "warning",
        threshold >= 100
          ? "HF Rate Guard: your monthly Hugging Face credits are used up; calls now fail with 402 unless billing continues."
          : `HF Rate Guard: ${Math.round(state.percent)}% of this month's Hugging Face credits are used.`,
      );
      return;
    }
  }
}

/** Status bar text without `$(icon)` syntax. */
function plain(text: string): string {
  return text.replace(/\$\([\w~-]+\)\s*/g, "").trim();
}

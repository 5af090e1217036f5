// The meter's editor behaviour with a fake host (the VS Code side is exercised for real in test/e2e/meter.test.ts)
// and real HTTP to the mock HF API: the menu, Bill to, the token commands, hiding, and notifications that come once
// per threshold and period, or never when switched off.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { MeterController, type MeterHost, type MeterView, type PickItem } from "../../client/src/meter/meterController";
import { MockHfApi, orgUsage, overview, USAGE, WHOAMI } from "../mock-hf/mockHfApi";

const api = new MockHfApi();
const usage = (used: number, periodEnd = 1798761600) => ({ body: { usage: { inferenceProviders: { usedNanoUsd: used * 1e9, includedNanoUsd: 2e9, numRequests: 3, periodEnd } } } });

class FakeHost implements MeterHost {
  views: MeterView[] = [];
  notes: { kind: string; message: string }[] = [];
  picks: string[][] = [];
  /** Answers for the next quick picks, by label (undefined = dismissed). */
  answers: (string | undefined)[] = [];
  secretValue: string | undefined;
  secretAnswer: string | undefined;
  settings: Record<string, unknown> = {};
  state = new Map<string, unknown>();
  opened: string[] = [];
  env: Record<string, string | undefined>;
  home = "/nonexistent-home";
  log = { warn: () => undefined, error: () => undefined };

  constructor(token?: string) {
    this.env = { HF_ENDPOINT: api.url, HF_TOKEN: token };
  }
  render(view: MeterView) {
    this.views.push(view);
  }
  get view(): MeterView {
    return this.views[this.views.length - 1];
  }
  async pick<T extends string>(items: PickItem<T>[]) {
    this.picks.push(items.map((i) => i.label));
    const answer = this.answers.shift();
    return items.find((i) => i.label.includes(answer ?? "\u0000"))?.id;
  }
  async askSecret() {
    return this.secretAnswer;
  }
  notify(kind: "info" | "warning" | "error", message: string) {
    this.notes.push({ kind, message });
  }
  openExternal(url: string) {
    this.opened.push(url);
  }
  secret = {
    get: async () => this.secretValue,
    store: async (v: string) => void (this.secretValue = v),
    delete: async () => void (this.secretValue = undefined),
  };
  globalState = {
    get: <T>(key: string) => this.state.get(key) as T | undefined,
    update: async (key: string, value: unknown) => void this.state.set(key, value),
  };
  setting<T>(key: string, fallback: T): T {
    return (this.settings[key] as T) ?? fallback;
  }
  endpointSetting() {
    return undefined;
  }
  readFile() {
    return undefined;
  }
}

const controllers: MeterController[] = [];
function controller(host: FakeHost): MeterController {
  const c = new MeterController(host);
  controllers.push(c);
  return c;
}

before(() => api.start());
after(async () => {
  for (const c of controllers) c.dispose();
  await api.stop();
});
beforeEach(() => {
  api.requests.length = 0;
  api.set(WHOAMI, { body: { name: "ana", isPro: true, orgs: [{ name: "acme", plan: "team" }] } });
  api.set(USAGE, usage(0.5));
  api.set(overview("acme"), { body: { plan: "team", numUsers: 4 } });
  api.set(orgUsage("acme"), { body: { usage: { inferenceProviders: { usedNanoUsd: 3e9, includedNanoUsd: 8e9, numRequests: 40, periodEnd: 1798761600 } } } });
});

test("the menu offers the six actions; Bill to switches to the org's usage and tells the language server", async () => {
  const host = new FakeHost("hf_controllertoken1");
  const c = controller(host);
  await c.refresh();
  assert.equal(host.view.text, "HF $0.50 / $2.00");
  const told: (string | undefined)[] = [];
  c.onDidChangeBillTo((org) => told.push(org));
  host.answers = ["Bill to", "acme"];
  await c.commands["hfRateGuard.meter.menu"]();
  assert.deepEqual(host.picks[0].map((l) => l.replace(/^\$\([\w-]+\) /, "")), ["Refresh", "Open billing page", "Bill to…", "Set Hugging Face token", "Sign out", "Hide meter"]);
  assert.deepEqual(host.picks[1], ["Personal account", "acme"]);
  assert.deepEqual(told, ["acme"]);
  assert.equal(c.billTo(), "acme");
  assert.equal(host.view.text, "HF $3.00 / $8.00");

  host.answers = ["Bill to", "Personal account"];
  await c.commands["hfRateGuard.meter.menu"]();
  assert.deepEqual(told, ["acme", undefined]);
  assert.equal(host.view.text, "HF $0.50 / $2.00");
});

test("a dismissed menu does nothing; Open billing page and Hide act", async () => {
  const host = new FakeHost("hf_controllertoken1");
  const c = controller(host);
  await c.refresh();
  const requests = api.requests.length;
  host.answers = [undefined];
  await c.commands["hfRateGuard.meter.menu"]();
  assert.equal(api.requests.length, requests);
  host.answers = ["Open billing page"];
  await c.commands["hfRateGuard.meter.menu"]();
  assert.deepEqual(host.opened, ["https://huggingface.co/settings/billing"]);
  assert.equal(host.view.visible, true);
  host.answers = ["Hide meter"];
  await c.commands["hfRateGuard.meter.menu"]();
  assert.equal(host.view.visible, false);
});

test("Set token validates with whoami before storing; a rejected token is never stored; Sign out clears it", async () => {
  const host = new FakeHost(undefined);
  const c = controller(host);
  await c.refresh();
  assert.equal(host.view.text, "$(account) HF: sign in");

  api.set(WHOAMI, { status: 401, body: { error: "Invalid credentials" } });
  host.secretAnswer = "hf_badtoken000000";
  await c.commands["hfRateGuard.setToken"]();
  assert.equal(host.secretValue, undefined);
  assert.equal(host.notes.at(-1)?.kind, "error");
  assert.ok(!host.notes.some((n) => n.message.includes("hf_badtoken000000")), "the token never appears in a message");

  api.set(WHOAMI, { body: { name: "ana", isPro: true, orgs: [] } });
  host.secretAnswer = "  hf_goodtoken00000 ";
  await c.commands["hfRateGuard.setToken"]();
  assert.equal(host.secretValue, "hf_goodtoken00000");
  assert.match(host.notes.at(-1)!.message, /signed in as ana/);
  assert.equal(host.view.text, "HF $0.50 / $2.00");

  await c.commands["hfRateGuard.signOut"]();
  assert.equal(host.secretValue, undefined);
  assert.equal(host.view.text, "$(account) HF: sign in");
});

test("80% and 100% notify once each per period, and again in a new period", async () => {
  const host = new FakeHost("hf_controllertoken1");
  const c = controller(host);
  const warnings = () => host.notes.filter((n) => n.kind === "warning").map((n) => n.message);
  api.set(USAGE, usage(1.7));
  await c.refresh();
  await c.refresh();
  assert.deepEqual(warnings(), ["HF Rate Guard: 85% of this month's Hugging Face credits are used."]);
  api.set(USAGE, usage(2.1));
  await c.refresh();
  await c.refresh();
  assert.equal(warnings().length, 2);
  assert.match(warnings()[1], /used up/);
  api.set(USAGE, usage(1.8, 1801440000));
  await c.refresh();
  assert.equal(warnings().length, 3, "a new period announces 80% again");
});

test("notifications switched off never appear", async () => {
  const host = new FakeHost("hf_controllertoken1");
  host.settings["meter.notifications"] = false;
  api.set(USAGE, usage(2.5));
  await controller(host).refresh();
  assert.equal(host.view.level, "error");
  assert.deepEqual(host.notes, []);
});

test("focus refreshes only when the numbers are over five minutes old", async () => {
  const host = new FakeHost("hf_controllertoken1");
  const c = controller(host);
  await c.refresh();
  assert.equal(c.focused(Date.now() + 60_000), undefined);
  const views = host.views.length;
  await c.focused(Date.now() + 6 * 60_000);
  assert.equal(host.views.length, views + 1);
});

test("the regular refresh comes every refreshMinutes, spread by up to ±20% so windows do not call together", async (t) => {
  const host = new FakeHost("hf_controllertoken1");
  host.settings["meter.refreshMinutes"] = 10;
  const delays: number[] = [];
  const real = globalThis.setTimeout;
  // Record the delays the controller asks for (its HTTP timeouts use their own short timers).
  t.mock.method(globalThis, "setTimeout", ((fn: () => void, ms?: number) => {
    if ((ms ?? 0) >= 60_000) delays.push(ms!);
    return real(fn, (ms ?? 0) >= 60_000 ? 2 ** 31 - 1 : ms);
  }) as typeof setTimeout);
  const c = controller(host);
  for (let i = 0; i < 20; i++) await c.refresh();
  c.dispose();
  assert.equal(delays.length, 20);
  assert.ok(delays.every((d) => d >= 8 * 60_000 && d <= 12 * 60_000), delays.join(", "));
  assert.ok(new Set(delays.map((d) => Math.round(d / 1000))).size > 1, "the delays are jittered, not all equal");
});

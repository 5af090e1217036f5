// The meter's editor behaviour with a fake host (the VS Code side is exercised for real in test/e2e/meter.test.ts)
// and real HTTP to the mock HF API: the menu, Bill to, the token commands, hiding, and notifications that come once
// per threshold and period, or never when switched off.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { MeterController, type MeterHost, type MeterView, type PickItem } from "../../client/src/meter/meterController";
import { MockHfApi, orgUsage, overview, USAGE, WHOAMI } from "../mock-hf/mockHfApi";

const api = new MockHfApi();
const usage = (used: number, periodEnd = 1798761600) => ({
  body: { usage: { inferenceProviders: { usedNanoUsd: used * 1e9, includedNanoUsd: 2e9, numRequests: 3, periodEnd } } },
});

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
  logged: string[] = [];
  log = {
    info: (m: string) => void this.logged.push(m),
    warn: (m: string) => void this.logged.push(m),
    error: (m: string) => void this.logged.push(m),
  };

  constructor(token?: string) {
    this.env = { HF_ENDPOINT: api.url, HF_TOKEN: token };
  }
  render(view: MeterView) {
    this.views.push(view);
  }
  get view(): MeterView {
    return this.views[this.views.length - 1];
  }
  placeholders: (string | undefined)[] = [];
  async pick<T extends string>(items: PickItem<T>[], placeHolder?: string) {
    this.picks.push(items.map((i) => i.label));
    this.placeholders.push(placeHolder);
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
  api.set(orgUsage("acme"), {
    body: {
      usage: { inferenceProviders: { usedNanoUsd: 3e9, includedNanoUsd: 8e9, numRequests: 40, periodEnd: 1798761600 } },
    },
  });
});

test("the menu offers its actions; Bill to switches to the org's usage and tells the language server", async () => {
  const host = new FakeHost("hf_controllertoken1");
  const c = controller(host);
  await c.refresh();
  assert.equal(host.view.text, "HF $0.50 / $2.00");
  const told: (string | undefined)[] = [];
  c.onDidChangeBillTo((org) => told.push(org));
  host.answers = ["Bill to", "acme"];
  await c.commands["hfRateGuard.meter.menu"]();
  assert.deepEqual(
    host.picks[0].map((l) => l.replace(/^\$\([\w-]+\) /, "")),
    ["Refresh", "Open billing page", "Bill to…", "Set token", "Hide meter"],
    "no Sign out: the token comes from HF_TOKEN, not from us",
  );
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
  assert.equal(host.view.text, "$(key) HF: set token");

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

  host.answers = [undefined];
  await c.commands["hfRateGuard.meter.menu"]();
  assert.ok(
    host.picks.at(-1)!.some((l) => l.endsWith("Sign out")),
    "Sign out is offered once a token is saved",
  );
  await c.commands["hfRateGuard.signOut"]();
  assert.equal(host.secretValue, undefined);
  assert.equal(host.view.text, "$(key) HF: set token");
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
  assert.ok(
    delays.every((d) => d >= 8 * 60_000 && d <= 12 * 60_000),
    delays.join(", "),
  );
  assert.ok(new Set(delays.map((d) => Math.round(d / 1000))).size > 1, "the delays are jittered, not all equal");
});

// Issue 12, "The token and the meter", and issue 14's small meter things.

/** A controller whose schedule only records the delays it asks for. */
function recording(host: FakeHost, delays: number[]): MeterController {
  const c = new MeterController(host, (_fn, ms) => {
    delays.push(ms);
    return setTimeout(() => undefined, 0);
  });
  controllers.push(c);
  return c;
}

test("a 429 whose Retry-After is 0, negative, a past date or huge waits at least 30 s and at most 6 h", async () => {
  const delays: number[] = [];
  const host = new FakeHost("hf_controllertoken1");
  const c = recording(host, delays);
  for (const retryAfter of ["0", "-20", new Date(Date.now() - 3600_000).toUTCString(), "99999999999", "1e400"]) {
    api.set(USAGE, { status: 429, body: {}, headers: { "retry-after": retryAfter } });
    await c.refresh();
  }
  c.dispose();
  assert.equal(delays.length, 5, delays.join(", "));
  assert.ok(
    delays.every((d) => d >= 30_000 && d <= 6 * 3600_000),
    delays.join(", "),
  );
});

test("refreshMinutes past the 32-bit timer limit or not a number is bounded (one minute to a day, timers under 2^31 ms)", async () => {
  const delays: number[] = [];
  for (const minutes of [35_792, 1e12, "1", null, -1, 0.0001]) {
    const host = new FakeHost("hf_controllertoken1");
    host.settings["meter.refreshMinutes"] = minutes;
    const c = recording(host, delays);
    await c.refresh();
    c.dispose();
  }
  assert.equal(delays.length, 6);
  assert.ok(
    delays.every((d) => d >= 48_000 && d <= 24 * 3600_000),
    delays.join(", "),
  );
});

test("a token with a line break (HF_TOKEN or pasted) is never sent, never stored, and never shown in part", async () => {
  const token = "hf_linebreaktoken\r\nTAILPARTofit";
  const host = new FakeHost(token);
  const c = controller(host);
  const before = api.requests.length;
  await c.refresh();
  assert.equal(api.requests.length, before, "no request with it");
  assert.equal(host.view.text, "$(error) HF: invalid token");
  assert.match(host.view.tooltip, /line break/);
  host.secretAnswer = token;
  await c.commands["hfRateGuard.setToken"]();
  assert.equal(host.secretValue, undefined);
  assert.equal(host.notes.at(-1)?.kind, "error");
  const shown = [
    host.view.tooltip,
    host.view.text,
    host.view.accessibilityLabel,
    ...host.notes.map((n) => n.message),
    ...host.logged,
  ].join("\n");
  for (const part of ["linebreaktoken", "TAILPART", "ofit"])
    assert.ok(!shown.includes(part), `"${part}" shown: ${shown}`);
});

test("setting a token while HF cannot be reached keeps it and says so, without calling it a rejection", async () => {
  const host = new FakeHost(undefined);
  // A port nothing listens on: the connection is refused, as offline.
  host.env.HF_ENDPOINT = "http://127.0.0.1:9";
  const c = controller(host);
  await c.refresh();
  host.secretAnswer = "hf_offlinetoken0000";
  await c.commands["hfRateGuard.setToken"]();
  assert.equal(host.secretValue, "hf_offlinetoken0000", "kept");
  const note = host.notes.at(-1)!;
  assert.equal(note.kind, "info");
  assert.doesNotMatch(note.message, /did not accept/);
  assert.match(note.message, /could not be reached/);
  assert.notEqual(host.view.text, "$(error) HF: invalid token");
  assert.ok(!host.notes.some((n) => n.message.includes("hf_offlinetoken0000")));
});

test("a billTo that is not an HF name never reaches an API path; the personal account is shown", async () => {
  const host = new FakeHost("hf_controllertoken1");
  host.settings.billTo = "../../api/settings";
  const c = controller(host);
  const before = api.requests.length;
  await c.refresh();
  const paths = api.requests.slice(before).map((r) => r.path);
  assert.ok(paths.length > 0);
  assert.ok(
    paths.every((p) => !p.includes("..") && !p.includes("organizations")),
    paths.join(", "),
  );
  assert.equal(host.view.text, "HF $0.50 / $2.00");
  assert.ok(host.logged.some((l) => /billTo is not a valid/.test(l)));
});

test("the Output channel gets the meter's events and never the token; the menu's placeholder is plain text", async () => {
  const host = new FakeHost("hf_controllertoken1");
  const c = controller(host);
  await c.refresh();
  assert.ok(
    host.logged.some((l) => /^meter: usage \(ana\): HF \$0\.50 \/ \$2\.00/.test(l)),
    host.logged.join("\n"),
  );
  assert.ok(host.logged.some((l) => l.startsWith("meter: endpoint http://127.0.0.1:")));
  assert.ok(!host.logged.join("\n").includes("hf_controllertoken1"));
  host.answers = [undefined];
  await c.commands["hfRateGuard.meter.menu"]();
  assert.equal(host.placeholders.at(-1), "Hugging Face credits: HF $0.50 / $2.00, ana");
});

// The meter against real HTTP: a mock HF API on 127.0.0.1 scripted per test (normal, 401, 403, 429 with
// Retry-After, 500, a hang past the timeout, invalid JSON). Checks the states, the retry advice, and that every
// request went to the mock, with the token, and nowhere else.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { CreditMeter, type KeyValueStore } from "../../client/src/meter/creditMeter";
import { MockHfApi, orgUsage, overview, USAGE, WHOAMI } from "../mock-hf/mockHfApi";

const TOKEN = "hf_testtoken123456";
const api = new MockHfApi();

class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
}

const meter = (store = new MemoryStore(), billTo?: string, timeoutMs = 2000) =>
  new CreditMeter({
    endpoint: api.url,
    token: async () => ({ token: TOKEN, from: "HF_TOKEN" }),
    store,
    billTo: () => billTo,
    timeoutMs,
  });

before(() => api.start());
after(() => api.stop());
beforeEach(() => {
  api.requests.length = 0;
  api.set(WHOAMI, { body: { name: "ana", isPro: true, orgs: [{ name: "acme", plan: "team" }] } });
  api.set(USAGE, {
    body: {
      usage: {
        inferenceProviders: { usedNanoUsd: 1.6e9, includedNanoUsd: 2e9, numRequests: 42, periodEnd: 1798761600 },
      },
    },
  });
  api.set(overview("acme"), { body: { plan: "team", numUsers: 4 } });
  api.routes.delete(orgUsage("acme"));
});

test("normal: usage numbers, the token sent as a bearer to the mock only, usage asked in epoch seconds", async () => {
  const { state } = await meter().refresh();
  assert.equal(state.text, "HF $1.60 / $2.00");
  assert.equal(state.level, "warning");
  assert.equal(state.requests, 42);
  assert.ok(api.requests.every((r) => r.authorization === `Bearer ${TOKEN}` && r.host === new URL(api.url).host));
  const usageReq = api.requests.find((r) => r.path.startsWith(USAGE))!;
  const start = Number(new URL(usageReq.path, api.url).searchParams.get("startDate"));
  assert.ok(start > 1e9 && start < 1e10, "seconds, not milliseconds");
});

test("whoami is cached across refreshes (HF rate-limits it), keyed by the token", async () => {
  const store = new MemoryStore();
  await meter(store).refresh();
  await meter(store).refresh();
  assert.equal(api.requests.filter((r) => r.path === WHOAMI).length, 1);
  assert.ok(
    [...store.data.keys()].every((k) => !k.includes(TOKEN)),
    "the token itself is never a key",
  );
});

test("401 on whoami: the invalid-token state", async () => {
  api.set(WHOAMI, { status: 401, body: { error: "Invalid credentials" } });
  const { state } = await meter().refresh();
  assert.equal(state.kind, "invalid-token");
});

test("403 on usage: plan only, with the billing-read explanation", async () => {
  api.set(USAGE, { status: 403, body: { error: "forbidden" } });
  const { state } = await meter().refresh();
  assert.equal(state.kind, "plan-only");
  assert.equal(state.text, "HF PRO · $2.00/mo");
  assert.match(state.reason!, /billing read/);
});

test("an org whose usage the token cannot read shows its pooled allowance (plan x seats), never the user's own usage", async () => {
  api.set(orgUsage("acme"), { status: 403, body: { error: "forbidden" } });
  const { state } = await meter(new MemoryStore(), "acme").refresh();
  assert.equal(state.text, "HF Team · $8.00/mo");
  assert.equal(state.account, "acme");
  assert.match(state.reason!, /cannot read the org's usage \(HTTP 403\)/);
  assert.ok(api.requests.some((r) => r.path === overview("acme")));
  assert.ok(
    !api.requests.some((r) => r.path.startsWith(USAGE)),
    "the personal usage is never shown under the org's name",
  );
});

test("an org whose usage the token can read shows the org's pooled usage", async () => {
  api.set(orgUsage("acme"), {
    body: {
      usage: {
        inferenceProviders: { usedNanoUsd: 6.5e9, includedNanoUsd: 8e9, numRequests: 310, periodEnd: 1798761600 },
      },
    },
  });
  const m = meter(new MemoryStore(), "acme");
  const { state } = await m.refresh();
  assert.equal(state.text, "HF $6.50 / $8.00");
  assert.equal(state.account, "acme");
  assert.equal(state.requests, 310);
  assert.equal(state.level, "warning");
  const asked = api.requests.find((r) => r.path.startsWith(orgUsage("acme")))!;
  assert.match(asked.path, /\?startDate=\d{10}&endDate=\d{10}$/);
});

test("a 402 from HF is the error state: kept over the last numbers until usage shows room again", async () => {
  const m = meter();
  assert.equal((await m.refresh()).state.level, "warning");
  api.set(USAGE, { status: 402, body: { error: "You have depleted your monthly included credits." } });
  const depleted = (await m.refresh()).state;
  assert.equal(depleted.level, "error");
  assert.equal(depleted.text, "HF $1.60 / $2.00", "the last numbers stay, shown in the error state");
  assert.match(depleted.reason!, /402 Payment Required/);
  api.set(USAGE, {
    body: {
      usage: {
        inferenceProviders: { usedNanoUsd: 0.1e9, includedNanoUsd: 2e9, numRequests: 1, periodEnd: 1801440000 },
      },
    },
  });
  const fresh = (await m.refresh()).state;
  assert.equal(fresh.level, "normal", "a new period with room clears the 402 state");
});

test("a 402 before any numbers were read: 'credits used up' in the error state", async () => {
  api.set(USAGE, { status: 402, body: { error: "You have exceeded your monthly included credits." } });
  const { state } = await meter().refresh();
  assert.equal(state.kind, "plan-only");
  assert.equal(state.text, "HF PRO · credits used up");
  assert.equal(state.level, "error");
});

test("429 on usage: retry when Retry-After says, keeping the last numbers", async () => {
  const m = meter();
  await m.refresh();
  api.set(USAGE, { status: 429, headers: { "retry-after": "7" } });
  const { state, retryInMs } = await m.refresh();
  assert.equal(retryInMs, 7000);
  assert.equal(state.text, "HF $1.60 / $2.00");
});

test("500, a hang past the timeout, and invalid JSON: last value kept, marked stale, retried with backoff", async () => {
  const m = meter(new MemoryStore(), undefined, 300);
  await m.refresh();
  for (const route of [{ status: 500 }, { hang: true }, { raw: "{not json" }]) {
    api.set(USAGE, route);
    const { state, retryInMs } = await m.refresh();
    assert.equal(state.stale, true, JSON.stringify(route));
    assert.match(state.text, /\$1\.60 \/ \$2\.00 \(stale\)/);
    assert.ok(retryInMs !== undefined && retryInMs <= 60_000);
  }
});

test("no token: the sign-in state, and no request at all", async () => {
  const m = new CreditMeter({
    endpoint: api.url,
    token: async () => undefined,
    store: new MemoryStore(),
    billTo: () => undefined,
  });
  const { state } = await m.refresh();
  assert.equal(state.kind, "signed-out");
  assert.equal(api.requests.length, 0);
});

// The meter's pure parts: states and numbers, token discovery order, endpoint safety, redaction.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkEndpoint, chooseEndpoint } from "../../../client/src/meter/endpoint";
import { computeState, dollars, tooltip } from "../../../client/src/meter/meterState";
import { redact } from "../../../client/src/meter/redact";
import { discoverToken } from "../../../client/src/meter/token";
import { fullJitterDelayMs, retryAfterMs } from "../../../shared/src/backoffPolicy";

const usage = (used: number, included: number, extra: object = {}) => ({ usedNanoUsd: used * 1e9, includedNanoUsd: included * 1e9, numRequests: 12, periodEnd: 1798761600, ...extra });

test("Free, PRO and org states: text, allowance and thresholds", () => {
  const free = computeState({ signedIn: true, whoami: { name: "ana" }, usage: usage(0.07, 0.1) });
  assert.equal(free.text, "HF $0.07 / $0.10");
  assert.equal(free.level, "normal");
  assert.equal(free.plan, "Free");
  assert.equal(computeState({ signedIn: true, whoami: { name: "ana" }, usage: usage(0.075, 0.1) }).level, "warning");
  assert.equal(computeState({ signedIn: true, whoami: { name: "ana" }, usage: usage(0.1, 0.1) }).level, "error");
  assert.equal(computeState({ signedIn: true, whoami: { name: "ana" }, usage: usage(0.01, 0.1), paymentRequired: true }).level, "error");
  const pro = computeState({ signedIn: true, whoami: { name: "ana", isPro: true }, usageProblem: "no billing read" });
  assert.equal(pro.kind, "plan-only");
  assert.equal(pro.text, "HF PRO · $2.00/mo");
  const org = computeState({ signedIn: true, whoami: { name: "ana", orgs: [{ name: "Acme", plan: "team" }] }, billTo: "acme", seats: 5 });
  assert.equal(org.text, "HF Team · $10.00/mo");
  assert.equal(org.account, "acme");
});

test("nano-USD rounding, period end in seconds, the compact form and the tooltip", () => {
  assert.equal(dollars(0.005), "$0.01");
  assert.equal(dollars(1.994), "$1.99");
  const s = computeState({ signedIn: true, whoami: { name: "ana", isPro: true }, usage: usage(1.5, 2, { limitNanoUsd: 10e9 }), compact: true });
  assert.equal(s.text, "HF 75% ▰▰▰▰▱");
  assert.equal(s.periodEnd!.toISOString().slice(0, 10), "2027-01-01");
  const md = tooltip(s, Date.now(), Date.now() - 120_000);
  assert.match(md, /Used \$1\.50 of \$2\.00 included, limit \$10\.00/);
  assert.match(md, /12 requests this period/);
  assert.match(md, /Resets 2027-01-01/);
  assert.match(md, /huggingface\.co\/settings\/billing/);
  assert.match(md, /Updated \d\d:\d\d UTC \(2 min ago\)/);
  assert.doesNotMatch(md, /command:hfRateGuard\.setToken/, "a working token is not nagged about");
});

test("signed-out and invalid-token states", () => {
  assert.equal(computeState({ signedIn: false }).kind, "signed-out");
  assert.match(computeState({ signedIn: false }).text, /sign in/);
  const bad = computeState({ signedIn: true, invalidToken: true });
  assert.equal(bad.kind, "invalid-token");
  assert.equal(bad.level, "error");
  assert.match(tooltip(bad, Date.now()), /401[\s\S]*\[Set token\]\(command:hfRateGuard\.setToken\)/, "401 offers Set token");
  assert.match(tooltip(computeState({ signedIn: false }), Date.now()), /\[Set token\]\(command:hfRateGuard\.setToken\)/);
});

test("token discovery order: secret storage, HF_TOKEN, HUGGING_FACE_HUB_TOKEN, then the token file", () => {
  const files: Record<string, string> = { "/custom/tok": "hf_path\n", "/hfhome/token": "hf_home", "/home/u/.cache/huggingface/token": "hf_default" };
  const read = (p: string) => files[p];
  assert.equal(discoverToken("hf_secret", { HF_TOKEN: "hf_env" }, read, "/home/u")?.from, "secret storage");
  assert.equal(discoverToken(undefined, { HF_TOKEN: "hf_env", HUGGING_FACE_HUB_TOKEN: "hf_old" }, read, "/home/u")?.token, "hf_env");
  assert.equal(discoverToken(undefined, { HUGGING_FACE_HUB_TOKEN: "hf_old" }, read, "/home/u")?.token, "hf_old");
  assert.equal(discoverToken(undefined, { HF_TOKEN_PATH: "/custom/tok", HF_HOME: "/hfhome" }, read, "/home/u")?.token, "hf_path");
  assert.equal(discoverToken(undefined, { HF_HOME: "/hfhome" }, read, "/home/u")?.token, "hf_home");
  assert.equal(discoverToken(undefined, {}, read, "/home/u")?.token, "hf_default");
  assert.equal(discoverToken(undefined, {}, () => undefined, "/home/u"), undefined);
});

test("endpoint safety: HTTPS anywhere, plain HTTP only to loopback, never credentials in the URL", () => {
  assert.equal(checkEndpoint(undefined).url, "https://huggingface.co");
  assert.equal(checkEndpoint("https://hf-mirror.example.com/").url, "https://hf-mirror.example.com");
  assert.equal(checkEndpoint("http://127.0.0.1:8080").url, "http://127.0.0.1:8080");
  assert.equal(checkEndpoint("http://localhost:9").url, "http://localhost:9");
  assert.equal(checkEndpoint("http://[::1]:9").url, "http://[::1]:9");
  for (const bad of ["http://evil.example.com", "http://10.0.0.5", "ftp://huggingface.co", "https://user:pw@huggingface.co", "not a url"]) {
    const c = checkEndpoint(bad);
    assert.equal(c.url, "https://huggingface.co", bad);
    assert.ok(c.refused, bad);
  }
  assert.equal(chooseEndpoint("", { HF_ENDPOINT: "http://127.0.0.1:1" }).url, "http://127.0.0.1:1");
  assert.equal(chooseEndpoint("https://a.example", { HF_ENDPOINT: "http://127.0.0.1:1" }).url, "https://a.example");
});

test("redaction removes tokens from any text", () => {
  assert.equal(redact("failed with hf_abcdefghijklmnop"), "failed with hf_***");
  assert.equal(redact("Bearer sk-secret-value", ["sk-secret-value"]), "Bearer ***");
});

test("the shared backoff policy: full jitter within the capped exponential, Retry-After as seconds or a date", () => {
  for (let attempt = 0; attempt < 10; attempt++) {
    assert.equal(fullJitterDelayMs(attempt, () => 1), Math.min(60_000, 1000 * 2 ** attempt));
    assert.equal(fullJitterDelayMs(attempt, () => 0), 0);
  }
  assert.equal(retryAfterMs("3"), 3000);
  assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6_000);
  assert.equal(retryAfterMs("soon"), undefined);
});

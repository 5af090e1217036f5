// The meter's pure parts: states and numbers, token discovery order, endpoint safety, redaction.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkEndpoint, chooseEndpoint } from "../../../client/src/meter/endpoint";
import fs from "node:fs";
import path from "node:path";
import { accessibilityLabel, computeState, dollars, tooltip } from "../../../client/src/meter/meterState";
import { escapeMarkdown, isHfName } from "../../../client/src/meter/names";
import { redact } from "../../../client/src/meter/redact";
import {
  clampDelay,
  MAX_DELAY_MS,
  MIN_DELAY_MS,
  regularDelayMs,
  userFirstMinutes,
} from "../../../client/src/meter/schedule";
import { checkToken, discoverToken } from "../../../client/src/meter/token";
import { ROOT } from "../../support/paths";
import { fullJitterDelayMs, retryAfterMs } from "../../../shared/src/backoffPolicy";

const usage = (used: number, included: number, extra: object = {}) => ({
  usedNanoUsd: used * 1e9,
  includedNanoUsd: included * 1e9,
  numRequests: 12,
  periodEnd: 1798761600,
  ...extra,
});

test("Free, PRO and org states: text, allowance and thresholds", () => {
  const free = computeState({ signedIn: true, whoami: { name: "ana" }, usage: usage(0.07, 0.1) });
  assert.equal(free.text, "HF $0.07 / $0.10");
  assert.equal(free.level, "normal");
  assert.equal(free.plan, "Free");
  assert.equal(computeState({ signedIn: true, whoami: { name: "ana" }, usage: usage(0.075, 0.1) }).level, "warning");
  assert.equal(computeState({ signedIn: true, whoami: { name: "ana" }, usage: usage(0.1, 0.1) }).level, "error");
  assert.equal(
    computeState({ signedIn: true, whoami: { name: "ana" }, usage: usage(0.01, 0.1), paymentRequired: true }).level,
    "error",
  );
  const pro = computeState({ signedIn: true, whoami: { name: "ana", isPro: true }, usageProblem: "no billing read" });
  assert.equal(pro.kind, "plan-only");
  assert.equal(pro.text, "HF PRO · $2.00/mo");
  const org = computeState({
    signedIn: true,
    whoami: { name: "ana", orgs: [{ name: "Acme", plan: "team" }] },
    billTo: "acme",
    seats: 5,
  });
  assert.equal(org.text, "HF Team · $10.00/mo");
  assert.equal(org.account, "acme");
});

test("nano-USD rounding, period end in seconds, the compact form and the tooltip", () => {
  assert.equal(dollars(0.005), "$0.01");
  assert.equal(dollars(1.994), "$1.99");
  const s = computeState({
    signedIn: true,
    whoami: { name: "ana", isPro: true },
    usage: usage(1.5, 2, { limitNanoUsd: 10e9 }),
    compact: true,
  });
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
  assert.match(
    computeState({ signedIn: false }).text,
    /set token/,
    "the status text says what the menu item and the link say",
  );
  const bad = computeState({ signedIn: true, invalidToken: true });
  assert.equal(bad.kind, "invalid-token");
  assert.equal(bad.level, "error");
  assert.match(
    tooltip(bad, Date.now()),
    /401[\s\S]*\[Set token\]\(command:hfRateGuard\.setToken\)/,
    "401 offers Set token",
  );
  assert.match(
    tooltip(computeState({ signedIn: false }), Date.now()),
    /\[Set token\]\(command:hfRateGuard\.setToken\)/,
  );
});

test("token discovery order: secret storage, HF_TOKEN, HUGGING_FACE_HUB_TOKEN, then the token file", () => {
  const files: Record<string, string> = {
    "/custom/tok": "hf_path\n",
    "/hfhome/token": "hf_home",
    "/home/u/.cache/huggingface/token": "hf_default",
  };
  const read = (p: string) => files[p];
  assert.equal(discoverToken("hf_secret", { HF_TOKEN: "hf_env" }, read, "/home/u")?.from, "secret storage");
  assert.equal(
    discoverToken(undefined, { HF_TOKEN: "hf_env", HUGGING_FACE_HUB_TOKEN: "hf_old" }, read, "/home/u")?.token,
    "hf_env",
  );
  assert.equal(discoverToken(undefined, { HUGGING_FACE_HUB_TOKEN: "hf_old" }, read, "/home/u")?.token, "hf_old");
  assert.equal(
    discoverToken(undefined, { HF_TOKEN_PATH: "/custom/tok", HF_HOME: "/hfhome" }, read, "/home/u")?.token,
    "hf_path",
  );
  assert.equal(discoverToken(undefined, { HF_HOME: "/hfhome" }, read, "/home/u")?.token, "hf_home");
  assert.equal(discoverToken(undefined, {}, read, "/home/u")?.token, "hf_default");
  assert.equal(
    discoverToken(undefined, {}, () => undefined, "/home/u"),
    undefined,
  );
});

test("endpoint safety: HTTPS anywhere, plain HTTP only to loopback, never credentials in the URL", () => {
  assert.equal(checkEndpoint(undefined).url, "https://huggingface.co");
  assert.equal(checkEndpoint("https://hf-mirror.example.com/").url, "https://hf-mirror.example.com");
  assert.equal(checkEndpoint("http://127.0.0.1:8080").url, "http://127.0.0.1:8080");
  assert.equal(checkEndpoint("http://localhost:9").url, "http://localhost:9");
  assert.equal(checkEndpoint("http://[::1]:9").url, "http://[::1]:9");
  for (const bad of [
    "http://evil.example.com",
    "http://10.0.0.5",
    "ftp://huggingface.co",
    "https://user:pw@huggingface.co",
    "not a url",
  ]) {
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
    assert.equal(
      fullJitterDelayMs(attempt, () => 1),
      Math.min(60_000, 1000 * 2 ** attempt),
    );
    assert.equal(
      fullJitterDelayMs(attempt, () => 0),
      0,
    );
  }
  assert.equal(retryAfterMs("3"), 3000);
  assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6_000);
  assert.equal(retryAfterMs("soon"), undefined);
});

// Issue 12, "The token and the meter".
const SECRET = "hf_AbCdEfGhIjKlMnOpQrSt";

test("a token with a line break, NUL, a control character or a space is refused with a message that holds no part of it", () => {
  assert.deepEqual(checkToken(`  ${SECRET}\n`), { token: SECRET }, "surrounding whitespace is trimmed");
  for (const bad of [
    `${SECRET.slice(0, 10)}\r\n${SECRET.slice(10)}`,
    `${SECRET}\u0000x`,
    `${SECRET.slice(0, 8)}\u0007${SECRET.slice(8)}`,
    `${SECRET.slice(0, 12)} ${SECRET.slice(12)}`,
  ]) {
    const checked = checkToken(bad);
    assert.ok("problem" in checked, JSON.stringify(bad));
    for (let i = 0; i + 4 <= SECRET.length; i++)
      assert.ok(!checked.problem.includes(SECRET.slice(i, i + 4)), checked.problem);
    const found = discoverToken(undefined, { HF_TOKEN: bad }, () => undefined, "/home/u")!;
    assert.equal(found.token, "");
    assert.match(found.problem!, /from HF_TOKEN/);
  }
});

test("redaction removes the exact token first, then hf_ shapes: no tail of a token with a line break survives", () => {
  const token = "hf_abcdefghijklmnop\nqrstuvwxyz012";
  const header = `Headers.append: "Bearer ${token}" is an invalid header value.`;
  const out = redact(header, [token]);
  assert.ok(!/qrstuvwxyz|abcdefghij/.test(out), out);
  assert.ok(!redact(JSON.stringify({ error: header }), [token]).includes("qrstuv"), "escaped in JSON too");
  assert.equal(redact("failed with hf_abcdefghijklmnop"), "failed with hf_***");
});

test("every meter delay is bounded: seconds at least, hours at most, whatever the setting or Retry-After says", () => {
  for (const ms of [0, -5000, Number.NaN, Number.POSITIVE_INFINITY, undefined, 1])
    assert.equal(clampDelay(ms), MIN_DELAY_MS, String(ms));
  assert.equal(clampDelay(10 ** 12), MAX_DELAY_MS);
  assert.ok(MIN_DELAY_MS >= 1000 && MAX_DELAY_MS <= 24 * 3600_000 && MAX_DELAY_MS < 2 ** 31 - 1);
  for (const minutes of [35_792, 1e9, "5", null, {}, Number.NaN, -3, 0]) {
    const d = regularDelayMs(minutes, 0.5);
    assert.ok(d >= MIN_DELAY_MS && d <= MAX_DELAY_MS, `${String(minutes)} -> ${d}`);
  }
  assert.equal(regularDelayMs("5", 0.5), 10 * 60_000, "a non-number is the default, 10 minutes");
  assert.equal(retryAfterMs(new Date(1000).toUTCString(), 50_000), 0, "a past date is 0 ms...");
  assert.equal(
    clampDelay(retryAfterMs(new Date(1000).toUTCString(), 50_000)),
    MIN_DELAY_MS,
    "...which the meter waits as the minimum",
  );
});

test("a workspace setting may only make refreshes rarer, never more frequent", () => {
  assert.equal(userFirstMinutes({ defaultValue: 10 }), 10);
  assert.equal(userFirstMinutes({ defaultValue: 10, workspaceValue: 1 }), 10);
  assert.equal(userFirstMinutes({ defaultValue: 10, workspaceFolderValue: 0.001 }), 10);
  assert.equal(userFirstMinutes({ defaultValue: 10, globalValue: 2, workspaceValue: 1 }), 2);
  assert.equal(userFirstMinutes({ defaultValue: 10, workspaceValue: 60 }), 60);
  assert.equal(userFirstMinutes({ defaultValue: 10, workspaceValue: "fast" }), 10);
});

test("billTo must be an HF name (no `..`, no `/`), and what the tooltip shows from it is escaped Markdown", () => {
  for (const good of ["acme", "my-org", "Org_2", "a.b"]) assert.ok(isHfName(good), good);
  for (const bad of [
    "..",
    "../admin",
    "a/b",
    "a..b",
    "-a",
    "a-",
    ".a",
    "a--b",
    "",
    "x".repeat(97),
    "a b",
    "[x](command:evil)",
  ])
    assert.ok(!isHfName(bad), bad);
  const md = tooltip(
    computeState({ signedIn: true, whoami: { name: "ana" }, billTo: "[click](command:hfRateGuard.signOut)" }),
    Date.now(),
  );
  assert.ok(!md.includes("[click](command:hfRateGuard.signOut)"), md);
  assert.equal(escapeMarkdown("$(error) **x**"), "\\$\\(error\\) \\*\\*x\\*\\*");
});

test("the accessibility label is plain text, with no icon syntax and no Markdown", () => {
  const label = accessibilityLabel(computeState({ signedIn: false }));
  assert.equal(label, "Hugging Face credits: HF: set token");
  const usageLabel = accessibilityLabel(
    computeState({ signedIn: true, whoami: { name: "ana", isPro: true }, usage: usage(1.9, 2) }),
  );
  assert.doesNotMatch(usageLabel, /\$\(|\*\*|\[/);
  assert.match(usageLabel, /\$1\.90 \/ \$2\.00, ana, warning/);
});

test("hfRateGuard.endpoint is application-scoped, and HF_ENDPOINT may only name HF's hosts or this machine", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  assert.equal(manifest.contributes.configuration.properties["hfRateGuard.endpoint"].scope, "application");
  assert.equal(
    chooseEndpoint(undefined, { HF_ENDPOINT: "https://collector.example.com" }).url,
    "https://huggingface.co",
  );
  assert.ok(chooseEndpoint(undefined, { HF_ENDPOINT: "https://collector.example.com" }).refused);
  assert.equal(
    chooseEndpoint(undefined, { HF_ENDPOINT: "https://huggingface.co.evil.com" }).url,
    "https://huggingface.co",
  );
  assert.equal(
    chooseEndpoint(undefined, { HF_ENDPOINT: "https://hub-ci.huggingface.co" }).url,
    "https://hub-ci.huggingface.co",
  );
  assert.equal(chooseEndpoint(undefined, { HF_ENDPOINT: "http://localhost:8080" }).url, "http://localhost:8080");
  assert.equal(
    chooseEndpoint("https://mirror.example.com", {}).url,
    "https://mirror.example.com",
    "the user's own setting may name any HTTPS host",
  );
});

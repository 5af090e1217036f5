// The rules are pure functions of the model: these tests build models by hand, so they pin the rules'
// behaviour independently of either frontend.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  emptyModel,
  type ClientConstruction,
  type FileModel,
  type HfCall,
  type RetryConstruct,
} from "../../server/src/analysis/model";
import { ALL_RULES } from "../../server/src/analysis/rules/index";
import type { OrgContext } from "../../server/src/analysis/rules/types";

function call(over: Partial<HfCall> = {}): HfCall {
  return {
    span: { start: 0, end: 10 },
    callee: "client.chat_completion",
    library: "huggingface_hub",
    surface: "router",
    billTo: { present: false },
    isAsync: false,
    isStreaming: false,
    protection: { kind: "unprotected" },
    retries: [],
    ...over,
  };
}

function client(over: Partial<ClientConstruction> = {}): ClientConstruction {
  return {
    span: { start: 100, end: 120 },
    library: "huggingface_hub",
    className: "InferenceClient",
    surface: "router",
    billTo: { present: false },
    argsSpan: { start: 116, end: 119 },
    ...over,
  };
}

function retry(over: Partial<RetryConstruct> = {}): RetryConstruct {
  return {
    kind: "tenacity",
    span: { start: 200, end: 210 },
    handles429: true,
    honorsRetryAfter: true,
    waits: true,
    hasJitter: true,
    bounded: true,
    retries402: false,
    relevant: true,
    ...over,
  };
}

function run(model: Partial<FileModel>, orgContext?: OrgContext): string[] {
  const full = { ...emptyModel("python"), ...model };
  return ALL_RULES.flatMap((r) => r.check({ path: "/ws/a.py", model: full, orgContext })).map(
    (f) => `${f.code}@${f.span.start}`,
  );
}

test("HF001 reports unprotected calls only, with the frontend's reason in the message", () => {
  const model = {
    calls: [call(), call({ span: { start: 50, end: 60 }, protection: { kind: "protected", by: "OpenAI SDK" } })],
  };
  assert.deepEqual(run(model), ["HF001@0"]);
  const [finding] = ALL_RULES[0].check({
    path: "/ws/a.py",
    model: {
      ...emptyModel("python"),
      calls: [call({ protection: { kind: "unprotected", reason: "the urllib3 Retry does not retry POST" } })],
    },
  });
  assert.match(finding.message, /client\.chat_completion.*urllib3 Retry does not retry POST/);
});

test("retry rules read the retry construct's properties and ignore irrelevant retries", () => {
  assert.deepEqual(run({ retries: [retry()] }), []);
  assert.deepEqual(run({ retries: [retry({ honorsRetryAfter: false, waitSpan: { start: 205, end: 207 } })] }), [
    "HF002@205",
  ]);
  assert.deepEqual(run({ retries: [retry({ hasJitter: false })] }), ["HF004@200"]);
  assert.deepEqual(run({ retries: [retry({ retries402: true })] }), ["HF005@200"]);
  assert.deepEqual(run({ retries: [retry({ bounded: false })] }), ["HF006@200"]);
  assert.deepEqual(
    run({
      retries: [
        retry({ bounded: false, retries402: true, hasJitter: false, honorsRetryAfter: false, relevant: false }),
      ],
    }),
    [],
  );
  // A retry that does not handle 429 at all is not "ignoring Retry-After".
  assert.deepEqual(run({ retries: [retry({ handles429: false, honorsRetryAfter: false })] }), []);
});

test("HF003 needs an organization context", () => {
  assert.deepEqual(run({ calls: [call({ protection: { kind: "protected", by: "x" } })] }), []);
  assert.deepEqual(
    run({ calls: [call({ protection: { kind: "protected", by: "x" } })] }, { org: "acme", source: "configuration" }),
    ["HF003@0"],
  );
});

test("HF003 goes on the client construction once, not on each call through it", () => {
  const calls = [0, 1, 2].map((i) =>
    call({ span: { start: i * 10, end: i * 10 + 5 }, client: 0, protection: { kind: "protected", by: "x" } }),
  );
  assert.deepEqual(run({ calls, clients: [client()] }, { org: "acme", source: "configuration" }), ["HF003@100"]);
  // Every call carries its own bill-to: the construction is fine.
  const billed = calls.map((c) => ({ ...c, billTo: { present: true, org: "acme" } }));
  assert.deepEqual(run({ calls: billed, clients: [client()] }, { org: "acme", source: "configuration" }), []);
});

test("HF003 never applies to Hub, Endpoints, model listing or provider-key calls", () => {
  const org = { org: "acme", source: "configuration" };
  for (const surface of ["hub", "hub-download", "endpoint", "router-models", "provider"] as const) {
    assert.deepEqual(run({ calls: [call({ surface, protection: { kind: "protected", by: "x" } })] }, org), [], surface);
  }
});

test("HF003's message names the org and where it was learned", () => {
  const [finding] = ALL_RULES.find((r) => r.code === "HF003")!.check({
    path: "/ws/a.py",
    model: { ...emptyModel("python"), clients: [client()] },
    orgContext: { org: "acme", source: "billing.py" },
  });
  assert.match(finding.message, /"acme"/);
  assert.match(finding.message, /billing\.py/);
});

test("HF007 reports legacy calls, and a legacy client with no calls", () => {
  assert.deepEqual(run({ calls: [call({ surface: "legacy", protection: { kind: "protected", by: "x" } })] }), [
    "HF007@0",
  ]);
  assert.deepEqual(run({ clients: [client({ surface: "legacy" })] }), ["HF007@100"]);
});

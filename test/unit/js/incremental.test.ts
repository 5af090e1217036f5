// The JS/TS twin of python/incremental.test.ts: TypeScript's incremental parser keeps unchanged statements, and
// their results are reused; after any sequence of edits the model must equal a fresh analysis of the same text.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { judgeCounts } from "../../../server/src/analysis/incremental/results";
import { analyzeJs } from "../../../server/src/analysis/js/index";
import { jsParseCounts } from "../../../server/src/analysis/js/parse";
import { differentialWalk, modelJson, randomEdit, rng } from "../../support/differential";
import { ROOT } from "../../support/paths";
import { FileState } from "../../../server/src/analysis/incremental/fileState";

/** What the Analyzer keeps per editor file between versions; the fresh reference analyses get none. */
const states = new Map<string, FileState>();
function stateOf(path: string): FileState {
  let state = states.get(path);
  if (!state) states.set(path, (state = new FileState()));
  return state;
}

/** Statements that lean on each other: a shared client, a helper used from other functions, a constant URL. */
const MIXED = `import { InferenceClient } from "@huggingface/inference";
import axios from "axios";
import { retryCall } from "./utils/retry";

const URL = "https://router.huggingface.co/v1/chat/completions";
const RETRY_AFTER = "retry-after";
const client = new InferenceClient(process.env.HF_TOKEN);

async function withBackoff<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err: any) {
      if (err?.httpResponse?.status !== 429 || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 2 ** attempt * 1000 * Math.random()));
    }
  }
}

async function polite(fn: () => Promise<Response>): Promise<Response> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await fn();
    if (res.status !== 429) return res;
    await new Promise((r) => setTimeout(r, Number(res.headers.get(RETRY_AFTER) ?? 1) * 1000));
  }
  throw new Error("rate limited");
}

export async function ask(prompt: string) {
  return withBackoff(() => client.chatCompletion({ model: "m", messages: [{ role: "user", content: prompt }] }));
}

export async function raw(payload: unknown) {
  const res = await fetch(URL, { method: "POST", body: JSON.stringify(payload) });
  if (!res.ok) throw new Error(String(res.status));
  return res.json();
}

async function inner(prompt: string) {
  return client.textGeneration({ model: "m", inputs: prompt });
}

export async function outer(prompt: string) {
  return withBackoff(() => inner(prompt));
}

export async function viaImport(prompt: string) {
  return retryCall(() => client.textGeneration({ model: "m", inputs: prompt }));
}

export async function viaAxios(payload: unknown) {
  return axios.post(URL, payload);
}

for (let attempt = 0; attempt < 3; attempt++) {
  try {
    var res = await fetch(URL, { method: "POST" });
    break;
  } catch (err) {
    await new Promise((r) => setTimeout(r, 1000 * Math.random()));
  }
}
if (!res.ok) throw new Error("failed");
`;

const SNIPPETS = [
  "\n  const x = 1;",
  '\nconst client = new InferenceClient(process.env.HF_TOKEN, { billTo: "acme" });\n',
  '\nimport axiosRetry from "axios-retry";\naxiosRetry(axios, { retries: 3 });\n',
  "\nasync function withBackoff(fn) { for (let i = 0; i < 3; i++) { try { return await fn(); } catch (e) { if (e.status !== 429) throw e; } } }\n",
  "try {\n  ",
  "\n} catch (err) {\n}\n",
  "(",
  ")",
  "{",
  "}",
  ";",
  "function ",
  "=> ",
  "\n",
  "withBackoff(() => ",
  "429",
];

/** Compares the incremental model with a fresh one when the text is valid (see differentialWalk); returns whether it was. */
function compare(file: string, fresh: string, text: string, label: string): boolean {
  const incremental = analyzeJs({ path: file, state: stateOf(file), text, versions: {} });
  const reference = analyzeJs({ path: fresh, text, versions: {} });
  if (reference.hasSyntaxErrors) {
    assert.ok(incremental.hasSyntaxErrors, `${label}: the kept state missed a syntax error:\n${text}`);
    return false;
  }
  assert.equal(modelJson(incremental, file), modelJson(reference, fresh), `${label}:\n${text}`);
  return true;
}

test("JS: edits in one statement reach the statements that depend on it", () => {
  const edits: [string, string][] = [
    ["return withBackoff(() => inner(prompt));", "return inner(prompt);"], // the caller that protected inner() is gone
    ["return inner(prompt);", "return withBackoff(() => inner(prompt));"],
    ['if (!res.ok) throw new Error("failed");\n', "\n"], // the module-level fetch no longer throws on 429
    ['const RETRY_AFTER = "retry-after";', 'const RETRY_AFTER = "x-wait";'], // polite() no longer waits on Retry-After
    [
      "const client = new InferenceClient(process.env.HF_TOKEN);",
      'const client = new InferenceClient(process.env.HF_TOKEN, { billTo: "acme" });',
    ],
    ['import { retryCall } from "./utils/retry";', 'import { retryCall } from "./utils/other";'],
    // axios-retry set up far from the call it configures.
    [
      'const RETRY_AFTER = "x-wait";\n',
      'const RETRY_AFTER = "x-wait";\nimport axiosRetry from "axios-retry";\naxiosRetry(axios, { retries: 3 });\n',
    ],
    ["async function withBackoff<T>(", "async function withBackoffOld<T>("],
    ['const URL = "https://router.huggingface.co/v1/chat/completions";', 'const URL = "https://example.com/v1";'], // no longer HF
  ];
  let text = MIXED;
  analyzeJs({ path: "/ws/targeted.ts", state: stateOf("/ws/targeted.ts"), text, versions: {} });
  for (const [from, to] of edits) {
    assert.ok(text.includes(from), from);
    text = text.replace(from, to);
    compare("/ws/targeted.ts", "/ws/targeted_fresh.ts", text, `after replacing ${JSON.stringify(from)}`);
  }
});

test("JS: incremental analysis equals a fresh analysis after random edits", () => {
  const dir = path.join(ROOT, "test", "fixtures", "js");
  const sources: [string, string][] = [["mixed.ts", MIXED]];
  for (const sub of ["flag", "clean"]) {
    for (const f of fs.readdirSync(path.join(dir, sub)).sort())
      if (/\.(m?[jt]sx?|cjs|cts)$/.test(f)) sources.push([f, fs.readFileSync(path.join(dir, sub, f), "utf8")]);
  }
  let compared = 0;
  sources.forEach(([name, source], n) => {
    const random = rng(2000 + n);
    const ext = path.extname(name);
    const file = `/ws/incremental_${n}${ext}`;
    analyzeJs({ path: file, state: stateOf(file), text: source, versions: {} });
    compared += differentialWalk(
      source,
      random,
      25,
      (text) => randomEdit(text, random, SNIPPETS),
      (text, step) => compare(file, `/ws/fresh_${n}${ext}`, text, `source ${name}, step ${step}`),
    );
  });
  assert.ok(compared >= 8 * sources.length, `only ${compared} valid texts compared`);
});

test("JS: typing inside one function re-parses and re-judges that function only", () => {
  let text = MIXED;
  for (let i = 0; i < 30; i++)
    text += `\nexport async function ask${i}(prompt: string) {\n  return withBackoff(() => client.chatCompletion({ model: "m", messages: [{ role: "user", content: prompt }] }));\n}\n`;
  const file = "/ws/typing.ts";
  analyzeJs({ path: file, state: stateOf(file), text, versions: {} });
  const at = text.indexOf("\n", text.indexOf("export async function ask15(")) + 1;
  for (const typed of ["  const x = 1;\n", "  const x = 12;\n", "  const x = 12;\n  const y = 2;\n"]) {
    const judged = judgeCounts.judged;
    const reused = judgeCounts.reused;
    const spliced = jsParseCounts.spliced;
    analyzeJs({ path: file, state: stateOf(file), text: text.slice(0, at) + typed + text.slice(at), versions: {} });
    assert.equal(jsParseCounts.spliced - spliced, 1, "the edit re-parses its region alone");
    assert.ok(
      judgeCounts.judged - judged <= 2,
      `re-judged ${judgeCounts.judged - judged} statements for an edit inside one function`,
    );
    assert.ok(judgeCounts.reused - reused >= 40, `reused only ${judgeCounts.reused - reused}`);
  }
});

// Typing re-judges only what an edit can affect (tree.ts keeps unchanged statements, statements.ts keeps their
// results). This checks the promise behind that: after any sequence of edits, including ones that pass through
// broken syntax, the incremental model of valid code is exactly the model a fresh analysis of the same text gives.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { analyzePython, initPython } from "../../../server/src/analysis/python/index";
import { judgeCounts } from "../../../server/src/analysis/incremental/results";
import { parseCounts } from "../../../server/src/analysis/python/parser";
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

// Edits that change what the analysis sees: names that other statements use, retries, clients, bill-to, and
// plain syntax damage.
const SNIPPETS = [
  "\n    x = 1",
  '\nclient = InferenceClient(bill_to="acme")\n',
  "\nfrom tenacity import retry, stop_after_attempt\n",
  "\n@retry(stop=stop_after_attempt(3))\n",
  "\ndef with_backoff(fn):\n    for i in range(3):\n        try:\n            return fn()\n        except Exception as e:\n            if '429' in str(e):\n                time.sleep(2 ** i)\n",
  "\nimport requests\n",
  "\nsession = requests.Session()\n",
  "\nsession.headers.update({'X-HF-Bill-To': 'acme'})\n",
  "try:\n    ",
  "\nexcept HfHubHTTPError:\n    pass\n",
  "(",
  ")",
  ":",
  "def ",
  "    ",
  "\n",
  "with_backoff(lambda: ",
  "raise_for_status()",
  "429",
];

/** Statements that lean on each other: a shared client, a helper used from other functions, a constant URL. */
const MIXED = `import time
import requests
from huggingface_hub import InferenceClient
from huggingface_hub.errors import HfHubHTTPError
from utils.retry import retry_call
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

RETRY_AFTER = "Retry-After"

URL = "https://router.huggingface.co/v1/chat/completions"
client = InferenceClient()


def with_backoff(fn):
    for attempt in range(5):
        try:
            return fn()
        except HfHubHTTPError as err:
            if err.response.status_code != 429:
                raise
            time.sleep(2 ** attempt)


def polite(fn):
    for attempt in range(5):
        try:
            return fn()
        except HfHubHTTPError as err:
            if err.response.status_code != 429:
                raise
            time.sleep(float(err.response.headers.get(RETRY_AFTER, 1)))


settings.client = InferenceClient()
session = requests.Session()


def via_session(payload):
    return session.post(URL, json=payload)


def via_session_retry(payload):
    for attempt in range(3):
        r = session.post(URL, json=payload)
        if r.status_code == 429:
            time.sleep(2 ** attempt)
            continue
        return r


def via_settings(prompt):
    return settings.client.text_generation(prompt)


def via_import(prompt):
    return retry_call(lambda: client.text_generation(prompt))


def ask(prompt):
    return with_backoff(lambda: client.chat_completion(messages=[{"role": "user", "content": prompt}]))


def raw(payload):
    res = requests.post(URL, json=payload)
    res.raise_for_status()
    return res.json()


def inner(prompt):
    return client.text_generation(prompt)


def outer(prompt):
    return with_backoff(lambda: inner(prompt))


for attempt in range(3):
    try:
        r = requests.post(URL, json={})
        break
    except requests.HTTPError:
        time.sleep(2 ** attempt)
r.raise_for_status()
`;

function compare(file: string, fresh: string, text: string, label: string): void {
  const incremental = analyzePython({ path: file, state: stateOf(file), text, versions: {} });
  const reference = analyzePython({ path: fresh, text, versions: {} });
  assert.equal(modelJson(incremental, file), modelJson(reference, fresh), `${label}:\n${text}`);
}

test("edits in one statement reach the statements that depend on it", async () => {
  await initPython(path.join(ROOT, "node_modules"));
  // Each edit changes the verdict of a call in another, untouched statement.
  const edits: [string, string][] = [
    ["return with_backoff(lambda: inner(prompt))", "return inner(prompt)"], // the caller that protected inner() is gone
    ["return inner(prompt)", "return with_backoff(lambda: inner(prompt))"],
    ["r.raise_for_status()\n", "\n"], // the module-level requests.post(...) no longer raises on 429
    ["            if err.response.status_code != 429:\n                raise\n", ""], // the helper now swallows every error
    ["client = InferenceClient()", 'client = InferenceClient(bill_to="acme")'],
    ["settings.client = InferenceClient()", 'settings.client = InferenceClient(bill_to="acme")'], // an attribute binding
    ["from utils.retry import retry_call", "from utils.other import retry_call"], // the imported helper's module
    ['RETRY_AFTER = "Retry-After"', 'RETRY_AFTER = "X-Wait"'], // polite() no longer waits on Retry-After
    // Session set-up far from the calls it configures: a retry adapter, then bill-to headers.
    [
      'RETRY_AFTER = "X-Wait"\n',
      'RETRY_AFTER = "X-Wait"\nsession.mount("https://", HTTPAdapter(max_retries=Retry(total=3, status_forcelist=[429], allowed_methods=None)))\n',
    ],
    ['RETRY_AFTER = "X-Wait"\n', 'RETRY_AFTER = "X-Wait"\nsession.headers.update({"X-HF-Bill-To": "acme"})\n'],
    ["def with_backoff(fn):", "def with_backoff_old(fn):"],
    ['URL = "https://router.huggingface.co/v1/chat/completions"', 'URL = "https://example.com/v1"'], // no longer an HF call
  ];
  let text = MIXED;
  analyzePython({ path: "/ws/targeted.py", state: stateOf("/ws/targeted.py"), text, versions: {} });
  for (const [from, to] of edits) {
    assert.ok(text.includes(from), from);
    text = text.replace(from, to);
    compare("/ws/targeted.py", "/ws/targeted_fresh.py", text, `after replacing ${JSON.stringify(from)}`);
  }
});

test("incremental Python analysis equals a fresh analysis after random edits", async () => {
  await initPython(path.join(ROOT, "node_modules"));
  const dir = path.join(ROOT, "test", "fixtures", "python");
  const sources = [MIXED];
  for (const sub of ["flag", "clean"])
    for (const f of fs.readdirSync(path.join(dir, sub)).sort())
      if (f.endsWith(".py")) sources.push(fs.readFileSync(path.join(dir, sub, f), "utf8"));
  const versions = {};
  let compared = 0;
  sources.forEach((source, n) => {
    const random = rng(1000 + n);
    const file = `/ws/incremental_${n}.py`;
    const fresh = `/ws/fresh_${n}.py`;
    analyzePython({ path: file, state: stateOf(file), text: source, versions });
    compared += differentialWalk(
      source,
      random,
      25,
      (text) => randomEdit(text, random, SNIPPETS),
      (text, step) => {
        const incremental = analyzePython({ path: file, state: stateOf(file), text, versions });
        const reference = analyzePython({ path: fresh, text, versions });
        if (reference.hasSyntaxErrors) {
          assert.ok(
            incremental.hasSyntaxErrors,
            `source ${n}, step ${step}: the kept state missed a syntax error:\n${text}`,
          );
          return false;
        }
        assert.equal(modelJson(incremental, file), modelJson(reference, fresh), `source ${n}, step ${step}:\n${text}`);
        return true;
      },
    );
  });
  assert.ok(compared >= 8 * sources.length, `only ${compared} valid texts compared`);
});

test("typing inside one function re-judges that function only, and re-parses only its region", async () => {
  await initPython(path.join(ROOT, "node_modules"));
  // Thirty HF-calling functions sharing a client and a helper, as in a real service module.
  let text = MIXED;
  for (let i = 0; i < 30; i++)
    text += `\n\ndef ask_${i}(prompt):\n    return with_backoff(lambda: client.chat_completion(messages=[{"role": "user", "content": prompt}]))\n`;
  const file = "/ws/typing.py";
  analyzePython({ path: file, state: stateOf(file), text, versions: {} });
  const statements = (text.match(/^\S/gm) ?? []).length;
  const at = text.indexOf("\n", text.indexOf("def ask_15(")) + 1;
  for (const typed of ["    x = 1\n", "    x = 12\n", "    x = 12\n    y = 2\n"]) {
    const judged = judgeCounts.judged;
    const reused = judgeCounts.reused;
    const regions = parseCounts.region;
    const edited = text.slice(0, at) + typed + text.slice(at);
    analyzePython({ path: file, state: stateOf(file), text: edited, versions: {} });
    assert.equal(parseCounts.region - regions, 1, "the edit re-parses its region alone");
    assert.ok(
      judgeCounts.judged - judged <= 2,
      `re-judged ${judgeCounts.judged - judged} statements for an edit inside one function`,
    );
    assert.ok(
      judgeCounts.reused - reused >= statements - 4,
      `reused only ${judgeCounts.reused - reused} of about ${statements}`,
    );
  }
});

// What a new user meets in the CLI's output and exit status (issue 14): honest counts, one error for a mistyped
// path, severity thresholds for CI, one excerpt per busy line, and per-rule statistics.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli, workspace } from "../support/cli";

const BARE = `from huggingface_hub import InferenceClient

client = InferenceClient()
client.text_generation("hi")
`;
const CLEAN = `from openai import OpenAI
OpenAI(base_url="https://router.huggingface.co/v1").chat.completions.create(model="m", messages=[])
`;
// HF001 and HF007 on the same call.
const LEGACY = `import requests

def ask(text):
    return requests.post("https://api-inference.huggingface.co/models/gpt2", json={"inputs": text})
`;

test("the summary counts files with problems apart from files checked", () => {
  const ws = workspace({ "a.py": BARE, "b.py": BARE, "ok1.py": CLEAN, "ok2.py": CLEAN, "ok3.py": CLEAN });
  const r = runCli(["check"], ws);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /Found 2 problems \(2 warnings\) in 2 files \(5 checked\)\./);
  assert.match(runCli(["check", "ok1.py", "ok2.py"], ws).stdout, /All clear: no problems in 2 files checked\./);
});

test("a missing path is one clear error and nothing else", () => {
  const ws = workspace({ "app.py": BARE });
  const r = runCli(["check", "app.py", "nope.py"], ws);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, "hf-rate-guard: nope.py: no such file or directory\n");
});

test("--fail-on sets the least severity that fails the run; --exit-zero never fails on findings", () => {
  const ws = workspace({ "app.py": BARE, ".hf-rate-guard.json": `{"rules": {"HF001": "info"}}` });
  const plain = runCli(["check"], ws);
  assert.equal(plain.status, 1, "by default any finding fails");
  assert.match(plain.stdout, /info HF001/);
  const warning = runCli(["check", "--fail-on", "warning"], ws);
  assert.equal(warning.status, 0, warning.stderr);
  assert.match(warning.stdout, /info HF001/, "milder findings are still reported");
  assert.equal(runCli(["check", "--fail-on=info"], ws).status, 1);
  const strict = workspace({ "app.py": BARE, ".hf-rate-guard.json": `{"rules": {"HF001": "error"}}` });
  assert.equal(runCli(["check", "--fail-on", "error"], strict).status, 1);
  assert.equal(
    runCli(["check", "--fail-on", "error"], workspace({ "app.py": BARE })).status,
    0,
    "a warning does not fail at --fail-on error",
  );
  const zero = runCli(["check", "--exit-zero"], strict);
  assert.equal(zero.status, 0);
  assert.match(zero.stdout, /error HF001/);
  const bad = runCli(["check", "--fail-on", "loud"], ws);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--fail-on takes info, warning or error/);
  assert.equal(runCli(["check", "--exit-zero", "missing.py"], ws).status, 2, "errors still exit 2");
});

test("several findings on one line share one source excerpt, each marker labelled with its codes", () => {
  const ws = workspace({ "app.py": LEGACY });
  const r = runCli(["check"], ws);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^app\.py:4:12: warning HF001 /m);
  assert.match(r.stdout, /^app\.py:4:12: info HF007 /m);
  assert.equal(r.stdout.split("\n").filter((l) => l.startsWith("4 | ")).length, 1, r.stdout);
  // One marker per distinct span: the two may share a span or not.
  assert.match(r.stdout, /^ {2}\| +\^+ (HF\d{3}, )*HF001(, HF\d{3})*$/m);
  assert.match(r.stdout, /^ {2}\| +\^+ (HF\d{3}, )*HF007(, HF\d{3})*$/m);
});

test("--statistics prints the count of findings per rule, most frequent first, in text and json", () => {
  const ws = workspace({ "a.py": BARE, "b.py": BARE, "legacy.py": LEGACY, "ok.py": CLEAN });
  const r = runCli(["check", "--statistics"], ws);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(
    r.stdout,
    "3  HF001  unhandled-rate-limit (3 files)\n1  HF007  legacy-inference-api (1 file)\n\nFound 4 problems in 3 files (4 checked).\n",
  );
  const json = JSON.parse(runCli(["check", "--statistics", "--format", "json"], ws).stdout);
  assert.deepEqual(json.statistics, [
    { code: "HF001", rule: "unhandled-rate-limit", count: 3, files: 3 },
    { code: "HF007", rule: "legacy-inference-api", count: 1, files: 1 },
  ]);
  assert.equal(json.filesChecked, 4);
  assert.equal(runCli(["check", "--statistics", "--format", "sarif"], ws).status, 2);
});

// `hf-rate-guard explain FILE:LINE` (issue 14): the hover's explanation from the command line.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli, workspace } from "../support/cli";

const APP = `from huggingface_hub import InferenceClient

client = InferenceClient(provider="together")
client.text_generation(
    "hi",
)
`;

test("explain prints surface, billing, 429 protection and findings with docs for the call on a line", () => {
  const ws = workspace({
    "app.py": APP,
    "team.py": "from huggingface_hub import InferenceClient\nteam = InferenceClient(bill_to='acme')\n",
  });
  const r = runCli(["explain", "app.py:4"], ws);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^app\.py:4:1: client\.text_generation \(huggingface_hub\)$/m);
  assert.match(r.stdout, /surface: Inference Providers .*provider: together/);
  assert.match(r.stdout, /billing: .*personal account, not "acme".*team\.py bills "acme"/);
  assert.match(r.stdout, /429: +Not protected/);
  assert.match(r.stdout, /HF001 \[unhandled-rate-limit\][\s\S]*docs\/rules\/HF001\.md/);
  // A line inside the call's arguments explains the call too.
  assert.equal(
    runCli(["explain", "app.py:5"], ws).stdout.split("\n")[0],
    "app.py:4:1: client.text_generation (huggingface_hub)",
  );
  const json = JSON.parse(runCli(["explain", "app.py:4", "--format", "json", "--bill-to", "other"], ws).stdout);
  assert.equal(json.calls[0].callee, "client.text_generation");
  assert.match(json.calls[0].billing, /not "other".*configured billTo/);
});

test("explain: a line without an HF call exits 1; a bad target or a missing file exits 2 with one clear line", () => {
  const ws = workspace({ "app.py": APP });
  const none = runCli(["explain", "app.py:1"], ws);
  assert.equal(none.status, 1);
  assert.match(none.stdout, /app\.py:1: no Hugging Face call on this line/);
  const bad = runCli(["explain", "app.py"], ws);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /explain takes FILE:LINE/);
  const missing = runCli(["explain", "nope.py:3"], ws);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.py: no such file/);
});

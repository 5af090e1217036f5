// The CLI contract (issue 2): exit codes, the four formats, options, .gitignore, notebooks.
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

test("exit 0 and an all-clear line when nothing is wrong", () => {
  const ws = workspace({ "ok.py": CLEAN });
  const r = runCli(["check", "."], ws);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /no problems in 1 file/);
});

test("exit 1 with a ruff-like text report that shows the source line", () => {
  const ws = workspace({ "app.py": BARE });
  const r = runCli(["check"], ws);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^app\.py:4:1: warning HF001 \[unhandled-rate-limit\] `client\.text_generation`/m);
  assert.match(r.stdout, /4 \| client\.text_generation\("hi"\)/);
  assert.match(r.stdout, /Found 1 problem/);
});

test("json output has the documented shape, paths relative to the current directory, sorted", () => {
  const ws = workspace({ "b/app.py": BARE, "a/app.py": BARE, "a/ok.py": CLEAN });
  const r = runCli(["check", "--format", "json", "a", "b"], ws);
  assert.equal(r.status, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.version, 1);
  assert.deepEqual(
    out.diagnostics.map((d: { file: string }) => d.file),
    ["a/app.py", "b/app.py"],
  );
  assert.deepEqual(out.diagnostics[0], {
    file: "a/app.py",
    line: 4,
    column: 1,
    endLine: 4,
    // The callee `client.text_generation`, not the arguments.
    endColumn: 23,
    code: "HF001",
    rule: "unhandled-rate-limit",
    severity: "warning",
    message: out.diagnostics[0].message,
  });
});

test("a finding on a call spanning several lines underlines its callee, in the columns of every format", () => {
  const ws = workspace({
    "app.py": `from huggingface_hub import InferenceClient
client = InferenceClient()
reply = client.chat_completion(
    messages=[{"role": "user", "content": "hi"}],
    max_tokens=10,
)
`,
  });
  const [d] = JSON.parse(runCli(["check", "--format", "json"], ws).stdout).diagnostics;
  assert.deepEqual([d.code, d.line, d.column, d.endLine, d.endColumn], ["HF001", 3, 9, 3, 31]);
  const text = runCli(["check"], ws).stdout;
  assert.match(text, /3 \| reply = client\.chat_completion\(\n\s+\|\s{9}\^{22}\n/, text);
});

test("github output emits workflow commands with escaped properties", () => {
  const ws = workspace({ "app.py": BARE });
  const r = runCli(["check", "--format=github"], ws);
  assert.equal(r.status, 1);
  assert.match(
    r.stdout,
    /^::warning file=app\.py,line=4,col=1,endLine=4,endColumn=23,title=HF001 unhandled-rate-limit::`client\.text_generation` has no 429 handling/m,
  );
});

test("--select, --ignore and --bill-to", () => {
  const ws = workspace({ "app.py": BARE });
  const codes = (args: string[]) =>
    JSON.parse(runCli(["check", "--format", "json", ...args], ws).stdout).diagnostics.map(
      (d: { code: string }) => d.code,
    );
  assert.deepEqual(codes([]), ["HF001"]);
  assert.deepEqual(codes(["--bill-to", "acme"]), ["HF003", "HF001"]);
  assert.deepEqual(codes(["--bill-to", "acme", "--select", "HF003"]), ["HF003"]);
  assert.deepEqual(codes(["--bill-to", "acme", "--ignore", "HF001,HF003"]), []);
});

test("--config uses the given file instead of the nearest one", () => {
  const ws = workspace({
    "app.py": BARE,
    ".hf-rate-guard.json": `{"rules": {"HF001": "off"}}`,
    "ci/strict.json": `{"rules": {"HF001": "error"}}`,
  });
  assert.equal(runCli(["check"], ws).status, 0);
  const r = runCli(["check", "--config", "ci/strict.json", "--format", "json"], ws);
  assert.equal(JSON.parse(r.stdout).diagnostics[0].severity, "error");
});

test("exit 2 on usage errors, a missing path, and an invalid config (which still reports with defaults)", () => {
  const ws = workspace({ "app.py": BARE });
  assert.equal(runCli(["check", "--format", "xml"], ws).status, 2);
  assert.equal(runCli(["check", "--select", "HF999"], ws).status, 2);
  assert.equal(runCli(["lint"], ws).status, 2);
  const missing = runCli(["check", "nope.py"], ws);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.py: no such file/);
  const bad = workspace({ "app.py": BARE, ".hf-rate-guard.json": `{"rules": {"HF001": "loud"}}` });
  const r = runCli(["check"], bad);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /\.hf-rate-guard\.json: rules\.HF001 must be one of/);
  assert.match(r.stdout, /HF001/);
});

test("--version and --help", () => {
  const ws = workspace({});
  const v = runCli(["--version"], ws);
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^hf-rate-guard \d+\.\d+\.\d+/);
  assert.match(runCli(["--help"], ws).stdout, /Usage: hf-rate-guard check/);
});

test("directories are walked respecting .gitignore and skipping node_modules, virtualenvs, dist and build", () => {
  const ws = workspace({
    ".gitignore": "generated/\n*.tmp.py\n",
    "src/app.py": BARE,
    "generated/app.py": BARE,
    "src/x.tmp.py": BARE,
    "node_modules/pkg/index.js": `fetch("https://router.huggingface.co/v1/chat/completions", {method: "POST"})`,
    "myenv/pyvenv.cfg": "home = /usr",
    "myenv/lib/app.py": BARE,
    "dist/app.py": BARE,
    "build/app.py": BARE,
  });
  const out = JSON.parse(runCli(["check", "--format", "json"], ws).stdout);
  assert.deepEqual(
    out.diagnostics.map((d: { file: string }) => d.file),
    ["src/app.py"],
  );
});

test("notebook diagnostics carry their cell", () => {
  const nb = JSON.stringify({
    cells: [
      {
        cell_type: "code",
        source: "from huggingface_hub import InferenceClient\nInferenceClient().text_generation('x')\n",
      },
    ],
  });
  const ws = workspace({ "nb.ipynb": nb });
  const out = JSON.parse(runCli(["check", "--format", "json"], ws).stdout);
  assert.equal(out.diagnostics[0].cell, 0);
  assert.equal(out.diagnostics[0].line, 2);
});

test("files that were not checked are listed with the reason, without --verbose", () => {
  const ws = workspace({ "bin.py": Buffer.from([0, 1, 2, 3, 0, 0]), "app.py": BARE });
  const r = runCli(["check"], ws);
  assert.match(r.stdout, /Not checked \(1\):\n {2}bin\.py: binary file\n/);
});

test("--fix writes only changed files, keeping CRLF line endings and the BOM, and reports what is left", async () => {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const crlf = "\uFEFF" + BARE.replace(/\n/g, "\r\n");
  const ws = workspace({ "app.py": crlf, "ok.py": CLEAN });
  const okBefore = fs.statSync(path.join(ws, "ok.py")).mtimeMs;
  const r = runCli(["check", "--fix"], ws);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /fixed 1 file/);
  const fixed = fs.readFileSync(path.join(ws, "app.py"), "utf8");
  assert.ok(fixed.startsWith("\uFEFF"), "BOM kept");
  assert.ok(!/[^\r]\n/.test(fixed), "every line ends with CRLF");
  assert.match(fixed, /_hf_retry\(lambda: client\.text_generation\("hi"\)\)/);
  assert.equal(fs.statSync(path.join(ws, "ok.py")).mtimeMs, okBefore);
  const again = runCli(["check", "--fix"], ws);
  assert.equal(again.status, 0);
  assert.equal(fs.readFileSync(path.join(ws, "app.py"), "utf8"), fixed, "fixing twice changes nothing");
});

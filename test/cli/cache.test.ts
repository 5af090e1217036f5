// The CLI's cache (.hf-rate-guard-cache): unchanged files are not analysed again, yet the report is the same as
// without it; an edited file, a corrupt cache or a cache from another build never yields stale diagnostics.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { runCli, workspace } from "../support/cli";
import { tempDir } from "../support/tempDir";

const BARE = `from huggingface_hub import InferenceClient

client = InferenceClient()
client.text_generation("hi")
`;
const TWICE = BARE + `client.text_generation("again")\n`;
const PLAIN = `def total(price, qty):\n    return price * qty\n`;

function reused(stderr: string): { reused: number; analysed: number } {
  const m = /cache: (\d+) file\(s\) reused, (\d+) analysed/.exec(stderr);
  assert.ok(m, `a cache note in: ${stderr}`);
  return { reused: Number(m[1]), analysed: Number(m[2]) };
}

test("a second run reuses the analysis of unchanged files and reports exactly the same", () => {
  const ws = workspace({ "a.py": BARE, "b.py": BARE, "plain.py": PLAIN });
  const first = runCli(["check", "--format", "json", "--verbose"], ws);
  assert.deepEqual(
    reused(first.stderr),
    { reused: 0, analysed: 2 },
    "files that cannot hold an HF call are never parsed, so never cached",
  );
  assert.ok(fs.existsSync(path.join(ws, ".hf-rate-guard-cache", "models.json")));
  assert.match(
    fs.readFileSync(path.join(ws, ".hf-rate-guard-cache", ".gitignore"), "utf8"),
    /^\*$/m,
    "git never sees the cache",
  );
  const second = runCli(["check", "--format", "json", "--verbose"], ws);
  assert.deepEqual(reused(second.stderr), { reused: 2, analysed: 0 });
  assert.equal(second.stdout, first.stdout);
  assert.equal(second.status, 1);
});

test("an unchanged file with nothing to parse is not screened again, and one that gains an HF call is found", () => {
  const ws = workspace({ "a.py": BARE, "plain.py": PLAIN, "notes.ts": "export const twice = (x: number) => 2 * x;\n" });
  const known = (stderr: string) => Number(/(\d+) known to hold nothing to parse/.exec(stderr)?.[1]);
  const first = runCli(["check", "--format", "json", "--verbose"], ws);
  assert.equal(known(first.stderr), 0);
  const second = runCli(["check", "--format", "json", "--verbose"], ws);
  assert.equal(known(second.stderr), 2, "both plain files: the prefilter's verdict is reused");
  assert.equal(second.stdout, first.stdout);
  // The same path with new text: screened again, parsed, reported.
  fs.writeFileSync(path.join(ws, "plain.py"), PLAIN + BARE);
  const third = runCli(["check", "--format", "json", "--verbose"], ws);
  assert.equal(known(third.stderr), 1);
  assert.deepEqual(reused(third.stderr), { reused: 1, analysed: 1 });
  assert.ok(
    JSON.parse(third.stdout).diagnostics.some((d: { file: string; code: string }) => d.file === "plain.py"),
    "the file's new HF call is reported",
  );
  assert.equal(third.stdout, runCli(["check", "--format", "json", "--no-cache"], ws).stdout);
});

test("an edited file is analysed again", () => {
  const ws = workspace({ "a.py": BARE, "b.py": BARE });
  runCli(["check", "--format", "json"], ws);
  fs.writeFileSync(path.join(ws, "a.py"), TWICE);
  const r = runCli(["check", "--format", "json", "--verbose"], ws);
  assert.deepEqual(reused(r.stderr), { reused: 1, analysed: 1 });
  const lines = JSON.parse(r.stdout)
    .diagnostics.filter((d: { file: string; code: string }) => d.file === "a.py" && d.code === "HF001")
    .map((d: { line: number }) => d.line);
  assert.deepEqual(lines, [4, 5]);
});

test("a corrupt cache, or one from another build, is ignored and never gives stale results", () => {
  const ws = workspace({ "a.py": BARE });
  // A private key folder, so the test can sign a cache as this machine would.
  const env = { XDG_CACHE_HOME: tempDir("hfrg-home-") };
  const expected = runCli(["check", "--format", "json", "--no-cache"], ws, env).stdout;
  assert.ok(!fs.existsSync(path.join(ws, ".hf-rate-guard-cache")), "--no-cache writes nothing");
  const dir = path.join(ws, ".hf-rate-guard-cache");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "models.json"), "{ not json");
  assert.equal(runCli(["check", "--format", "json"], ws, env).stdout, expected);
  // A cache written by another build on this machine, claiming a.py has no calls at all.
  const empty = {
    language: "python",
    calls: [],
    clients: [],
    retries: [],
    billToEvidence: [],
    exports: { retryHelpers: {} },
    hasSyntaxErrors: false,
  };
  // The file is a signature line, then the JSON (test/cli/badInput.test.ts shows what the signature is for).
  const text = fs.readFileSync(path.join(dir, "models.json"), "utf8");
  const stored = JSON.parse(text.slice(text.indexOf("\n") + 1));
  for (const entry of Object.values(stored.entries) as { model: unknown }[]) entry.model = empty;
  const key = Buffer.from(
    fs.readFileSync(path.join(env.XDG_CACHE_HOME, "hf-rate-guard", "cache-key"), "utf8").trim(),
    "hex",
  );
  const sign = (body: string) => `hmac-sha256:${createHmac("sha256", key).update(body).digest("hex")}\n${body}`;
  // Signed as this build, it would be trusted: the build check is what keeps it out.
  const sameBuild = JSON.stringify(stored);
  fs.writeFileSync(path.join(dir, "models.json"), sign(sameBuild));
  assert.notEqual(
    runCli(["check", "--format", "json"], ws, env).stdout,
    expected,
    "the forged entry is used when everything matches",
  );
  fs.writeFileSync(path.join(dir, "models.json"), sign(JSON.stringify({ ...stored, build: "another-build" })));
  assert.equal(runCli(["check", "--format", "json"], ws, env).stdout, expected);
});

test("--cache-dir puts the cache elsewhere, making missing folders; a folder that cannot be made only costs speed", () => {
  const ws = workspace({ "a.py": BARE });
  const expected = runCli(["check", "--format", "json", "--no-cache"], ws).stdout;
  const r = runCli(["check", "--format", "json", "--cache-dir", "tmp/deeper/cache"], ws);
  assert.equal(r.stdout, expected);
  assert.ok(fs.existsSync(path.join(ws, "tmp", "deeper", "cache", "models.json")));
  assert.ok(!fs.existsSync(path.join(ws, ".hf-rate-guard-cache")));
  // Under /proc the kernel refuses any new folder (node's own recursive mkdir would spin there forever).
  const refused = runCli(["check", "--format", "json", "--cache-dir", "/proc/hf-rate-guard-cache"], ws);
  assert.equal(refused.status, 1);
  assert.equal(refused.stdout, expected);
  fs.writeFileSync(path.join(ws, "file"), "");
  assert.equal(
    runCli(["check", "--format", "json", "--cache-dir", "file/cache"], ws).stdout,
    expected,
    "a file where the folder should be",
  );
});

// Hostile or broken input through the real CLI (issue 12): one bad file is a note about that file, the run goes
// on, and nothing that was not checked hides behind "All clear".
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { runCli, workspace } from "../support/cli";
import { tempDir } from "../support/tempDir";

const BARE = `from huggingface_hub import InferenceClient\nclient = InferenceClient()\nclient.text_generation("hi")\n`;

function nestedDefs(depth: number): string {
  let text = BARE;
  for (let i = 0; i < depth; i++) text += " ".repeat(i) + `def f${i}():\n`;
  return text + " ".repeat(depth) + "client.text_generation('x')\n";
}

/** A private cache-key folder, as another machine (or this one) would have. */
function machine(): Record<string, string> {
  return { XDG_CACHE_HOME: tempDir("hfrg-home-") };
}

const json = (stdout: string) =>
  JSON.parse(stdout) as { diagnostics: { file: string; code: string }[]; skipped: { file: string; reason: string }[] };

test("a file indented 520 levels is listed as not checked, and the files after it keep their findings", () => {
  const files: Record<string, string> = { "a_deep.py": nestedDefs(520) };
  for (let i = 0; i < 4; i++) files[`b${i}.py`] = BARE;
  const ws = workspace(files);
  const r = runCli(["check", "--no-cache"], ws);
  assert.equal(r.status, 1, r.stderr);
  for (let i = 0; i < 4; i++) assert.match(r.stdout, new RegExp(`^b${i}\\.py:3:1: warning HF001`, "m"));
  assert.match(r.stdout, /Not checked \(1\):\n {2}a_deep\.py: nested too deeply: more than 100 levels of indentation/);
  assert.match(
    r.stdout,
    /Found 4 problems \(4 warnings\) in 4 files \(4 checked\); 1 file not checked \(listed above\)\./,
  );
  const out = json(runCli(["check", "--no-cache", "--format", "json"], ws).stdout);
  assert.equal(out.diagnostics.length, 4);
  assert.deepEqual(
    out.skipped.map((s) => s.file),
    ["a_deep.py"],
  );
});

test("every crash trigger of the audit is a note about its file; the run reports the rest", () => {
  const code = { cell_type: "code", source: BARE };
  const ws = workspace({
    "kernel.ipynb": JSON.stringify({ cells: [code], metadata: { kernelspec: { language: 5 } } }),
    "nullcell.ipynb": JSON.stringify({ cells: [null, code], metadata: {} }),
    "lib/poetry.lock": `[[package]]\nversion = "1"\n\n[[package]]\nname = 7\nversion = "2"\n`,
    "lib/uv.lock": `[[package]]\nname = "x"\n`,
    "lib/app.py": BARE,
    "web/package-lock.json": JSON.stringify({ packages: { "node_modules/@huggingface/inference": null } }),
    "web/app.ts": `import { InferenceClient } from "@huggingface/inference";\nconst c = new InferenceClient("hf_x");\nc.chatCompletion({ model: "m", messages: [] });\n`,
  });
  const r = runCli(["check", "--no-cache", "--format", "json"], ws);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, r.stderr);
  assert.equal(r.status, 1, r.stderr);
  const files = json(r.stdout)
    .diagnostics.map((d) => `${d.file}:${d.code}`)
    .sort();
  assert.deepEqual(files, ["kernel.ipynb:HF001", "lib/app.py:HF001", "nullcell.ipynb:HF001", "web/app.ts:HF001"]);
});

test('exclude: [""] is a config error with its key named, and the files are still checked', () => {
  const ws = workspace({
    ".hf-rate-guard.json": JSON.stringify({ exclude: ["", "gen/**"] }),
    "app.py": BARE,
    "gen/made.py": BARE,
  });
  const r = runCli(["check", "--no-cache", "--format", "json"], ws);
  assert.equal(r.status, 2, "an invalid config is exit 2, as documented");
  assert.match(r.stderr, /\.hf-rate-guard\.json: exclude\[0\] is empty; ignored/);
  assert.doesNotMatch(r.stderr, /internal error/);
  assert.deepEqual(
    json(r.stdout).diagnostics.map((d) => d.file),
    ["app.py"],
    "gen/** still excludes",
  );
});

test("symbolic links, FIFOs and unreadable files are listed as not checked, with the reason, in text and JSON", (t) => {
  const ws = workspace({ "app.py": BARE, "real/target.py": BARE });
  fs.symlinkSync(path.join(ws, "real", "target.py"), path.join(ws, "link.py"));
  execFileSync("mkfifo", [path.join(ws, "pipe.py")]);
  const r = runCli(["check", "--no-cache", "app.py", "link.py", "pipe.py", "."], ws);
  assert.equal(r.status, 1, r.stderr);
  const text = runCli(["check", "--no-cache"], ws).stdout;
  assert.match(
    text,
    /Not checked \(2\):\n {2}link\.py: symbolic link \(not followed; name its target to check it\)\n {2}pipe\.py: not a regular file\n/,
  );
  assert.doesNotMatch(text, /All clear/);
  const out = json(runCli(["check", "--no-cache", "--format", "json"], ws).stdout);
  assert.deepEqual(out.skipped, [
    { file: "link.py", reason: "symbolic link (not followed; name its target to check it)" },
    { file: "pipe.py", reason: "not a regular file" },
  ]);
  // A link named on the command line is followed: the user asked for it.
  assert.match(runCli(["check", "--no-cache", "link.py"], ws).stdout, /^link\.py:3:1: warning HF001/m);

  // Only a file that is all clear says so.
  const clean = workspace({ "ok.py": "x = 1\n" });
  fs.symlinkSync(path.join(ws, "app.py"), path.join(clean, "elsewhere.py"));
  const quiet = runCli(["check", "--no-cache"], clean);
  assert.equal(quiet.status, 0);
  assert.match(quiet.stdout, /^No problems in 1 file checked; 1 file not checked \(listed above\)\.$/m);

  if (process.getuid?.() === 0)
    return t.diagnostic("running as root: every file is readable, so the permission case cannot be set up");
  const locked = workspace({ "app.py": BARE, "secret.py": BARE });
  fs.chmodSync(path.join(locked, "secret.py"), 0);
  const l = json(runCli(["check", "--no-cache", "--format", "json"], locked).stdout);
  assert.deepEqual(l.skipped, [{ file: "secret.py", reason: "cannot read it (EACCES)" }]);
});

test("a config file or requirements.txt that is a link to /dev/zero, or a FIFO, is refused instead of read forever", () => {
  const ws = workspace({ "app.py": BARE, "sub/app.py": BARE });
  fs.symlinkSync("/dev/zero", path.join(ws, ".hf-rate-guard.json"));
  fs.symlinkSync("/dev/zero", path.join(ws, "requirements.txt"));
  execFileSync("mkfifo", [path.join(ws, "sub", ".hf-rate-guard.json")]);
  execFileSync("mkfifo", [path.join(ws, "sub", "requirements.txt")]);
  // runCli gives up after two minutes; before the fix the FIFO blocked forever and /dev/zero grew until killed.
  const r = runCli(["check", "--no-cache", "--format", "json"], ws);
  assert.equal(r.status, 2, "a config file that cannot be read is a config error");
  assert.match(r.stderr, /\.hf-rate-guard\.json: not a regular file; using defaults/);
  assert.deepEqual(
    json(r.stdout).diagnostics.map((d) => d.file),
    ["app.py", "sub/app.py"],
  );
});

test("a cache written on another machine (say, committed) is ignored: it cannot hide findings", () => {
  const ws = workspace({ "a.py": BARE });
  const here = machine();
  const first = runCli(["check", "--format", "json", "--verbose"], ws, here);
  assert.equal(json(first.stdout).diagnostics.length, 1);
  // Forge what a committed cache could say: a.py holds no calls, signed with another machine's key.
  const cacheFile = path.join(ws, ".hf-rate-guard-cache", "models.json");
  const text = fs.readFileSync(cacheFile, "utf8");
  const body = JSON.parse(text.slice(text.indexOf("\n") + 1));
  for (const entry of Object.values(body.entries) as { model: { calls: unknown[] } }[]) entry.model.calls = [];
  const other = machine();
  runCli(["check", "--format", "json"], workspace({ "x.py": BARE }), other); // makes the other machine's key
  const otherKey = Buffer.from(
    fs.readFileSync(path.join(other.XDG_CACHE_HOME, "hf-rate-guard", "cache-key"), "utf8").trim(),
    "hex",
  );
  const forged = JSON.stringify(body);
  fs.writeFileSync(cacheFile, `hmac-sha256:${createHmac("sha256", otherKey).update(forged).digest("hex")}\n${forged}`);
  // On the machine that signed it, the file is trusted (that is what signing means)...
  const trusted = runCli(["check", "--format", "json", "--verbose"], ws, other);
  assert.equal(json(trusted.stdout).diagnostics.length, 0, trusted.stderr);
  // ...and on this one it is not.
  const r = runCli(["check", "--format", "json", "--verbose"], ws, here);
  assert.equal(json(r.stdout).diagnostics.length, 1, "the finding is still reported");
  assert.match(
    r.stderr,
    /cache: ignored .*models\.json: not written by hf-rate-guard on this machine, or changed since/,
  );
  assert.match(r.stderr, /cache: 0 file\(s\) reused, 1 analysed/);
});

test("a damaged cache entry (even one signed here) costs a re-analysis, never a crash", () => {
  const ws = workspace({ "a.py": BARE });
  const here = machine();
  runCli(["check", "--format", "json"], ws, here);
  const key = Buffer.from(
    fs.readFileSync(path.join(here.XDG_CACHE_HOME, "hf-rate-guard", "cache-key"), "utf8").trim(),
    "hex",
  );
  const cacheFile = path.join(ws, ".hf-rate-guard-cache", "models.json");
  const text = fs.readFileSync(cacheFile, "utf8");
  const body = JSON.parse(text.slice(text.indexOf("\n") + 1));
  const [p] = Object.keys(body.entries);
  const hash = createHash("sha1").update(BARE).digest("base64");
  assert.equal(body.entries[p].hash, hash, "the test forges entries the way the cache keys them");
  assert.equal(body.entries[p].versions, JSON.stringify({}));
  const damaged: Record<string, unknown>[] = [
    { model: null },
    { model: { language: "python", calls: "x" } },
    { model: 5 },
    { inert: "yes", model: undefined },
    { versions: 7 },
  ];
  for (const change of damaged) {
    Object.assign(body.entries[p], change);
    const signed = JSON.stringify(body);
    fs.writeFileSync(cacheFile, `hmac-sha256:${createHmac("sha256", key).update(signed).digest("hex")}\n${signed}`);
    const r = runCli(["check", "--format", "json"], ws, here);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(json(r.stdout).diagnostics.length, 1, JSON.stringify(change));
  }
});

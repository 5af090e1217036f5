// Issue 12: `--fix` writes a file only when that is safe, and says so when it is not: bytes that are not UTF-8
// are kept, a file saved after it was read keeps the saved edit, and a folder it cannot write is reported
// instead of crashing the run.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { writeFixed } from "../../server/src/cli/writeFixed";
import { runCli, workspace } from "../support/cli";
import { CLI } from "../support/paths";

const BARE = `from huggingface_hub import InferenceClient

client = InferenceClient()
client.text_generation("hi")
`;

test("--fix keeps the bytes of a file that is not UTF-8 and says why it did not fix it", () => {
  const latin1 = Buffer.concat([Buffer.from("# caf"), Buffer.from([0xe9]), Buffer.from("\n" + BARE)]);
  const ws = workspace({ "app.py": latin1, "ok.py": BARE });
  const r = runCli(["check", "--fix"], ws);
  assert.deepEqual(fs.readFileSync(path.join(ws, "app.py")), latin1, "the file's bytes are unchanged");
  assert.match(r.stderr, /app\.py: not fixed: not valid UTF-8/);
  // Two files need the helper: it is one module, which ok.py imports.
  assert.match(
    fs.readFileSync(path.join(ws, "ok.py"), "utf8"),
    /^from hf_retry import hf_retry$[\s\S]*hf_retry\(lambda: client\.text_generation\("hi"\)\)/m,
    "other files are still fixed",
  );
  assert.match(r.stdout, /app\.py:5:1: warning HF001/, "the unfixed file's findings are still reported");
});

test("a file saved after --fix read it keeps the saved edit", () => {
  const ws = workspace({ "app.py": BARE });
  const file = path.join(ws, "app.py");
  const saved = BARE + "print('saved by the user')\n";
  fs.writeFileSync(file, saved);
  const outcome = writeFixed(file, BARE, BARE.replace("client.text_generation", "fixed"));
  assert.deepEqual(outcome, { written: false, reason: "it changed on disk while it was being checked" });
  assert.equal(fs.readFileSync(file, "utf8"), saved);
  // Unchanged since it was read: written, BOM kept.
  fs.writeFileSync(file, "\uFEFF" + BARE);
  assert.deepEqual(writeFixed(file, BARE, "x = 1\n"), { written: true });
  assert.equal(fs.readFileSync(file, "utf8"), "\uFEFFx = 1\n");
});

test("--fix on a read-only folder reports the files it could not write and exits normally", (t) => {
  const ws = workspace({ "app.py": BARE, "sub/b.py": BARE });
  // root ignores file modes; without CAP_DAC_OVERRIDE it is held to them like any user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync("setpriv", ["--version"]).status !== 0)
    return t.skip("running as root without setpriv: a read-only folder cannot be made");
  fs.chmodSync(path.join(ws, "sub"), 0o555);
  fs.chmodSync(ws, 0o555);
  try {
    const cmd = asRoot
      ? [
          "setpriv",
          "--bounding-set=-dac_override,-dac_read_search",
          "--inh-caps=-dac_override,-dac_read_search",
          process.execPath,
        ]
      : [process.execPath];
    const r = spawnSync(cmd[0], [...cmd.slice(1), CLI, "check", "--fix", "--no-cache"], {
      cwd: ws,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 120_000,
    });
    assert.equal(r.status, 1, r.stderr); // findings remain: the report, not a crash
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, "no stack trace");
    assert.match(r.stderr, /app\.py: not fixed: could not write it \(EACCES\)/);
    assert.match(r.stderr, /b\.py: not fixed: could not write it \(EACCES\)/);
    assert.match(r.stdout, /app\.py:4:1: warning HF001/);
    assert.equal(fs.readFileSync(path.join(ws, "app.py"), "utf8"), BARE);
    assert.deepEqual(fs.readdirSync(ws).sort(), ["app.py", "sub"], "no temporary file left behind");
  } finally {
    fs.chmodSync(ws, 0o755);
    fs.chmodSync(path.join(ws, "sub"), 0o755);
  }
});

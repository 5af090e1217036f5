// Issue 16, "Version ranges", through the real CLI: the HF001 message names the manifest range that admits versions
// without the behaviour, and `check --fix` fixes the code but leaves the manifest alone (raising a dependency's floor
// is offered in the editor only: it needs a reinstall and the lock file to follow, which is the user's call).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { runCli } from "../support/cli";
import { FIXTURES } from "../support/paths";
import { tempDir } from "../support/tempDir";

function copyFixture(rel: string): string {
  const dir = tempDir("hfrg-range-", fs.realpathSync(process.env.TMPDIR ?? "/tmp"));
  fs.cpSync(path.join(FIXTURES, rel), dir, { recursive: true });
  return dir;
}

test("check names the range and its manifest; --fix changes the code, not requirements.txt", () => {
  const dir = copyFixture("python/flag/version_range");
  const requirements = fs.readFileSync(path.join(dir, "requirements.txt"), "utf8");
  const r = runCli(["check", "--no-cache", "--format", "json", "."], dir);
  assert.equal(r.status, 1, r.stderr);
  const messages = JSON.parse(r.stdout).diagnostics.map((d: { message: string }) => d.message);
  assert.equal(messages.length, 2);
  for (const m of messages)
    assert.match(m, /`huggingface_hub>=0\.31\.2` in requirements\.txt admits versions that do not retry 429/);
  const fixed = runCli(["check", "--no-cache", "--fix", "."], dir);
  assert.match(fixed.stdout, /fixed 1 file/, fixed.stderr);
  assert.equal(fs.readFileSync(path.join(dir, "requirements.txt"), "utf8"), requirements);
  assert.match(fs.readFileSync(path.join(dir, "weights.py"), "utf8"), /_hf_retry\(/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("with a lock file the locked version decides: no finding for a locked hub 1.4", () => {
  const dir = copyFixture("python/clean/version_range_locked");
  const r = runCli(["check", "--no-cache", "."], dir);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  fs.rmSync(dir, { recursive: true, force: true });
});

// The CLI compiles its bundle from V8's code cache (server/src/node/codeCache.ts) after its first run, in the
// user's cache folder: the report is the same with the cache off, fresh, used, damaged or refused, and trouble with
// the cache never shows. Whether a run used the cache is seen from outside: a run that used it leaves the file
// alone, one that did not writes a new file in its place (a new inode, since it is renamed in).
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import * as zlib from "node:zlib";
import { runCli, workspace } from "../support/cli";

const FLAGGED = `from huggingface_hub import InferenceClient

client = InferenceClient()
client.text_generation("hi")
`;

/** The header codeCache.ts puts before V8's data: a magic line, then the CRC-32 of the rest. */
const HEAD = "HFRG-V8CACHE-1\n\0".length + 4;

/** Whether a cache file's CRC matches its data (what a run writes always does). */
function whole(file: string): boolean {
  const bytes = fs.readFileSync(file);
  return bytes.length > HEAD && zlib.crc32(bytes.subarray(HEAD)) === bytes.readUInt32LE(HEAD - 4);
}

function cacheFiles(home: string): string[] {
  const dir = path.join(home, "hf-rate-guard", "code-cache");
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
}

function check(ws: string, home: string, env: Record<string, string> = {}) {
  const r = runCli(["check", "--no-cache", "--format", "json", "."], ws, { XDG_CACHE_HOME: home, ...env });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, "", "nothing about the code cache is ever shown");
  return r.stdout;
}

test("the second run compiles the CLI from the cache its first run wrote, with the same report", () => {
  const ws = workspace({ "app.py": FLAGGED });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "hfrg-codecache-"));
  const off = check(ws, home, { HFRG_CODE_CACHE: "off" });
  assert.deepEqual(cacheFiles(home), [], "HFRG_CODE_CACHE=off writes nothing");
  assert.match(off, /HF001/);

  assert.equal(check(ws, home), off);
  const [file] = cacheFiles(home);
  assert.ok(file, "the first run wrote a cache");
  assert.match(path.basename(file), new RegExp(`^cliMain-[0-9a-f]{16}-${process.version}-${process.arch}\\.bin$`));
  const first = fs.statSync(file);

  // The scan set V8 heap flags; the cache is stamped with the start's flags, so the next start takes it.
  assert.equal(check(ws, home), off);
  const second = fs.statSync(file);
  assert.equal(second.ino, first.ino, "a used cache is not written again");
  assert.equal(second.mtimeMs, first.mtimeMs);
  assert.deepEqual(cacheFiles(home), [file]);
});

test("a damaged cache, or one V8 refuses, costs only its rewrite: the report is the same", () => {
  const ws = workspace({ "app.py": FLAGGED });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "hfrg-codecache-"));
  const expected = check(ws, home);
  const [file] = cacheFiles(home);
  const good = fs.readFileSync(file);

  // A flipped byte in V8's data: the CRC no longer matches, the cache is not handed to V8 at all.
  const damaged = Buffer.from(good);
  damaged[damaged.length - 100] ^= 0xff;
  fs.writeFileSync(file, damaged);
  const damagedIno = fs.statSync(file).ino;
  assert.equal(check(ws, home), expected);
  assert.notEqual(fs.statSync(file).ino, damagedIno, "written again");
  assert.ok(whole(file), "and whole");

  // Whole as far as our CRC goes, but stamped for other V8 flags (bytes 12-15 of V8's header): V8 refuses it.
  const refused = Buffer.from(fs.readFileSync(file));
  refused[HEAD + 12] ^= 0xff;
  refused.writeUInt32LE(zlib.crc32(refused.subarray(HEAD)), HEAD - 4);
  fs.writeFileSync(file, refused);
  const refusedIno = fs.statSync(file).ino;
  assert.equal(check(ws, home), expected);
  assert.notEqual(fs.statSync(file).ino, refusedIno, "written again");

  // Truncated to less than its header.
  fs.writeFileSync(file, good.subarray(0, 10));
  assert.equal(check(ws, home), expected);
  assert.ok(whole(file), "written again");
});

test("caches of other builds are removed when a new one is written; a cache folder that cannot be made costs nothing", () => {
  const ws = workspace({ "app.py": FLAGGED });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "hfrg-codecache-"));
  const dir = path.join(home, "hf-rate-guard", "code-cache");
  fs.mkdirSync(dir, { recursive: true });
  const stale = path.join(dir, `cliMain-0123456789abcdef-${process.version}-${process.arch}.bin`);
  const unrelated = path.join(dir, "notes.txt");
  fs.writeFileSync(stale, "an older build's cache");
  fs.writeFileSync(unrelated, "kept");
  const expected = check(ws, home);
  assert.ok(!fs.existsSync(stale), "the older build's cache is gone");
  assert.ok(fs.existsSync(unrelated), "files that are not caches of this bundle stay");
  assert.equal(cacheFiles(home).length, 2);

  // XDG_CACHE_HOME names a file: no folder can be made under it.
  const notADir = path.join(home, "file");
  fs.writeFileSync(notADir, "");
  assert.equal(check(ws, notADir), expected);
});

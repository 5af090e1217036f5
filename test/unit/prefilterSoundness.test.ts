// The text prefilter must never cost a finding: over every file the analyzer can read in the fixture folders and
// examples/, each file whose model holds something (a call, a client, a retry, bill-to evidence, an exported helper
// or client) must pass it. Each file is parsed whatever the prefilter says, so a word missing from a profile's
// needs (or a new way of finding something the prefilter does not know) fails here with the file named.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { ROOT } from "../support/paths";
import { analysableFiles, checkPrefilter } from "../support/prefilterSoundness";

const FOLDERS = ["test/fixtures", "test/e2e/fixtures", "examples"];

test("every fixture and example that holds something passes the prefilter", async () => {
  const files = FOLDERS.flatMap((f) => analysableFiles(path.join(ROOT, f)));
  const report = await checkPrefilter(files, path.join(ROOT, "node_modules"));
  assert.deepEqual(
    report.missed.map((m) => `${path.relative(ROOT, m.file)}: ${m.holds}`),
    [],
    "files the prefilter skips although their model holds something",
  );
  // The check saw real work: most fixtures hold something.
  assert.ok(report.live > 150, `only ${report.live} files hold something`);
});

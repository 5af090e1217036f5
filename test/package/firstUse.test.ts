// README's commands on a fresh machine (issue 14): what `npm start` opens and what set-up says when it cannot
// install something itself.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { ROOT } from "../support/paths";
import { tempDir } from "../support/tempDir";

// The scripts are plain ES modules (run by node before anything is compiled); the path keeps tsc out of them.
const load = (name: string) => import(pathToFileURL(path.join(ROOT, "scripts", name)).href);

function typeErrors(project: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(project, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  assert.ok(config, "examples/tsconfig.json parses");
  const program = ts.createProgram(config.fileNames, config.options);
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) => `${d.file ? path.basename(d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
    );
}

test("npm start's workspace is a scratch copy of examples/, outside any repository, whose TypeScript type-checks", async () => {
  const { makeScratchExamples } = await load("startWorkspace.mjs");
  const dir = tempDir("hfrg-start-");
  try {
    const copy: string = makeScratchExamples(ROOT, dir);
    assert.ok(path.relative(ROOT, copy).startsWith(".."), "the copy is outside the repository");
    for (let d = copy; d !== path.dirname(d); d = path.dirname(d))
      assert.ok(!fs.existsSync(path.join(d, ".git")), `no repository above the copy (${d})`);
    const original = fs.readFileSync(path.join(ROOT, "examples", "python", "summarize.py"), "utf8");
    fs.writeFileSync(path.join(copy, "python", "summarize.py"), "# a quick fix tried in the editor\n");
    assert.equal(
      fs.readFileSync(path.join(ROOT, "examples", "python", "summarize.py"), "utf8"),
      original,
      "saving in the copy leaves tracked files alone",
    );
    // What VS Code's TypeScript shows for chat.ts: nothing (it used to say "Cannot find name 'process'" twice).
    assert.deepEqual(typeErrors(copy), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("set-up that cannot install a tool says in one line what is missing and how to get it", () => {
  // A PATH with node alone: no apt-get, no sudo, no nvim, no python3, and an empty tools cache.
  const bin = tempDir("hfrg-bin-");
  fs.symlinkSync(process.execPath, path.join(bin, "node"));
  const tools = tempDir("hfrg-tools-");
  const setup = pathToFileURL(path.join(ROOT, "scripts", "setup.mjs")).href;
  for (const [step, names] of [
    ["ensureNeovim", /needs neovim, which is missing: install neovim with your system's package manager/],
    ["ensurePython", /needs python3, python3-venv, which are missing/],
    ["ensureCodeServer", /building code-server needs libkrb5-dev, .*which are missing/],
  ] as const) {
    const r = spawnSync(
      path.join(bin, "node"),
      ["-e", `import(${JSON.stringify(setup)}).then((m) => m.runSetup([m.${step}]))`],
      {
        encoding: "utf8",
        env: { PATH: bin, HOME: tools, HFRG_TOOLS: tools },
      },
    );
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stderr.split("\n").filter((l) => l.trim() && !l.startsWith("[set-up]"));
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^hf-rate-guard set-up: /);
    assert.match(lines[0], names);
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
  }
  fs.rmSync(bin, { recursive: true, force: true });
  fs.rmSync(tools, { recursive: true, force: true });
});

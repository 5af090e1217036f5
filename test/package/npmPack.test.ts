// The npm package (`npm pack`, what `npm publish` would upload) carries what `bin` needs and nothing else, and
// works once installed: the packed tarball is installed into an empty folder and its commands are run there.
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT } from "../support/paths";
import { tempDir } from "../support/tempDir";

const BARE = `from huggingface_hub import InferenceClient\nclient = InferenceClient()\nclient.text_generation("hi")\n`;

function npm(args: string[], cwd: string): string {
  // --ignore-scripts: packing must not rebuild dist/ under the other tests running beside this one.
  return execFileSync("npm", [...args, "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_loglevel: "error" },
  });
}

test("npm pack ships the bin commands and the bundles they load, not sources or tests; installed, it checks a file", async () => {
  const scratch = tempDir("hfrg-pack-");
  const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", scratch], ROOT)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const files = packed.files.map((f) => f.path).sort();
  for (const needed of [
    "bin/hf-rate-guard.js",
    "bin/hf-rate-guard-ls.js",
    "dist/cli.js",
    "dist/cliMain.js",
    "dist/scanWorker.js",
    "dist/jsFrontend.js",
    "dist/server.js",
    "dist/analyzer.js",
    "dist/web-tree-sitter.wasm",
    "dist/tree-sitter-python.wasm",
    "package.json",
    "README.md",
    "LICENSE",
  ]) {
    assert.ok(files.includes(needed), `${needed} in ${files.join(", ")}`);
  }
  const stray = files.filter(
    (f) =>
      /^(test|server|client|shared|scripts|examples|out)\//.test(f) ||
      f.endsWith(".map") ||
      f.endsWith(".vsix") ||
      f.endsWith(".ts"),
  );
  assert.deepEqual(stray, [], "only what the commands need travels");

  // Installed from the tarball alone: no registry, so the package must need nothing beyond its own files.
  const home = path.join(scratch, "project");
  fs.mkdirSync(home);
  fs.writeFileSync(
    path.join(home, "package.json"),
    JSON.stringify({ name: "scratch", version: "1.0.0", private: true }),
  );
  npm(["install", "--offline", path.join(scratch, packed.filename)], home);
  fs.writeFileSync(path.join(home, "app.py"), BARE);
  const bin = (name: string) => path.join(home, "node_modules", ".bin", name);
  const r = spawnSync(bin("hf-rate-guard"), ["check", "--format", "json", "--no-cache", "app.py"], {
    cwd: home,
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(
    JSON.parse(r.stdout).diagnostics.map(
      (d: { file: string; code: string; line: number }) => `${d.file}:${d.line}:${d.code}`,
    ),
    ["app.py:3:HF001"],
  );

  // The language server answers `initialize` over stdio.
  const ls = spawn(bin("hf-rate-guard-ls"), ["--stdio"], { cwd: home });
  try {
    const body = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { processId: null, rootUri: null, capabilities: {} },
    });
    ls.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const answer = await new Promise<string>((resolve, reject) => {
      let out = "";
      ls.stdout.on("data", (d) => {
        out += d;
        if (/"id":1/.test(out) && /"capabilities"/.test(out)) resolve(out);
      });
      ls.once("exit", (code) => reject(new Error(`the server exited (${code}) before answering: ${out}`)));
    });
    assert.match(answer, /"textDocumentSync"/);
  } finally {
    ls.kill();
  }
});

// Issue 15: fixes look like the user wrote them. `check --fix` over the examples and every fixture, then the
// user's linters at their defaults: ruff (Python) and ESLint's recommended rules with typescript-eslint's (JS/TS).
// A fix may leave a finding the file already had; it must not add one. The TypeScript examples must also still
// type-check (the examples carry a tsconfig).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { runCli } from "../support/cli";
import { ROOT } from "../support/paths";

// Inside the repository, so that the ESLint config resolves @eslint/js and typescript-eslint from node_modules.
const WORK = path.join(ROOT, "test-artifacts", "fix-lint");
const ESLINT = path.join(ROOT, "node_modules", ".bin", "eslint");

/** What a Node or browser project declares; the helpers use fetch, Response and setTimeout. */
const ESLINT_CONFIG = `import js from "@eslint/js";
import tseslint from "typescript-eslint";

const globals = Object.fromEntries(
  ["process", "require", "module", "console", "fetch", "Response", "Request", "Headers", "URL", "setTimeout", "clearTimeout", "AbortController", "Buffer", "__dirname"].map((g) => [g, "readonly"]),
);
export default tseslint.config(js.configs.recommended, ...tseslint.configs.recommended, { languageOptions: { globals } });
`;

type Findings = Map<string, number>; // "file:CODE" -> count

function ruff(dir: string): Findings {
  const r = spawnSync("python3", ["-m", "ruff", "check", "--no-cache", "--output-format", "json", "--exit-zero", "."], {
    cwd: dir,
    encoding: "utf8",
  });
  assert.equal(r.status, 0, `ruff could not run (PIP_RETRIES=0 pip install ruff): ${r.stderr}`);
  const out: Findings = new Map();
  for (const f of JSON.parse(r.stdout) as { filename: string; code: string | null }[]) {
    const key = `${path.relative(dir, f.filename)}:${f.code ?? "syntax"}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function eslint(dir: string): Findings {
  const r = spawnSync(ESLINT, ["--format", "json", "--no-warn-ignored", "."], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  assert.ok(r.stdout.startsWith("["), `ESLint could not run: ${r.stderr}`);
  const out: Findings = new Map();
  for (const file of JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string | null }[] }[]) {
    for (const m of file.messages) {
      const key = `${path.relative(dir, file.filePath)}:${m.ruleId ?? "parse"}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

function added(before: Findings, after: Findings): string[] {
  return [...after]
    .filter(([key, n]) => n > (before.get(key) ?? 0))
    .map(([key, n]) => `${key} (${before.get(key) ?? 0} -> ${n})`);
}

const SOURCES: [string, string][] = [
  ["examples", path.join(ROOT, "examples")],
  ["python-fixtures", path.join(ROOT, "test", "fixtures", "python")],
  ["js-fixtures", path.join(ROOT, "test", "fixtures", "js")],
];

for (const [name, source] of SOURCES) {
  test(`--fix on ${name} adds no ruff or ESLint finding`, () => {
    const dir = path.join(WORK, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(source, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "eslint.config.mjs"), ESLINT_CONFIG);
    const ruffBefore = ruff(dir);
    const eslintBefore = eslint(dir);
    const r = runCli(["check", "--fix", "--no-cache", "."], dir);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.match(r.stdout, /fixed [1-9]\d* files?/, "the fixes ran");
    assert.deepEqual(added(ruffBefore, ruff(dir)), [], "new ruff findings");
    assert.deepEqual(added(eslintBefore, eslint(dir)), [], "new ESLint findings");
    if (name === "js-fixtures") {
      // The p-retry fix shapes were among those linted (a project declaring p-retry 7).
      const fixed = (f: string) => fs.readFileSync(path.join(dir, "flag", "p_retry_project", f), "utf8");
      assert.match(fixed("translate.ts"), /await pRetry\(\(\) => axios\.post\(/);
      assert.match(fixed("summarize.ts"), /new InferenceClient\(process\.env\.HF_TOKEN, \{ fetch: hfPRetryFetch \}\)/);
    }
    if (name === "examples") {
      const tsc = spawnSync(
        process.execPath,
        [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--noEmit"],
        { cwd: dir, encoding: "utf8" },
      );
      assert.equal(tsc.status, 0, `the fixed examples no longer type-check:\n${tsc.stdout}`);
    }
  });
}

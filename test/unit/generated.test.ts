// The rule modules are the one source of what a rule is: the settings in package.json, the config schema, the
// README table, the docs headings and SARIF's help are generated from them (scripts/generate-rules.ts).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { RULE_CODES } from "../../shared/src/rules";
import { validateConfig } from "../../server/src/analysis/config/validateConfig";
import { ALL_RULES } from "../../server/src/analysis/rules/index";
import { ROOT } from "../support/paths";
import { tempDir } from "../support/tempDir";

const generator = path.join(ROOT, "scripts", "generate-rules.ts");
const check = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", generator, "--check", ...args], { cwd: ROOT, encoding: "utf8" });

test("every file generated from the rule modules is up to date (run npm run generate after changing a rule)", () => {
  const r = check();
  assert.equal(r.status, 0, r.stderr);
});

test("a generated file edited by hand, or a rule changed without regenerating, is reported by name", () => {
  const copy = tempDir("hfrg-gen-");
  try {
    for (const rel of [
      "package.json",
      "README.md",
      "syntaxes/hf-rate-guard.schema.json",
      "server/src/cli/formats/ruleDocs.generated.ts",
      ...RULE_CODES.map((c) => `docs/rules/${c}.md`),
    ]) {
      fs.mkdirSync(path.dirname(path.join(copy, rel)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, rel), path.join(copy, rel));
    }
    assert.equal(check("--root", copy).status, 0);
    const readme = path.join(copy, "README.md");
    fs.writeFileSync(
      readme,
      fs.readFileSync(readme, "utf8").replace("| unhandled-rate-limit | warning |", "| unhandled-rate-limit | error |"),
    );
    const schema = path.join(copy, "syntaxes/hf-rate-guard.schema.json");
    fs.writeFileSync(
      schema,
      fs.readFileSync(schema, "utf8").replace('"backoff-without-jitter": {', '"backoff-without-jiter": {'),
    );
    const r = check("--root", copy);
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      "Out of date with the rule modules: syntaxes/hf-rate-guard.schema.json, README.md. Run `npm run generate`.\n",
    );
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});

test("each rule module holds its code, name, default severity, messages, docs link and fixes", () => {
  assert.deepEqual(
    ALL_RULES.map((r) => r.code),
    [...RULE_CODES],
  );
  for (const rule of ALL_RULES) {
    assert.equal(rule.meta.code, rule.code);
    assert.match(rule.meta.name, /^[a-z]+(-[a-z0-9]+)+$/);
    assert.ok(["info", "warning", "error"].includes(rule.meta.defaultSeverity));
    assert.ok(fs.existsSync(path.join(ROOT, "docs", "rules", `${rule.code}.md`)), `docs page of ${rule.code}`);
    assert.ok(rule.meta.docs.endsWith(`docs/rules/${rule.code}.md`));
    assert.equal(rule.meta.fixable, rule.fixes !== undefined);
  }
  // Every rule has a quick fix (HF005's takes 402 out of a literal status set, issue 15).
  assert.deepEqual(
    ALL_RULES.filter((r) => !r.meta.fixable).map((r) => r.code),
    [],
  );
});

test("the config validator names the rules from the modules", () => {
  const { errors } = validateConfig({ rules: { HF999: "off" } }, ".hf-rate-guard.json");
  const first = ALL_RULES[0].meta;
  const last = ALL_RULES[ALL_RULES.length - 1].meta;
  assert.deepEqual(errors, [
    `.hf-rate-guard.json: rules.HF999 is not a rule (codes ${first.code}-${last.code} or names like ${first.name})`,
  ]);
  assert.deepEqual(validateConfig({ rules: { "backoff-without-jitter": "off" } }, "x").config.rules, { HF004: "off" });
});

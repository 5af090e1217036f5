// SARIF output validated against the SARIF 2.1.0 structure (the parts code-scanning consumers require),
// with ajv and a schema written from the specification's required properties.
import assert from "node:assert/strict";
import { test } from "node:test";
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { runCli, workspace } from "../support/cli";
import { ROOT } from "../support/paths";

const location = {
  type: "object",
  required: ["physicalLocation"],
  properties: {
    physicalLocation: {
      type: "object",
      required: ["artifactLocation", "region"],
      properties: {
        artifactLocation: { type: "object", required: ["uri"], properties: { uri: { type: "string", minLength: 1 } } },
        region: {
          type: "object",
          required: ["startLine", "startColumn"],
          properties: {
            startLine: { type: "integer", minimum: 1 },
            startColumn: { type: "integer", minimum: 1 },
            endLine: { type: "integer", minimum: 1 },
            endColumn: { type: "integer", minimum: 1 },
          },
        },
      },
    },
  },
};
const schema = {
  type: "object",
  required: ["version", "runs"],
  properties: {
    version: { const: "2.1.0" },
    $schema: { type: "string" },
    runs: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["tool", "results"],
        properties: {
          tool: {
            type: "object",
            required: ["driver"],
            properties: {
              driver: {
                type: "object",
                required: ["name", "rules"],
                properties: {
                  name: { type: "string" },
                  rules: {
                    type: "array",
                    items: {
                      type: "object",
                      required: ["id", "shortDescription", "helpUri"],
                      properties: {
                        id: { type: "string", pattern: "^HF\\d{3}$" },
                        helpUri: { type: "string", format: "uri" },
                        shortDescription: { type: "object", required: ["text"] },
                      },
                    },
                  },
                },
              },
            },
          },
          results: {
            type: "array",
            items: {
              type: "object",
              required: ["ruleId", "message", "locations"],
              properties: {
                ruleId: { type: "string" },
                ruleIndex: { type: "integer", minimum: 0 },
                level: { enum: ["none", "note", "warning", "error"] },
                message: { type: "object", required: ["text"], properties: { text: { type: "string", minLength: 1 } } },
                locations: { type: "array", minItems: 1, items: location },
              },
            },
          },
        },
      },
    },
  },
};

test("sarif output is valid SARIF 2.1.0 with rule metadata, help URIs and levels", () => {
  const ws = workspace({
    "app.py": `from huggingface_hub import InferenceClient\nInferenceClient().text_generation("hi")\n`,
  });
  const r = runCli(["check", "--format", "sarif", "--bill-to", "acme"], ws);
  assert.equal(r.status, 1, r.stderr);
  const sarif = JSON.parse(r.stdout);
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const valid = ajv.validate(schema, sarif);
  assert.ok(valid, JSON.stringify(ajv.errors));
  const driver = sarif.runs[0].tool.driver;
  assert.equal(driver.rules.length, 7);
  assert.match(driver.rules[0].helpUri, /docs\/rules\/HF001\.md$/);
  const results = sarif.runs[0].results;
  assert.deepEqual(results.map((x: { ruleId: string }) => x.ruleId).sort(), ["HF001", "HF003"]);
  for (const res of results) assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
  assert.equal(results[0].level, "warning");
});

test("sarif rules carry each rule's full help from its docs page", () => {
  const ws = workspace({
    "app.py": `from huggingface_hub import InferenceClient\nInferenceClient().text_generation("hi")\n`,
  });
  const driver = JSON.parse(runCli(["check", "--format", "sarif"], ws).stdout).runs[0].tool.driver;
  for (const rule of driver.rules) {
    const page = fs.readFileSync(path.join(ROOT, "docs", "rules", `${rule.id}.md`), "utf8");
    assert.equal(rule.help.markdown, page);
    assert.equal(rule.help.text, page);
    assert.ok(rule.fullDescription.text.length > rule.shortDescription.text.length, rule.id);
    assert.ok(
      page.replace(/[`*]/g, "").replace(/\s+/g, " ").includes(rule.fullDescription.text.slice(0, 60)),
      `${rule.id}: the Why section`,
    );
  }
});

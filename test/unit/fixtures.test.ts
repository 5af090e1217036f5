// Data-driven rule tests: every file under test/fixtures/<language>/flag must produce exactly the diagnostics
// its `expect:` comments name (on the reported line, optionally with `reason=<text in the message>`), and every
// file under clean/ must produce none. Each file is analysed alone, through the real Analyzer.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { analyzeFiles } from "../support/analyze";
import { FIXTURES } from "../support/paths";

interface Expectation {
  line: number;
  codes: string[];
  reason?: string;
}

function expectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /(?:#|\/\/)\s*expect:\s*((?:HF\d{3}\s*)+)(?:reason=(.*))?$/.exec(line);
    if (m) out.push({ line: i + 1, codes: m[1].trim().split(/\s+/), reason: m[2]?.trim() });
  });
  return out;
}

for (const language of ["python", "js"]) {
  for (const kind of ["flag", "clean"] as const) {
    const dir = path.join(FIXTURES, language, kind);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const text = fs.readFileSync(path.join(dir, name), "utf8");
      test(`${language}/${kind}/${name}`, async () => {
        const p = `/ws/${name}`;
        const diagnostics = (await analyzeFiles({ [p]: text }))[p];
        const actual = diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`).sort();
        const expected = expectations(text).flatMap((e) => e.codes.map((c) => `${c}@${e.line}`)).sort();
        if (kind === "clean") assert.deepEqual(actual, [], `clean fixture reported: ${diagnostics.map((d) => `${d.code}@${d.range.start.line + 1} ${d.message}`).join("; ")}`);
        else {
          assert.ok(expected.length > 0 || name.startsWith("none_"), "a flag fixture needs expect: comments");
          assert.deepEqual(actual, expected, diagnostics.map((d) => `${d.code}@${d.range.start.line + 1} ${d.message}`).join("\n"));
        }
        for (const e of expectations(text).filter((x) => x.reason)) {
          const d = diagnostics.find((x) => x.range.start.line + 1 === e.line && x.code === e.codes[0]);
          assert.ok(d && d.message.includes(e.reason!), `line ${e.line}: message should mention "${e.reason}", got: ${d?.message}`);
        }
      });
    }
  }
}

// Data-driven rule tests: every file under test/fixtures/<language>/flag must produce exactly the diagnostics
// its `expect:` comments name (on the reported line, optionally with `reason=<text in the message>`), and every
// file under clean/ must produce none. Each file is analysed alone, through the real Analyzer; a folder is one
// workspace (cross-file facts: imported clients, tsconfig paths, monorepo projects), each of its files checked.
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
      const full = path.join(dir, name);
      const files: Record<string, string> = {};
      if (fs.statSync(full).isDirectory()) {
        for (const rel of fs.readdirSync(full, { recursive: true }) as string[]) {
          const f = path.join(full, rel);
          if (fs.statSync(f).isFile())
            files[`/ws/${name}/${rel.split(path.sep).join("/")}`] = fs.readFileSync(f, "utf8");
        }
      } else files[`/ws/${name}`] = fs.readFileSync(full, "utf8");
      test(`${language}/${kind}/${name}`, async () => {
        const all = await analyzeFiles(files);
        let expectedAny = false;
        for (const [p, diagnostics] of Object.entries(all)) {
          const text = files[p];
          const where = Object.keys(files).length > 1 ? `${p}: ` : "";
          const actual = diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`).sort();
          const expected = expectations(text)
            .flatMap((e) => e.codes.map((c) => `${c}@${e.line}`))
            .sort();
          expectedAny ||= expected.length > 0;
          if (kind === "clean")
            assert.deepEqual(
              actual,
              [],
              `${where}clean fixture reported: ${diagnostics.map((d) => `${d.code}@${d.range.start.line + 1} ${d.message}`).join("; ")}`,
            );
          else
            assert.deepEqual(
              actual,
              expected,
              where + diagnostics.map((d) => `${d.code}@${d.range.start.line + 1} ${d.message}`).join("\n"),
            );
          for (const e of expectations(text).filter((x) => x.reason)) {
            const d = diagnostics.find((x) => x.range.start.line + 1 === e.line && x.code === e.codes[0]);
            assert.ok(
              d && d.message.includes(e.reason!),
              `${where}line ${e.line}: message should mention "${e.reason}", got: ${d?.message}`,
            );
          }
        }
        if (kind === "flag")
          assert.ok(expectedAny || name.startsWith("none_"), "a flag fixture needs expect: comments");
      });
    }
  }
}

// `--format sarif`: SARIF 2.1.0 for code-scanning uploads, with rule metadata and help URIs.
import { docsUrl, RULES } from "../../../../shared/src/rules";
import type { Report } from "./report";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

export function formatSarif(report: Report, version: string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "hf-rate-guard",
            version,
            informationUri: "https://github.com/hf-rate-guard/hf-rate-guard",
            rules: RULES.map((r) => ({
              id: r.code,
              name: r.name,
              shortDescription: { text: r.summary },
              fullDescription: { text: r.summary },
              helpUri: docsUrl(r.code),
              help: { text: `${r.summary}. See ${docsUrl(r.code)}` },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        results: report.diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: ruleIndex.get(d.code),
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file.split("\\").join("/") },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
              },
              ...(d.cell !== undefined ? { properties: { cell: d.cell } } : {}),
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}

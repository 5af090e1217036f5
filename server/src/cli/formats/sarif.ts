// `--format sarif`: SARIF 2.1.0 for code-scanning uploads, with rule metadata, help URIs and each rule's full
// help (its docs page, as text and Markdown).
import { RULES } from "../../analysis/rules/index";
import type { Report } from "./report";
import { RULE_DOCS } from "./ruleDocs.generated";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/** The docs page's "Why" section as one paragraph of plain text (SARIF's fullDescription). */
function why(page: string): string | undefined {
  const m = /^## Why\n([\s\S]*?)(?=\n\n|\n## |(?![\s\S]))/m.exec(page);
  return m?.[1]
    .replace(/\s*\n\s*/g, " ")
    .replace(/`/g, "")
    .replace(/\*\*/g, "")
    .trim();
}

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
            rules: RULES.map((r) => {
              const short = r.summary[0].toUpperCase() + r.summary.slice(1).replace(/`/g, "");
              const page = RULE_DOCS[r.code];
              return {
                id: r.code,
                name: r.name,
                shortDescription: { text: short },
                fullDescription: { text: why(page) ?? short },
                helpUri: r.docs,
                help: { text: page, markdown: page },
                defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
                properties: { fixable: r.fixable },
              };
            }),
          },
        },
        // Files not checked travel as tool notifications, which code-scanning shows as the run's warnings.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.skipped.map((s) => ({
              level: "warning",
              message: { text: `Not checked: ${s.reason}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: s.file.split("\\").join("/") } } }],
            })),
          },
        ],
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

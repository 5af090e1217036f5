// `--format json`: the stable shape CI scripts parse (issue 2's CLI contract).
import type { Report } from "./report";

export function formatJson(report: Report): string {
  const diagnostics = report.diagnostics.map((d) => {
    const out: Record<string, unknown> = {
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      code: d.code,
      rule: d.rule,
      severity: d.severity,
      message: d.message,
    };
    if (d.cell !== undefined) out.cell = d.cell;
    return out;
  });
  // Files not checked, with the reason: a script that only counts diagnostics would otherwise read "clean".
  const skipped = report.skipped.map((s) => ({ file: s.file, reason: s.reason }));
  return JSON.stringify({ version: 1, diagnostics, skipped }, null, 2) + "\n";
}

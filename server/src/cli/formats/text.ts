// `--format text`: what a person reads in a terminal, like ruff or eslint: location, code, rule, message, and the
// source line with a marker under the reported span.
import type { Report } from "./report";

export function formatText(report: Report, color: boolean): string {
  const c = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sev = { error: c("31", "error"), warning: c("33", "warning"), info: c("36", "info") };
  let out = "";
  for (const d of report.diagnostics) {
    const cell = d.cell !== undefined ? ` (cell ${d.cell})` : "";
    out += `${c("1", `${d.file}:${d.line}:${d.column}`)}${cell}: ${sev[d.severity]} ${c("1", d.code)} [${d.rule}] ${d.message}\n`;
    if (d.source !== undefined) {
      const gutter = String(d.line);
      const pad = " ".repeat(gutter.length);
      const width = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, d.source.length - d.column + 1);
      out += `${pad} |\n${gutter} | ${d.source}\n${pad} | ${" ".repeat(Math.max(0, d.column - 1))}${c("31", "^".repeat(Math.min(width, 200)))}\n`;
    }
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of report.diagnostics) counts[d.severity]++;
  const total = report.diagnostics.length;
  const fixed = report.fixed ? `, fixed ${report.fixed} file${report.fixed === 1 ? "" : "s"}` : "";
  if (total === 0) out += `All clear: no problems in ${report.filesChecked} file${report.filesChecked === 1 ? "" : "s"}${fixed}.\n`;
  else {
    const parts = (["error", "warning", "info"] as const).filter((k) => counts[k]).map((k) => `${counts[k]} ${k}${counts[k] === 1 || k === "info" ? "" : "s"}`);
    out += `\nFound ${total} problem${total === 1 ? "" : "s"} (${parts.join(", ")}) in ${report.filesChecked} file${report.filesChecked === 1 ? "" : "s"}${fixed}.\n`;
  }
  return out;
}

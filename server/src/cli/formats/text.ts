// `--format text`: what a person reads in a terminal, like ruff or eslint: location, code, rule, message, and the
// source line with a marker under the reported span. Findings on the same line share one excerpt, each marker
// labelled with its code, so a busy line is shown once.
import type { Report, ReportedDiagnostic } from "./report";
import { plural } from "./statistics";

type Paint = (code: string, s: string) => string;

export function formatText(report: Report, color: boolean): string {
  const c: Paint = (code, s) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sev = { error: c("31", "error"), warning: c("33", "warning"), info: c("36", "info") };
  let out = "";
  const ds = report.diagnostics;
  for (let i = 0; i < ds.length;) {
    // The diagnostics are sorted by file, cell and line: a group is a run on the same line.
    let j = i + 1;
    while (j < ds.length && sameLine(ds[i], ds[j])) j++;
    const group = ds.slice(i, j);
    for (const d of group) {
      const cell = d.cell !== undefined ? ` (cell ${d.cell})` : "";
      out += `${c("1", `${d.file}:${d.line}:${d.column}`)}${cell}: ${sev[d.severity]} ${c("1", d.code)} [${d.rule}] ${d.message}\n`;
    }
    if (group[0].source !== undefined) out += excerpt(group, c);
    i = j;
  }
  if (report.skipped.length) {
    out += `${report.diagnostics.length ? "\n" : ""}${c("1", `Not checked (${report.skipped.length}):`)}\n`;
    for (const s of report.skipped) out += `  ${s.file}: ${s.reason}\n`;
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of ds) counts[d.severity]++;
  const total = ds.length;
  const withProblems = new Set(ds.map((d) => d.file)).size;
  const fixed = report.fixed ? `, fixed ${plural(report.fixed, "file")}` : "";
  // "All clear" only when every file was looked at.
  const notChecked = report.skipped.length
    ? `; ${plural(report.skipped.length, "file")} not checked (listed above)`
    : "";
  if (total === 0 && !notChecked)
    out += `All clear: no problems in ${plural(report.filesChecked, "file")} checked${fixed}.\n`;
  else if (total === 0) out += `No problems in ${plural(report.filesChecked, "file")} checked${fixed}${notChecked}.\n`;
  else {
    const parts = (["error", "warning", "info"] as const)
      .filter((k) => counts[k])
      .map((k) => (k === "info" ? `${counts[k]} info` : plural(counts[k], k)));
    out += `\nFound ${plural(total, "problem")} (${parts.join(", ")}) in ${plural(withProblems, "file")} (${report.filesChecked} checked)${fixed}${notChecked}.\n`;
  }
  return out;
}

function sameLine(a: ReportedDiagnostic, b: ReportedDiagnostic): boolean {
  return a.file === b.file && a.cell === b.cell && a.line === b.line;
}

/** The source line once, then one marker row per distinct span (labelled with codes when the line has several). */
function excerpt(group: ReportedDiagnostic[], c: Paint): string {
  const first = group[0];
  const source = first.source ?? "";
  const gutter = String(first.line);
  const pad = " ".repeat(gutter.length);
  const markers = new Map<string, { column: number; width: number; codes: string[] }>();
  for (const d of group) {
    const width =
      d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, source.length - d.column + 1);
    const key = `${d.column}:${width}`;
    const m = markers.get(key) ?? { column: d.column, width, codes: [] };
    if (!m.codes.includes(d.code)) m.codes.push(d.code);
    markers.set(key, m);
  }
  const label = group.length > 1;
  let out = `${pad} |\n${gutter} | ${source}\n`;
  for (const m of markers.values()) {
    const caret = c("31", "^".repeat(Math.min(m.width, 200)));
    out += `${pad} | ${" ".repeat(Math.max(0, m.column - 1))}${caret}${label ? ` ${m.codes.join(", ")}` : ""}\n`;
  }
  return out;
}

// `--statistics`: how many findings each rule has, most frequent first (like ruff's --statistics), so a team can
// see where to start before reading every finding.
import { RULES } from "../../analysis/rules/index";
import type { Report } from "./report";

export interface RuleCount {
  code: string;
  rule: string;
  count: number;
  files: number;
}

export function ruleCounts(report: Report): RuleCount[] {
  const order = new Map(RULES.map((r, i) => [r.code as string, i]));
  const byCode = new Map<string, { rule: string; count: number; files: Set<string> }>();
  for (const d of report.diagnostics) {
    const entry = byCode.get(d.code) ?? { rule: d.rule, count: 0, files: new Set<string>() };
    entry.count++;
    entry.files.add(d.file);
    byCode.set(d.code, entry);
  }
  return [...byCode]
    .map(([code, e]) => ({ code, rule: e.rule, count: e.count, files: e.files.size }))
    .sort((a, b) => b.count - a.count || (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
}

export function formatStatisticsText(report: Report): string {
  const rows = ruleCounts(report);
  if (rows.length === 0) return `No problems in ${plural(report.filesChecked, "file")} checked.\n`;
  const width = String(rows[0].count).length;
  let out = "";
  for (const r of rows)
    out += `${String(r.count).padStart(width)}  ${r.code}  ${r.rule} (${plural(r.files, "file")})\n`;
  const withProblems = new Set(report.diagnostics.map((d) => d.file)).size;
  return (
    out +
    `\nFound ${plural(report.diagnostics.length, "problem")} in ${plural(withProblems, "file")} (${report.filesChecked} checked).\n`
  );
}

export function formatStatisticsJson(report: Report): string {
  return (
    JSON.stringify({ version: 1, filesChecked: report.filesChecked, statistics: ruleCounts(report) }, null, 2) + "\n"
  );
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

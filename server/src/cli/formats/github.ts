// `--format github`: workflow commands that GitHub Actions turns into annotations on the diff.
import type { Report } from "./report";

const COMMAND = { error: "error", warning: "warning", info: "notice" } as const;

function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function formatGithub(report: Report): string {
  const diagnostics = report.diagnostics.map((d) => {
    const where = d.cell !== undefined ? ` (cell ${d.cell})` : "";
    const props = [
      `file=${escapeProperty(d.file)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `endLine=${d.endLine}`,
      `endColumn=${d.endColumn}`,
      `title=${escapeProperty(`${d.code} ${d.rule}`)}`,
    ];
    return `::${COMMAND[d.severity]} ${props.join(",")}::${escapeData(d.message + where)}\n`;
  });
  // A file that was not checked is said so on the file, so a green run cannot hide it.
  const skipped = report.skipped.map(
    (s) =>
      `::notice file=${escapeProperty(s.file)},title=hf-rate-guard did not check this file::${escapeData(s.reason)}\n`,
  );
  return [...diagnostics, ...skipped].join("");
}

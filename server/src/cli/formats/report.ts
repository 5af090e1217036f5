// One diagnostic as every output format sees it: a path relative to the current directory and 1-based positions.
import type { Diagnostic } from "../../analysis/diagnostic";

export interface ReportedDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: Diagnostic["code"];
  rule: string;
  severity: Diagnostic["severity"];
  message: string;
  cell?: number;
  /** The source line, for the text format. */
  source?: string;
}

/** A file that was not checked, and why (nested too deeply, minified, not a regular file, unreadable, ...). */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface Report {
  diagnostics: ReportedDiagnostic[];
  /** Files analysed (those skipped are not counted). */
  filesChecked: number;
  fixed: number;
  skipped: SkippedFile[];
}

// What the core hands to every face (CLI, language server, tests): diagnostics with their fixes as data.
import type { RuleCode, Severity } from "../../../shared/src/rules";
import type { Range } from "./text";

export interface TextEdit {
  range: Range;
  newText: string;
  /** Notebook cell the edit applies to (ranges are then cell-relative). */
  cell?: number;
}

export type FixKind = "quickfix" | "suppress-line" | "suppress-file";

export interface Fix {
  /** Names the rule code, e.g. "HF001: Wrap in a Retry-After-aware backoff". */
  title: string;
  kind: FixKind;
  isPreferred: boolean;
  edits: TextEdit[];
  /** Files the fix creates (the project's helper module), applied together with the edits. */
  files?: { path: string; text: string }[];
  /** Edits in other existing files (a manifest whose version range the fix raises). */
  otherFiles?: { path: string; edits: TextEdit[] }[];
}

/** A place that explains a diagnostic: the retry that does not fire, the calls a client bills, where the org is named. */
export interface RelatedInfo {
  message: string;
  range: Range;
  /** Another workspace file; absent means the diagnostic's own file (for a notebook, its own cell). */
  path?: string;
}

export interface Diagnostic {
  code: RuleCode;
  rule: string;
  severity: Severity;
  message: string;
  /** 0-based; for notebooks, relative to the cell. */
  range: Range;
  /** 0-based notebook cell index. */
  cell?: number;
  related?: RelatedInfo[];
  fixes: Fix[];
}

export interface FileResult {
  path: string;
  diagnostics: Diagnostic[];
  /** Set when the file was not analysed (binary, too large, minified, excluded): the reason, for verbose output. */
  skipped?: string;
  /** Set with `skipped` when the config excludes the file: left out on purpose, not for a problem with it. */
  excluded?: boolean;
  /** Problems with the configuration that applies to this file; defaults were used. */
  configErrors: string[];
  /** Informational notes (syntax errors recovered from, ...), for verbose output. */
  notes: string[];
}

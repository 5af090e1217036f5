// Settings as the client sends them to the server (workspace/configuration section "hfRateGuard").
// Every setting added here also needs: a package.json contribution, the client's reader, and the server's use.
import type { RuleCode, RuleSetting } from "./rules";

export type RunMode = "onType" | "onSave";

/** Which files' problems are shown: every workspace file, or only the files open in the editor. */
export type DiagnosticMode = "workspace" | "openFilesOnly";
/**
 * Where the HF001 fix puts its retry helper: `inline` in each file, `module` in one project module
 * (`hf_retry.py`, `hfRetry.ts`) that files import, `auto` a module once more than one file needs it.
 */
export type FixHelper = "auto" | "inline" | "module";

export interface Settings {
  enable: boolean;
  /** Severity per rule code; a missing code keeps the rule's default (or the config file's choice). */
  rules: Partial<Record<RuleCode, RuleSetting>>;
  /** Organization to bill; empty means none configured. */
  billTo: string;
  run: RunMode;
  diagnosticMode: DiagnosticMode;
  fixHelper: FixHelper;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  rules: {},
  billTo: "",
  run: "onType",
  diagnosticMode: "workspace",
  fixHelper: "auto",
};

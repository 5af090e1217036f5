// Settings as the client sends them to the server (workspace/configuration section "hfRateGuard").
// Every setting added here also needs: a package.json contribution, the client's reader, and the server's use.
import type { RuleCode, RuleSetting } from "./rules";

export type RunMode = "onType" | "onSave";

/** Which files' problems are shown: every workspace file, or only the files open in the editor. */
export type DiagnosticMode = "workspace" | "openFilesOnly";

export interface Settings {
  enable: boolean;
  /** Severity per rule code; a missing code keeps the rule's default (or the config file's choice). */
  rules: Partial<Record<RuleCode, RuleSetting>>;
  /** Organization to bill; empty means none configured. */
  billTo: string;
  run: RunMode;
  diagnosticMode: DiagnosticMode;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  rules: {},
  billTo: "",
  run: "onType",
  diagnosticMode: "workspace",
};

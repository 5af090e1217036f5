// Settings as the client sends them to the server (workspace/configuration section "hfRateGuard").
// Every setting added here also needs: a package.json contribution, the client's reader, and the server's use.
import type { RuleCode, RuleSetting } from "./rules";

export type RunMode = "onType" | "onSave";

export interface Settings {
  enable: boolean;
  /** Severity per rule code; a missing code keeps the rule's default (or the config file's choice). */
  rules: Partial<Record<RuleCode, RuleSetting>>;
  /** Organization to bill; empty means none configured. */
  billTo: string;
  run: RunMode;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  rules: {},
  billTo: "",
  run: "onType",
};

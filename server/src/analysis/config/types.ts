import type { RuleCode, RuleSetting } from "../../../../shared/src/rules";

/** What a config file (.hf-rate-guard.json, [tool.hf-rate-guard], package.json "hfRateGuard") may say. */
export interface HfConfig {
  billTo?: string;
  rules: Partial<Record<RuleCode, RuleSetting>>;
  /** Globs, relative to the config file's folder. */
  exclude: string[];
  /** Where the HF001 fix puts its helper (see shared/src/settings.ts FixHelper); unset is "auto". */
  fixHelper?: "auto" | "inline" | "module";
}

export interface ResolvedConfig extends HfConfig {
  /** The config file that applies, if any. */
  source?: string;
  /** Folder that exclude globs are relative to. */
  root?: string;
  /** Human-readable problems ("<file>: rules.HF009 is not a rule code"); defaults were used for those parts. */
  errors: string[];
}

/** Settings that win over config files: CLI flags or editor settings. */
export interface ConfigOverrides {
  billTo?: string;
  rules?: Partial<Record<RuleCode, RuleSetting>>;
  /** The editor's hfRateGuard.fixes.helper when not "auto". */
  fixHelper?: "inline" | "module";
  /** An explicit config file (CLI --config) used instead of the nearest one. */
  configFile?: string;
  /** CLI --select / --ignore. */
  select?: RuleCode[];
  ignore?: RuleCode[];
}

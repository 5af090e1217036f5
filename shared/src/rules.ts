// Rule codes and severities: the contract between the CLI, the server, the client and config files. Everything
// else about a rule (name, default severity, messages, fixes) lives in its module under
// server/src/analysis/rules/; server/src/analysis/rules/index.ts fails to compile if this list and the modules
// disagree.

export const RULE_CODES = ["HF001", "HF002", "HF003", "HF004", "HF005", "HF006", "HF007"] as const;
export type RuleCode = (typeof RULE_CODES)[number];
export type Severity = "info" | "warning" | "error";
export type RuleSetting = Severity | "off";

export const DOCS_BASE = "https://github.com/hf-rate-guard/hf-rate-guard/blob/main/docs/rules/";

export function isRuleCode(value: string): value is RuleCode {
  return (RULE_CODES as readonly string[]).includes(value);
}

export function docsUrl(code: RuleCode): string {
  return `${DOCS_BASE}${code}.md`;
}

// The rule catalog: the one place that names every rule. The CLI, the server, the client and the docs read it.

export type RuleCode = "HF001" | "HF002" | "HF003" | "HF004" | "HF005" | "HF006" | "HF007";
export type Severity = "info" | "warning" | "error";
export type RuleSetting = Severity | "off";

export interface RuleMeta {
  code: RuleCode;
  name: string;
  defaultSeverity: Severity;
  summary: string;
  fixable: boolean;
}

export const DOCS_BASE = "https://github.com/hf-rate-guard/hf-rate-guard/blob/main/docs/rules/";

export const RULES: readonly RuleMeta[] = [
  {
    code: "HF001",
    name: "unhandled-rate-limit",
    defaultSeverity: "warning",
    summary: "Hugging Face call with no working 429 handling",
    fixable: true,
  },
  {
    code: "HF002",
    name: "retry-after-ignored",
    defaultSeverity: "warning",
    summary: "Retry on 429 that does not wait on Retry-After",
    fixable: true,
  },
  {
    code: "HF003",
    name: "missing-bill-to",
    defaultSeverity: "warning",
    summary: "Credit-billed call in an organization context without X-HF-Bill-To",
    fixable: true,
  },
  {
    code: "HF004",
    name: "backoff-without-jitter",
    defaultSeverity: "info",
    summary: "Retry wait without randomness",
    fixable: true,
  },
  {
    code: "HF005",
    name: "retries-payment-required",
    defaultSeverity: "info",
    summary: "Retry whose condition also retries 402 (credits exhausted)",
    fixable: false,
  },
  {
    code: "HF006",
    name: "unbounded-retry",
    defaultSeverity: "warning",
    summary: "Retry with no bound on attempts or time",
    fixable: true,
  },
  {
    code: "HF007",
    name: "legacy-inference-api",
    defaultSeverity: "info",
    summary: "Call to the deprecated api-inference.huggingface.co",
    fixable: true,
  },
];

export const RULE_CODES: readonly RuleCode[] = RULES.map((r) => r.code);

export function ruleMeta(code: RuleCode): RuleMeta {
  const meta = RULES.find((r) => r.code === code);
  if (!meta) throw new Error(`unknown rule ${code}`);
  return meta;
}

export function isRuleCode(value: string): value is RuleCode {
  return (RULE_CODES as readonly string[]).includes(value);
}

export function docsUrl(code: RuleCode): string {
  return `${DOCS_BASE}${code}.md`;
}

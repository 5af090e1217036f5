// Every rule, in code order. The catalog (codes, names, default severities, summaries, docs links) is read from
// the rule modules; shared/src/rules.ts keeps only the list of codes, checked against these modules below.
import type { RuleCode } from "../../../../shared/src/rules";
import { backoffWithoutJitter } from "./backoffWithoutJitter";
import { legacyInferenceApi } from "./legacyInferenceApi";
import { missingBillTo } from "./missingBillTo";
import { retriesPaymentRequired } from "./retriesPaymentRequired";
import { retryAfterIgnored } from "./retryAfterIgnored";
import type { Rule, RuleMeta } from "./types";
import { unboundedRetry } from "./unboundedRetry";
import { unhandledRateLimit } from "./unhandledRateLimit";

const MODULES = [
  unhandledRateLimit,
  retryAfterIgnored,
  missingBillTo,
  backoffWithoutJitter,
  retriesPaymentRequired,
  unboundedRetry,
  legacyInferenceApi,
] as const;

// A rule module without its code in shared's RULE_CODES, or a code without a module, fails to compile here.
type ModuleCode = (typeof MODULES)[number]["code"];
const sameCodes: [ModuleCode] extends [RuleCode]
  ? [RuleCode] extends [ModuleCode]
    ? true
    : "a code in RULE_CODES has no rule module"
  : "a rule module's code is missing from RULE_CODES" = true;
void sameCodes;

export const ALL_RULES: readonly Rule[] = MODULES;
export const RULES: readonly RuleMeta[] = MODULES.map((r) => r.meta);

const BY_CODE = new Map<RuleCode, Rule>(MODULES.map((r) => [r.code, r]));

export function ruleFor(code: RuleCode): Rule {
  const rule = BY_CODE.get(code);
  if (!rule) throw new Error(`unknown rule ${code}`);
  return rule;
}

export function ruleMeta(code: RuleCode): RuleMeta {
  return ruleFor(code).meta;
}

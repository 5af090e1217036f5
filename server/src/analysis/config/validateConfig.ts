// Checks a config object key by key; every problem becomes a message naming the key, and the rest still applies.
import { isRuleCode, type RuleCode, type RuleSetting } from "../../../../shared/src/rules";
import { RULES } from "../rules/index";
import picomatch from "picomatch";
import type { HfConfig } from "./types";

const SETTINGS: readonly string[] = ["off", "info", "warning", "error"];
const KNOWN = new Set(["billTo", "rules", "exclude", "fixHelper", "$schema"]);

export function validateConfig(raw: unknown, where: string): { config: HfConfig; errors: string[] } {
  const config: HfConfig = { rules: {}, exclude: [] };
  const errors: string[] = [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { config, errors: [`${where}: expected an object with billTo, rules and exclude; using defaults`] };
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj))
    if (!KNOWN.has(key)) errors.push(`${where}: unknown key "${key}" (expected billTo, rules, exclude, fixHelper)`);
  if (obj.billTo !== undefined) {
    if (typeof obj.billTo === "string" && obj.billTo.trim()) config.billTo = obj.billTo.trim();
    else errors.push(`${where}: billTo must be a non-empty string (an organization name)`);
  }
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== "object" || obj.rules === null || Array.isArray(obj.rules)) {
      errors.push(`${where}: rules must be an object like {"HF001": "error"}`);
    } else {
      for (const [key, value] of Object.entries(obj.rules as Record<string, unknown>)) {
        const code = codeFor(key);
        if (!code) errors.push(`${where}: rules.${key} is not a rule (${RULE_LIST})`);
        else if (typeof value !== "string" || !SETTINGS.includes(value))
          errors.push(`${where}: rules.${key} must be one of "off", "info", "warning", "error"`);
        else config.rules[code] = value as RuleSetting;
      }
    }
  }
  if (obj.fixHelper !== undefined) {
    if (obj.fixHelper === "auto" || obj.fixHelper === "inline" || obj.fixHelper === "module")
      config.fixHelper = obj.fixHelper;
    else errors.push(`${where}: fixHelper must be one of "auto", "inline", "module"`);
  }
  if (obj.exclude !== undefined) {
    if (!Array.isArray(obj.exclude)) errors.push(`${where}: exclude must be an array of glob strings`);
    else {
      // Each glob on its own: one bad entry ("" or a number) is reported and the others still apply.
      obj.exclude.forEach((glob: unknown, i) => {
        const problem = globProblem(glob);
        if (problem) errors.push(`${where}: exclude[${i}] ${problem}; ignored`);
        else config.exclude.push(glob as string);
      });
    }
  }
  return { config, errors };
}

/** "codes HF001-HF007 or names like unhandled-rate-limit", from the rule modules. */
const RULE_LIST = `codes ${RULES[0].code}-${RULES[RULES.length - 1].code} or names like ${RULES[0].name}`;

/** Why a value cannot be an exclude glob (picomatch throws on an empty pattern), or undefined. */
function globProblem(glob: unknown): string | undefined {
  if (typeof glob !== "string") return "must be a glob string";
  if (!glob.trim()) return "is empty";
  try {
    picomatch(glob);
  } catch (err) {
    return `is not a valid glob (${(err as Error).message})`;
  }
  return undefined;
}

function codeFor(key: string): RuleCode | undefined {
  const upper = key.toUpperCase();
  if (isRuleCode(upper)) return upper;
  return RULES.find((r) => r.name === key)?.code;
}

// Fixes for each finding, carried as data (text edits) on the diagnostic, so every face applies the same edits.
import type { Fix } from "../diagnostic";
import type { Finding } from "../rules/types";
import { ruleFor } from "../rules/index";
import type { FixContext } from "./context";
import { suppressionFixes } from "./suppress";

export type { FixContext } from "./context";

export function fixesFor(ctx: FixContext, finding: Finding): Fix[] {
  const quick = quickFixes(ctx, finding);
  const line = ctx.lines.position(finding.span.start).line;
  return [...quick, ...suppressionFixes(ctx, finding.code, line)];
}

/** The rule module names its fixes (rules/*.ts); the fix code itself lives in this folder. */
function quickFixes(ctx: FixContext, finding: Finding): Fix[] {
  try {
    return ruleFor(finding.code).fixes?.(ctx, finding) ?? [];
  } catch {
    // A fix we cannot build must never cost the diagnostic itself.
    return [];
  }
}

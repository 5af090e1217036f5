// Fixes for each finding, carried as data (text edits) on the diagnostic, so every face applies the same edits.
import type { Fix } from "../diagnostic";
import type { Finding } from "../rules/types";
import { billToFixes } from "./billToFix";
import type { FixContext } from "./context";
import { legacyUrlFix } from "./legacyUrl";
import { backoffWaitFixes, handWrittenWaitFixes, tenacityFixes, unhandledRateLimitFixes, wrapCoveredCalls } from "./retryFixes";
import { suppressionFixes } from "./suppress";

export type { FixContext } from "./context";

export function fixesFor(ctx: FixContext, finding: Finding): Fix[] {
  const quick = quickFixes(ctx, finding);
  const line = ctx.lines.position(finding.span.start).line;
  return [...quick, ...suppressionFixes(ctx, finding.code, line)];
}

function quickFixes(ctx: FixContext, finding: Finding): Fix[] {
  try {
    switch (finding.code) {
      case "HF001":
        return finding.call ? unhandledRateLimitFixes(ctx, finding.call) : [];
      case "HF002":
      case "HF004": {
        if (!finding.retry) return [];
        const fixes =
          finding.retry.kind === "tenacity"
            ? tenacityFixes(ctx, finding.retry, finding.code)
            : finding.retry.kind === "backoff"
              ? backoffWaitFixes(ctx, finding.retry, finding.code)
              : handWrittenWaitFixes(ctx, finding.retry, finding.code);
        return fixes.length || finding.code !== "HF002" ? fixes : wrapCoveredCalls(ctx, finding.retry);
      }
      case "HF006":
        return finding.retry ? tenacityFixes(ctx, finding.retry, finding.code) : [];
      case "HF003":
        return billToFixes(ctx, finding.client, finding.call);
      case "HF007":
        return legacyUrlFix(ctx);
      default:
        return [];
    }
  } catch {
    // A fix we cannot build must never cost the diagnostic itself.
    return [];
  }
}

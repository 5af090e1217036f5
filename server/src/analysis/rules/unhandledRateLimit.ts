// HF001: an HF call whose 429 goes nowhere. HF throttles with 429 on every surface (router, Hub API buckets,
// endpoints), and most clients do not retry by themselves (docs/hf-facts.md, "What each client does on 429").
import { unhandledRateLimitFixes } from "../fixes/retryFixes";
import { raiseFloorFixes } from "../fixes/versionFloor";
import { atLeast } from "../versions/semver";
import { gateOf } from "../versions/ranges";
import { createRule, type Report } from "./createRule";

export const unhandledRateLimit = createRule({
  meta: {
    code: "HF001",
    name: "unhandled-rate-limit",
    defaultSeverity: "warning",
    summary: "an HF call with no working 429 handling",
    messages: {
      trap: "`{{callee}}` has no working 429 handling: {{reason}}.",
      none: "`{{callee}}` has no 429 handling: a rate-limited request fails instead of backing off.",
      range:
        "`{{callee}}` has no 429 handling on every version your range admits: `{{range}}` in {{file}} admits versions that {{lacks}} (before {{min}}).",
    },
  },
  call(call, { versionRange }): Report<"trap" | "none" | "range">[] {
    if (call.protection.kind !== "unprotected") return [];
    const { reason } = call.protection;
    // No lock file, and the manifest's range reaches below the version that would have protected the call.
    const gate = gateOf(call);
    const range = gate && versionRange?.(gate.key);
    if (gate && range && !atLeast(range.floor, gate.min)) {
      const file = range.file.slice(range.file.lastIndexOf("/") + 1);
      const data = {
        callee: call.callee,
        range: `${range.name}${range.spec}`,
        file,
        lacks: gate.lacks,
        min: gate.min,
      };
      return [{ messageId: "range", data, span: call.span, call }];
    }
    return [
      {
        messageId: reason ? "trap" : "none",
        data: { callee: call.callee, reason: reason ?? "" },
        span: call.span,
        call,
      },
    ];
  },
  fixes: (ctx, finding) =>
    finding.call ? [...unhandledRateLimitFixes(ctx, finding.call), ...raiseFloorFixes(ctx, finding.call)] : [],
});

// HF001: an HF call whose 429 goes nowhere. HF throttles with 429 on every surface (router, Hub API buckets,
// endpoints), and most clients do not retry by themselves (docs/hf-facts.md, "What each client does on 429").
import { unhandledRateLimitFixes } from "../fixes/retryFixes";
import { createRule } from "./createRule";

export const unhandledRateLimit = createRule({
  meta: {
    code: "HF001",
    name: "unhandled-rate-limit",
    defaultSeverity: "warning",
    summary: "an HF call with no working 429 handling",
    messages: {
      trap: "`{{callee}}` has no working 429 handling: {{reason}}.",
      none: "`{{callee}}` has no 429 handling: a rate-limited request fails instead of backing off.",
    },
  },
  check({ model }) {
    return model.calls.flatMap((call) => {
      if (call.protection.kind !== "unprotected") return [];
      const { reason } = call.protection;
      return [
        {
          messageId: reason ? "trap" : "none",
          data: { callee: call.callee, reason: reason ?? "" },
          span: call.span,
          call,
        },
      ];
    });
  },
  fixes: (ctx, finding) => (finding.call ? unhandledRateLimitFixes(ctx, finding.call) : []),
});

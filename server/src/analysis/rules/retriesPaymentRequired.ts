// HF005: 402 means the monthly credits are spent; retrying cannot succeed until the period resets or a
// payment method is added, and each retry is another failed billed request. The quick fix takes 402 out of a
// literal status set; any other condition is the author's call to narrow.
import { paymentRequiredFixes } from "../fixes/retryFixes";
import { createRule } from "./createRule";
import { describe } from "./retryWording";

export const retriesPaymentRequired = createRule({
  meta: {
    code: "HF005",
    name: "retries-payment-required",
    defaultSeverity: "info",
    summary: "a retry that would also retry 402 (credits exhausted)",
    messages: {
      retries402:
        "This {{retry}} would also retry HTTP 402 (credits exhausted), which never succeeds on retry. Exclude 402 from its condition.",
    },
  },
  retry(retry) {
    if (!retry.relevant || !retry.retries402) return [];
    return [
      {
        messageId: "retries402" as const,
        data: { retry: describe(retry.kind) },
        span: retry.span,
        retry,
      },
    ];
  },
  fixes: (ctx, finding) => (finding.retry ? paymentRequiredFixes(ctx, finding.retry) : []),
});

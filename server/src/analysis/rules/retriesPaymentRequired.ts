// HF005: 402 means the monthly credits are spent; retrying cannot succeed until the period resets or a
// payment method is added, and each retry is another failed billed request.
import type { Rule } from "./types";
import { describe } from "./retryAfterIgnored";

export const retriesPaymentRequired: Rule = {
  code: "HF005",
  check({ model }) {
    return model.retries
      .filter((r) => r.relevant && r.retries402)
      .map((retry) => ({
        code: "HF005" as const,
        span: retry.span,
        retry,
        message: `This ${describe(retry.kind)} would also retry HTTP 402 (credits exhausted), which never succeeds on retry. Exclude 402 from its condition.`,
      }));
  },
};

import { backoffWithoutJitter } from "./backoffWithoutJitter";
import { legacyInferenceApi } from "./legacyInferenceApi";
import { missingBillTo } from "./missingBillTo";
import { retriesPaymentRequired } from "./retriesPaymentRequired";
import { retryAfterIgnored } from "./retryAfterIgnored";
import type { Rule } from "./types";
import { unboundedRetry } from "./unboundedRetry";
import { unhandledRateLimit } from "./unhandledRateLimit";

export const ALL_RULES: readonly Rule[] = [
  unhandledRateLimit,
  retryAfterIgnored,
  missingBillTo,
  backoffWithoutJitter,
  retriesPaymentRequired,
  unboundedRetry,
  legacyInferenceApi,
];

// HF002: a user-written retry that handles 429 but waits its own schedule. HF sends Retry-After when it knows
// when capacity returns; retrying sooner only earns more 429s. Library retries are not flagged here.
import { wrapCoveredCalls } from "../fixes/retryFixes";
import { createRule } from "./createRule";
import { describe, waitFixes } from "./retryWording";

export const retryAfterIgnored = createRule({
  meta: {
    code: "HF002",
    name: "retry-after-ignored",
    defaultSeverity: "warning",
    summary: "a hand-written retry of 429 that does not wait on `Retry-After`",
    messages: {
      ignored:
        "This {{retry}} retries 429 without waiting on Retry-After: it may retry before HF allows and be throttled again.",
    },
  },
  retry(retry) {
    if (!retry.relevant || !retry.handles429 || retry.honorsRetryAfter) return [];
    return [
      {
        messageId: "ignored" as const,
        data: { retry: describe(retry.kind) },
        span: retry.waitSpan ?? retry.span,
        retry,
      },
    ];
  },
  fixes(ctx, finding) {
    if (!finding.retry) return [];
    const fixes = waitFixes(ctx, finding.retry, "HF002");
    // A wait we cannot rewrite: route the calls it covers through the Retry-After-aware helper instead.
    return fixes.length ? fixes : wrapCoveredCalls(ctx, finding.retry);
  },
});

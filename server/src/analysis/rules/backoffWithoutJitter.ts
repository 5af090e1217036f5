// HF004: waits without randomness make every throttled client retry in lockstep, so they collide again.
import { createRule } from "./createRule";
import { describe, waitFixes } from "./retryWording";

export const backoffWithoutJitter = createRule({
  meta: {
    code: "HF004",
    name: "backoff-without-jitter",
    defaultSeverity: "info",
    summary: "a retry wait with no randomness",
    messages: {
      lockstep:
        "This {{retry}} waits without jitter: clients throttled together retry together. Use full jitter (a random wait up to the backoff).",
    },
  },
  retry(retry) {
    if (!retry.relevant || !retry.waits || retry.hasJitter) return [];
    return [
      {
        messageId: "lockstep" as const,
        data: { retry: describe(retry.kind) },
        span: retry.waitSpan ?? retry.span,
        retry,
      },
    ];
  },
  fixes: (ctx, finding) => (finding.retry ? waitFixes(ctx, finding.retry, "HF004") : []),
});

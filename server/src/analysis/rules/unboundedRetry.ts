// HF006: an unbounded retry turns a long throttle or an outage into a hung program (tenacity's default stop
// never stops).
import { boundFixes } from "../fixes/retryFixes";
import { createRule } from "./createRule";
import { describe } from "./retryWording";

export const unboundedRetry = createRule({
  meta: {
    code: "HF006",
    name: "unbounded-retry",
    defaultSeverity: "warning",
    summary: "a retry with no bound on attempts or time",
    messages: {
      unbounded:
        "This {{retry}} has no bound on attempts or time: a long throttle or outage hangs the program. Add a limit.",
    },
  },
  retry(retry) {
    if (!retry.relevant || retry.bounded) return [];
    return [
      {
        messageId: "unbounded" as const,
        data: { retry: describe(retry.kind) },
        span: retry.span,
        retry,
      },
    ];
  },
  // tenacity stop_after_attempt, backoff max_tries, an attempt counter in a while-True loop.
  fixes: (ctx, finding) => (finding.retry ? boundFixes(ctx, finding.retry) : []),
});

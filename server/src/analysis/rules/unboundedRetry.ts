// HF006: an unbounded retry turns a long throttle or an outage into a hung program (tenacity's default stop
// never stops).
import type { Rule } from "./types";
import { describe } from "./retryAfterIgnored";

export const unboundedRetry: Rule = {
  code: "HF006",
  check({ model }) {
    return model.retries
      .filter((r) => r.relevant && !r.bounded)
      .map((retry) => ({
        code: "HF006" as const,
        span: retry.span,
        retry,
        message: `This ${describe(retry.kind)} has no bound on attempts or time: a long throttle or outage hangs the program. Add a limit.`,
      }));
  },
};

// HF004: waits without randomness make every throttled client retry in lockstep, so they collide again.
import type { Rule } from "./types";
import { describe } from "./retryAfterIgnored";

export const backoffWithoutJitter: Rule = {
  code: "HF004",
  check({ model }) {
    return model.retries
      .filter((r) => r.relevant && r.waits && !r.hasJitter)
      .map((retry) => ({
        code: "HF004" as const,
        span: retry.waitSpan ?? retry.span,
        retry,
        message: `This ${describe(retry.kind)} waits without jitter: clients throttled together retry together. Use full jitter (a random wait up to the backoff).`,
      }));
  },
};

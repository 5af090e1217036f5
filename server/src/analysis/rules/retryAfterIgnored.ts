// HF002: a user-written retry that handles 429 but waits its own schedule. HF sends Retry-After when it knows
// when capacity returns; retrying sooner only earns more 429s. Library retries are not flagged here.
import type { Rule } from "./types";

export const retryAfterIgnored: Rule = {
  code: "HF002",
  check({ model }) {
    return model.retries
      .filter((r) => r.relevant && r.handles429 && !r.honorsRetryAfter)
      .map((retry) => ({
        code: "HF002" as const,
        span: retry.waitSpan ?? retry.span,
        retry,
        message: `This ${describe(retry.kind)} retries 429 without waiting on Retry-After: it may retry before HF allows and be throttled again.`,
      }));
  },
};

export function describe(kind: string): string {
  switch (kind) {
    case "tenacity":
      return "tenacity retry";
    case "backoff":
      return "backoff decorator";
    case "loop":
      return "retry loop";
    case "recursion":
      return "recursive retry";
    case "helper":
      return "retry helper";
    default:
      return `${kind} retry`;
  }
}

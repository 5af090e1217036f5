// What an exception handler around an HF call does with a 429, decided once for `except` and `catch` alike. The
// frontends report the handler (facts below) and word the outcome in their language.
import { MENTIONS_429, statusFilterWithout429 } from "../retryHeuristics";

export interface HandlerFacts {
  /** The handler's code without comments. */
  text: string;
  /** It is declared for a rate-limit error type (`except RateLimitError`, `except HfHubHTTPError` is not one). */
  namesRateLimitType: boolean;
  /** It leads to another attempt: a loop that goes on after it, or a call of the enclosing function. */
  retry?: "loop" | "recursion";
}

export type HandlerOutcome =
  /** It retries, but only for the statuses listed: a 429 is raised again. */
  | { kind: "retries-other-statuses"; only: string }
  /** It leads to another attempt, which covers the 429. */
  | { kind: "retries" }
  /** It tests for 429 itself (and surfaces or handles it). */
  | { kind: "handles-429" }
  /** It neither re-raises nor retries: the 429 is swallowed. */
  | { kind: "swallows" }
  /** It re-raises without a 429 branch. */
  | { kind: "re-raises" };

/** Text that tests for a rate limit: the status, the rate-limit error names, or the words of HF's 429 message. */
export function testsFor429(text: string): boolean {
  return MENTIONS_429.test(text) || /too many requests|rate.?limit/i.test(text);
}

export function decideHandler(h: HandlerFacts): HandlerOutcome {
  const has429 = h.namesRateLimitType || testsFor429(h.text);
  // A retry whose own test lets only other statuses through re-raises the 429 (`if status not in (502, 503): raise`).
  const only = h.retry && !has429 ? statusFilterWithout429(h.text) : undefined;
  if (only) return { kind: "retries-other-statuses", only };
  if (h.retry) return { kind: "retries" };
  if (has429) return { kind: "handles-429" };
  if (!/\b(raise|throw)\b/.test(h.text)) return { kind: "swallows" };
  return { kind: "re-raises" };
}

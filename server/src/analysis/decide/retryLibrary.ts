// What a retry library's arguments mean, decided once for every library in both languages: tenacity and backoff,
// the profiled decorators (stamina, retrying) and the JS packages (p-retry, async-retry, exponential-backoff,
// promise-retry, cockatiel). The frontend reads the syntax (which keyword or option holds what, the text of a
// predicate with what it uses, which exception types catch the call's error) and reports it here; this decides
// whether the retry fires on the call's 429, whether it would retry a 402, whether it honours Retry-After, and, from
// a profile's defaults (profiles/types.ts RetryDefaults), whether it waits, jitters and is bounded.
import type { RetryDefaults } from "../profiles/types";
import { MENTIONS_429, retries402FromText, statusFilterWithout429 } from "../retryHeuristics";
import type { RetryTraits } from "./facts";
import { honoursRetryAfter } from "./retryAfter";

/** What sends a retry round again, as its arguments say. */
export interface RetryCondition {
  /** It retries on a returned value only (backoff.on_predicate): the predicate's text. */
  resultOnly?: string;
  /**
   * A predicate over the returned value besides raised errors (tenacity `retry_if_result`, stamina's): its text,
   * and the name whyNot gives it when it does not test for 429.
   */
  result?: { text: string; name?: string };
  /**
   * The exception types the condition names (possibly none it could read), whether one of them catches what the
   * call raises on 429 (the user's own raise, else the library's), and how whyNot names the condition.
   */
  types?: { names: string[]; catchesCall: boolean; word: string };
  /** The condition as code (a predicate with what it uses, or the operation when there is none): what 402 reads. */
  predicate?: string;
  /** The condition's own test of which errors go round again (`shouldRetry`, `handleWhen`), for a status filter. */
  filter?: string;
  /** A predicate that gives up rather than retries (backoff's `giveup`). */
  giveup?: string;
  /** The operation must ask for another attempt (promise-retry's `retry(err)`) and never does. */
  neverAsked?: boolean;
}

export interface RetryArgs {
  /** How messages name the library ("tenacity", "backoff.on_exception", "p-retry"). */
  library: string;
  /** How its language says it reacts to errors only: "when an exception is raised", "thrown errors". */
  reactsTo: string;
  /** What decides its wait (the wait argument with what it uses, the options, the operation): Retry-After is read there. */
  waitText: string;
  waits: boolean;
  hasJitter: boolean;
  bounded: boolean;
  condition: RetryCondition;
}

/** The call the retry is around. */
export interface RetriedCall {
  /** It raises (throws) on 429; a response it returns reaches only a result predicate. */
  raisesOn429: boolean;
  /** The user's status check after the call raises on 429 (`if not r.ok: raise`): whether it also raises on 402. */
  statusCheckAdmits402?: boolean;
}

export type DecidedRetry = Omit<RetryTraits<never>, "waitNode" | "limitNode">;

/** A predicate over a response that would send a 429 round again: it names 429 or tests a broad error status. */
function resultAdmits429(text: string): boolean {
  return MENTIONS_429.test(text) || retries402FromText(text, false);
}

/**
 * Rate-limit-specific exception types: catching one is a 429 branch by itself, and a retry condition naming only
 * these never retries a 402.
 */
export function isRateLimitType(type: string): boolean {
  return /RateLimitError$|TooManyRequests/.test(type);
}

export function decideRetryArgs(args: RetryArgs, call: RetriedCall): DecidedRetry {
  const c = args.condition;
  const out: DecidedRetry = {
    handles429: call.raisesOn429,
    honorsRetryAfter: honoursRetryAfter(args.waitText),
    waits: args.waits,
    hasJitter: args.hasJitter,
    bounded: args.bounded,
    retries402: true,
  };
  if (c.resultOnly !== undefined) {
    out.handles429 = resultAdmits429(c.resultOnly);
    if (!out.handles429) out.whyNot = "its predicate does not test for 429";
    out.retries402 = retries402FromText(c.resultOnly, false);
    return out;
  }
  if (!call.raisesOn429) {
    // A Response with 429 is retried only by a result predicate that tests for it.
    if (c.result && resultAdmits429(c.result.text)) {
      out.handles429 = true;
      // A predicate that sleeps for Retry-After before answering True is the wait.
      out.honorsRetryAfter ||= honoursRetryAfter(c.result.text);
      out.retries402 = retries402FromText(c.result.text, false);
      return out;
    }
    out.whyNot = c.result?.name
      ? `its ${c.result.name} predicate does not test for 429`
      : `${args.library} only retries ${args.reactsTo}`;
    // It never fires for an HTTP status, so it cannot retry a 402 either.
    out.retries402 = false;
    return out;
  }
  if (c.neverAsked) {
    out.handles429 = false;
    out.retries402 = false;
    out.whyNot = `${args.library} retries only when the operation calls the retry function it is given`;
    return out;
  }
  if (c.types) {
    const { names, catchesCall, word } = c.types;
    if (names.length && !catchesCall) {
      out.handles429 = false;
      out.whyNot = `${word} retries ${names.map((t) => t.split(".").pop()).join(", ")}, which is not what this call raises on 429`;
      // What it retries is not the call's HTTP status error at all: no 402 either.
      out.retries402 = false;
    } else if (c.giveup !== undefined) {
      // A giveup predicate is the condition turned round: `e.response.status_code != 429` gives up on all but 429.
      out.retries402 = retries402FromText(c.giveup.replace(/!=\s*429/, "== 429"), false) && !/402/.test(c.giveup);
    } else {
      out.retries402 = !names.every(isRateLimitType);
    }
  } else if (c.predicate !== undefined) {
    // Without a predicate every error is retried, 402 included, unless the operation itself filters.
    out.retries402 = retries402FromText(c.predicate, true);
  }
  // `shouldRetry: (e) => e.status >= 500`, `handleWhen(...)` with only 5xx: a 429 is given up at once.
  const only = c.filter ? statusFilterWithout429(`return ${c.filter}`) : undefined;
  if (only) {
    out.handles429 = false;
    out.whyNot = `its condition only retries ${only}`;
  }
  // Only a 429 check raises (no raise_for_status): a 402 comes back as a response and is never retried.
  if (call.statusCheckAdmits402 === false) out.retries402 = false;
  return out;
}

/**
 * Whether a retry waits, jitters and is bounded, from its library's defaults and the options written
 * (`limitGiven`: an option that bounds it is set; `ownJitter`: a hook waits a random time itself).
 */
export function defaultsTraits(
  d: RetryDefaults,
  optionsText: string,
  limitGiven: boolean,
  ownJitter = false,
): Pick<DecidedRetry, "waits" | "hasJitter" | "bounded"> {
  return {
    waits: d.waitsByDefault || !!d.waitOn?.test(optionsText),
    hasJitter: d.jitterOff?.test(optionsText)
      ? false
      : d.jitterOn?.test(optionsText) || ownJitter
        ? true
        : d.jitterByDefault,
    bounded: (limitGiven || d.boundedByDefault) && !d.unbounded?.test(optionsText),
  };
}

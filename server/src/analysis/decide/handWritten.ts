// The traits of a hand-written retry (a loop, a recursive function, a helper's body), decided once for both
// languages from what the frontend reports about it (facts.ts). They drive HF002, HF004, HF005 and HF006.
import { ATTEMPT_LIMIT, countsAttempts, JITTER, retries402FromText } from "../retryHeuristics";
import { isRateLimitType } from "./retryLibrary";
import type { HandWrittenFacts, LoopFacts } from "./facts";
import { honoursRetryAfter } from "./retryAfter";

export interface HandWrittenTraits {
  honorsRetryAfter: boolean;
  waits: boolean;
  hasJitter: boolean;
  bounded: boolean;
  retries402: boolean;
}

export function handWrittenTraits(facts: HandWrittenFacts): HandWrittenTraits {
  return {
    honorsRetryAfter: honoursRetryAfter(facts.text),
    waits: facts.wait !== undefined,
    // The wait's own expression (with what its names were assigned) decides; without a wait, the whole retry.
    hasJitter: JITTER.test(facts.wait ?? facts.text),
    bounded: facts.loop ? loopBounded(facts.loop) : ATTEMPT_LIMIT.test(facts.text),
    retries402: retries402FromText(facts.text, catchesBroadly(facts.handlers)),
  };
}

/**
 * A loop is bounded by its header (`range(5)`, `attempt < 5`, a collection), or, when the header never ends it
 * (`while True`, `for (;;)`, `itertools.count()`), by an attempt counter in its body that leaves the loop.
 */
export function loopBounded(loop: LoopFacts): boolean {
  if (headerEnds(loop.header)) return true;
  return ATTEMPT_LIMIT.test(loop.body) && /\b(raise|throw|break|return)\b/.test(loop.body);
}

/** An iterator that never runs out (`itertools.count()`, `cycle(...)`), or a condition that is always true. */
function headerEnds(header: LoopFacts["header"]): boolean {
  if ("iterates" in header) return !/itertools\.count|\bcount\(\)|\bcycle\(/.test(header.iterates);
  return !/^(True|true|1)$/.test(header.tests.trim());
}

/**
 * Whether it catches errors other than rate-limit ones (a 402 among them): a handler naming no type (a bare except,
 * a JS catch or `.catch(...)`), or one naming a type that is not a rate-limit error.
 */
function catchesBroadly(handlers: HandWrittenFacts["handlers"]): boolean {
  return handlers.some((types) => types === undefined || types.some((t) => !isRateLimitType(t)));
}

/**
 * Whether a loop around a handler goes round again for another attempt: a loop that tests a condition (`while`,
 * `for (;;)`, `do ... while`), or one that counts attempts (`for attempt in range(5)`). A loop over a collection
 * (`for name in CANDIDATES`, `for (const m of models)`) tries something else each round: a fallback, not a retry.
 */
export function retriesAround(header: LoopFacts["header"]): boolean {
  return "tests" in header || countsAttempts(header.iterates);
}

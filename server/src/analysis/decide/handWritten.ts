// The traits of a hand-written retry (a loop, a recursive function, a helper's body), decided once for both
// languages from what the frontend reports about it (facts.ts). They drive HF002, HF004, HF005 and HF006.
import { ATTEMPT_LIMIT, JITTER, retries402FromText } from "../retryHeuristics";
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
    retries402: retries402FromText(facts.text, facts.catchesBroadly),
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

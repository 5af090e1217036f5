// What the frontends report, in no language's terms: the decision layer (this folder) reads only these.
// Each frontend turns its syntax (web-tree-sitter nodes, TypeScript nodes) into these facts; the decisions about
// protection and retry traits are then made once, for Python and JS/TS alike.
import type { RetryConstruct } from "../model";

/** A loop that wraps a retried operation. */
export interface LoopFacts {
  /**
   * Its header: what it iterates (`range(5)`, a list, `itertools.count()`), or the condition it tests (`attempt <
   * MAX`, `True`; an empty `for (;;)` condition is "true").
   */
  header: { iterates: string } | { tests: string };
  /** Its body's code, for an attempt counter that leaves the loop. */
  body: string;
}

/** A hand-written retry: a loop around an attempt, a function that calls itself again, a helper's body. */
export interface HandWrittenFacts {
  /** Its code without comments, with one level of the local functions and constants it names. */
  text: string;
  /** What decides its wait (the sleep's argument and what the names in it were assigned); undefined: no wait. */
  wait?: string;
  /** The loop, when it is one. */
  loop?: LoopFacts;
  /**
   * Its handlers, each as the error types it names (qualified); undefined for one that names none (a bare except, a
   * JS catch or `.catch(...)` callback).
   */
  handlers: (string[] | undefined)[];
}

/**
 * A retry's traits as a frontend found them (the fields of model.ts RetryConstruct it decides), with the nodes its
 * fixes and explanations point at. `N` is the frontend's node type.
 */
export interface RetryTraits<N> extends Pick<
  RetryConstruct,
  "handles429" | "honorsRetryAfter" | "waits" | "hasJitter" | "bounded" | "retries402"
> {
  /** The wait expression (tenacity `wait=`, a sleep's argument). */
  waitNode?: N;
  /** What bounds it, as written (`stop=`, `range(5)`, `retries:`). */
  limitNode?: N;
  /** Why the retry cannot fire for this call, when handles429 is false. */
  whyNot?: string;
}

// Retry decorators of libraries that have a profile (`@stamina.retry(on=...)`, retrying's `@retry(...)`), judged from
// the profile's defaults and the arguments written (profiles/, docs/hf-facts.md "Retry libraries"). tenacity and
// backoff, whose arguments say much more, are read by retryTraits.ts.
import type { PyNode } from "./tree";
import type { RaiseKind } from "./calls";
import { PY_RETRY_DECORATORS } from "../profiles";
import type { PythonProfile } from "../profiles/types";
import { honoursRetryAfter } from "../decide/retryAfter";
import { MENTIONS_429, retries402FromText } from "../retryHeuristics";
import { isRateLimitType, matches } from "./exceptions";
import { callableText, exceptionTypesIn, type Traits } from "./retryTraits";
import type { Scope } from "./scope";
import { kwargs } from "./syntax";

/** The profile whose retry decorator `callee` names. */
export function retryDecoratorProfile(scope: Scope, callee: PyNode | null | undefined): PythonProfile | undefined {
  return PY_RETRY_DECORATORS.get(scope.qualify(callee) ?? "");
}

/** `expr` is the decorator expression: a call with the arguments, or the bare name (`@retry`). */
export function libraryDecoratorTraits(
  scope: Scope,
  profile: PythonProfile,
  expr: PyNode,
  raises: RaiseKind | undefined,
  raisesOn429: boolean,
  hubMajor1: boolean,
): Traits {
  const d = profile.retryDecorator!.defaults;
  const kw = expr.type === "call" ? kwargs(expr) : new Map<string, PyNode>();
  const args = expr.type === "call" ? (expr.childForFieldName("arguments")?.text ?? "") : "";
  const limit = d.limits.map((l) => kw.get(l)).find(Boolean);
  const predicate = d.predicate ? kw.get(d.predicate) : undefined;
  const predicateText = callableText(scope, predicate);
  const traits: Traits = {
    handles429: raisesOn429,
    honorsRetryAfter: honoursRetryAfter(predicateText),
    waits: d.waitsByDefault || !!d.waitOn?.test(args),
    hasJitter: d.jitterOff?.test(args) ? false : d.jitterOn?.test(args) ? true : d.jitterByDefault,
    bounded: (limit !== undefined || d.boundedByDefault) && !d.unbounded?.test(args),
    retries402: true,
    limitNode: limit,
  };
  if (!raisesOn429) {
    // A Response with 429 is retried only by a result predicate that tests for it.
    const result = d.resultPredicate ? callableText(scope, kw.get(d.resultPredicate)) : "";
    if (result && (MENTIONS_429.test(result) || retries402FromText(result, false))) {
      traits.handles429 = true;
      // A predicate that sleeps for Retry-After before answering True is the wait.
      traits.honorsRetryAfter ||= honoursRetryAfter(result);
      traits.retries402 = retries402FromText(result, false);
      return traits;
    }
    traits.whyNot = `${profile.id} only retries when an exception is raised`;
    traits.retries402 = false;
    return traits;
  }
  if (!predicate) return traits; // every exception is retried, a 402 included
  const types =
    predicate.type === "lambda" || scope.functionNamed(predicate.text) ? [] : exceptionTypesIn(scope, predicate);
  if (types.length) {
    if (raises && !types.some((t) => matches(t, raises, hubMajor1))) {
      traits.handles429 = false;
      traits.whyNot = `it retries ${types.map((t) => t.split(".").pop()).join(", ")}, which is not what this call raises on 429`;
      traits.retries402 = false; // what it retries is not an HTTP status error at all
      return traits;
    }
    traits.retries402 = !types.every(isRateLimitType);
    return traits;
  }
  traits.retries402 = retries402FromText(predicateText, true);
  return traits;
}

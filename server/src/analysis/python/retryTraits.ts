// Judging a retry written in the user's code: tenacity and backoff arguments, and hand-written loops/helpers.
// The traits map onto RetryConstruct (model.ts) and drive HF002, HF004, HF005 and HF006.
import type { PyNode } from "./tree";
import type { RaiseKind } from "./calls";
import { caughtTypes, matches } from "./exceptions";
import { decideRetryArgs, type RetryCondition } from "../decide/retryLibrary";
import type { Scope } from "./scope";
import { BACKOFF_ENTRIES } from "../profiles/backoff";
import { TENACITY_ENTRIES } from "../profiles/tenacity";
import { kwargs, positionalArgs } from "./syntax";
import type { StatusRaise } from "./statusRaise";

export type Traits = RetryTraits<PyNode>;

import { codeText, JITTER, MENTIONS_429 } from "../retryHeuristics";
import type { LoopFacts, RetryTraits } from "../decide/facts";
import { handWrittenTraits as decideHandWritten } from "../decide/handWritten";
import { waitArgument } from "../decide/wait";

/** The text that decides a predicate or wait callable: a lambda's body or a named function's definition. */
export function callableText(scope: Scope, node: PyNode | undefined): string {
  if (!node) return "";
  if (node.type === "identifier") {
    const def = scope.functionNamed(node.text);
    if (!def) return scope.valueOf(node)?.text ?? node.text;
    // One level of what the function uses: `return _fallback(state)` where `_fallback = wait_random_exponential()`.
    const used = def
      .descendantsOfType("identifier")
      .map((id) => (id.text === node.text ? undefined : scope.valueOf(id)?.text))
      .filter(Boolean);
    return [def.text, ...used].join(" ");
  }
  if (node.type === "call") {
    // retry_if_exception(pred), a wait factory, `wait_a + wait_b`
    return (
      node.text +
      " " +
      positionalArgs(node)
        .map((a) => callableText(scope, a))
        .join(" ")
    );
  }
  return node.text;
}

/** Which of tenacity's entry points `fn` names (its profile's TENACITY_ENTRIES). */
export function isTenacity(scope: Scope, fn: PyNode | null | undefined): "decorator" | "retrying" | undefined {
  return TENACITY_ENTRIES.get(scope.qualify(fn) ?? "");
}

/**
 * tenacity `@retry(...)`, `Retrying(...)`: `call` is the call with the kwargs, undefined for bare `@retry`. This reads
 * the arguments; decide/retryLibrary.ts decides what they mean.
 */
export function tenacityTraits(
  scope: Scope,
  call: PyNode | undefined,
  raises: RaiseKind | undefined,
  raisesOn429: boolean,
  hubMajor1: boolean,
  status?: StatusRaise,
): Traits {
  const kw = call ? kwargs(call) : new Map<string, PyNode>();
  const cond = kw.get("retry");
  const stop = kw.get("stop");
  const wait = kw.get("wait");
  const waitText = callableText(scope, wait);
  const condText = cond?.text ?? "";
  // retry_if_result(pred) sees the returned Response: a predicate that tests for 429 retries it without any raise.
  const result = /retry_if_result/.test(condText) ? callableText(scope, cond) : "";
  const types =
    cond && /retry_if_exception_type|retry_if_not_exception_type/.test(condText) ? exceptionTypesIn(scope, cond) : [];
  // `retry=retry_if_exception(pred)` alone: the predicate is the condition's own test of which errors go round
  // again, read for a status filter (`e.response.status_code >= 500`) as the JS packages' `shouldRetry` is.
  const onlyPredicate =
    cond?.type === "call" && scope.qualify(cond.childForFieldName("function")) === "tenacity.retry_if_exception"
      ? positionalArgs(cond)[0]
      : undefined;
  const decided = decideRetryArgs(
    {
      library: "tenacity",
      reactsTo: "when an exception is raised",
      waitText,
      waits: wait !== undefined,
      hasJitter: JITTER.test(waitText),
      bounded: stop !== undefined && !/stop_never/.test(stop.text),
      condition: {
        result: result ? { text: result, name: "retry_if_result" } : undefined,
        types: types.length
          ? { names: types, catchesCall: catchesCall(types, raises, hubMajor1, status), word: "its condition" }
          : undefined,
        predicate: cond && !types.length ? callableText(scope, cond) : undefined,
        filter: onlyPredicate ? codeText(callableText(scope, onlyPredicate), "python") : undefined,
      },
    },
    { raisesOn429, statusCheckAdmits402: status?.admits402 },
  );
  return { ...decided, waitNode: wait, limitNode: stop };
}

/** Whether one of a retry condition's exception types catches what the call raises on 429 (any, when unknown). */
export function catchesCall(
  types: string[],
  raises: RaiseKind | undefined,
  hubMajor1: boolean,
  status: StatusRaise | undefined,
): boolean {
  return !raises || types.some((t) => raisedBy(t, raises, hubMajor1, status));
}

/** Whether exception type `t` catches what the call raises on 429: the user's own raise, else the library's. */
function raisedBy(t: string, raises: RaiseKind, hubMajor1: boolean, status: StatusRaise | undefined): boolean {
  const last = t.split(".").pop()!;
  if (status?.types.includes(last) || (status && /^(Base)?Exception$/.test(last))) return true;
  if (status?.types.length) return false;
  return matches(t, raises, hubMajor1);
}

/** Which of backoff's decorators `fn` names (its profile's BACKOFF_ENTRIES). */
export function isBackoff(scope: Scope, fn: PyNode | null | undefined): "on_exception" | "on_predicate" | undefined {
  return BACKOFF_ENTRIES.get(scope.qualify(fn) ?? "");
}

/**
 * `@backoff.on_exception(wait_gen, exc, max_tries=, max_time=, giveup=, jitter=)` / `on_predicate`. This reads the
 * arguments; decide/retryLibrary.ts decides what they mean.
 */
export function backoffTraits(
  scope: Scope,
  call: PyNode,
  style: "on_exception" | "on_predicate",
  raises: RaiseKind | undefined,
  raisesOn429: boolean,
  hubMajor1: boolean,
  status?: StatusRaise,
): Traits {
  const kw = kwargs(call);
  const args = positionalArgs(call);
  const waitGen = args[0] ?? kw.get("wait_gen");
  const jitter = kw.get("jitter");
  const waitText = callableText(scope, waitGen) + " " + (kw.get("value") ? callableText(scope, kw.get("value")) : "");
  let condition: RetryCondition;
  if (style === "on_exception") {
    const excNode = args[1] ?? kw.get("exception");
    const types = excNode ? exceptionTypesIn(scope, excNode) : [];
    condition = {
      types: { names: types, catchesCall: catchesCall(types, raises, hubMajor1, status), word: "it" },
      giveup: callableText(scope, kw.get("giveup")) || undefined,
    };
  } else {
    condition = { resultOnly: callableText(scope, args[1] ?? kw.get("predicate")) };
  }
  const decided = decideRetryArgs(
    {
      library: `backoff.${style}`,
      reactsTo: "when an exception is raised",
      waitText,
      waits: true,
      // backoff's default jitter is full jitter; jitter=None switches it off (a runtime value may jitter itself).
      hasJitter: !jitter || jitter.text !== "None" || JITTER.test(waitText),
      bounded: kw.has("max_tries") || kw.has("max_time"),
      condition,
    },
    { raisesOn429, statusCheckAdmits402: status?.admits402 },
  );
  return { ...decided, waitNode: waitGen, limitNode: kw.get("max_tries") ?? kw.get("max_time") };
}

export function exceptionTypesIn(scope: Scope, node: PyNode): string[] {
  const out: string[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === "identifier" || n.type === "attribute") {
      const q = scope.qualify(n) ?? n.text;
      if (/Error$|Exception$|TooManyRequests/.test(q)) out.push(q);
      if (n.type === "attribute") continue;
    }
    if (
      n.type === "call" &&
      /retry_if_exception_type|retry_if_not_exception_type/.test(n.childForFieldName("function")?.text ?? "")
    ) {
      stack.push(...positionalArgs(n));
      continue;
    }
    stack.push(...n.namedChildren);
  }
  return out;
}

/**
 * Traits of a hand-written retry (loop, recursion or helper): this reports its facts, decide/handWritten.ts
 * decides.
 */
export function handWrittenTraits(scope: Scope, body: PyNode, loop: PyNode | undefined): Omit<Traits, "handles429"> {
  const delay = findWait(body);
  const catches = body.descendantsOfType("except_clause").map((c) => caughtTypes(scope, c));
  const traits = decideHandWritten({
    text: scope.expandedText(codeText(body.text, "python")),
    wait: delay ? waitContext(scope, delay) : undefined,
    loop: loop ? loopFacts(loop) : undefined,
    handlers: catches,
  });
  return {
    ...traits,
    waitNode: delay,
    limitNode: loop ? loopLimit(loop) : undefined,
  };
}

/** The delay argument of the first wait in `body` (decide/wait.ts: which calls wait, which argument is the delay). */
function findWait(body: PyNode): PyNode | undefined {
  for (const call of body.descendantsOfType("call")) {
    const index = waitArgument(call.childForFieldName("function")?.text.split(".").pop() ?? "");
    const delay = index === undefined ? undefined : call.childForFieldName("arguments")?.namedChildren[index];
    if (delay) return delay;
  }
  return undefined;
}

/** The delay plus the assignments of names it uses, so `time.sleep(delay)` sees `delay = random...`. */
function waitContext(scope: Scope, delay: PyNode): string {
  let text = delay.text;
  for (const id of delay.type === "identifier" ? [delay] : delay.descendantsOfType("identifier")) {
    const v = scope.valueOf(id);
    if (v) text += " " + v.text;
  }
  return scope.expandedText(text);
}

/** The part of a loop header that bounds it: `range(5)`, `attempt < MAX`. */
function loopLimit(loop: PyNode): PyNode | undefined {
  const node = loop.type === "for_statement" ? loop.childForFieldName("right") : loop.childForFieldName("condition");
  return node && node.text !== "True" && node.text !== "1" ? node : undefined;
}

/** A loop's header as written: what a `for` iterates, what a `while` tests (decide/handWritten.ts reads it). */
export function loopFacts(loop: PyNode): LoopFacts {
  const body = loop.childForFieldName("body")?.text ?? "";
  if (loop.type === "for_statement") return { header: { iterates: loop.childForFieldName("right")?.text ?? "" }, body };
  return { header: { tests: loop.childForFieldName("condition")?.text ?? "True" }, body };
}

export { MENTIONS_429 };

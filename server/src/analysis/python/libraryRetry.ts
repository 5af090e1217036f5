// Retry decorators of libraries that have a profile (`@stamina.retry(on=...)`, retrying's `@retry(...)`), judged from
// the profile's defaults and the arguments written (profiles/, docs/hf-facts.md "Retry libraries"). tenacity and
// backoff, whose arguments say much more, are read by retryTraits.ts.
import type { PyNode } from "./tree";
import type { RaiseKind } from "./calls";
import { PY_RETRY_DECORATORS } from "../profiles";
import type { PythonProfile } from "../profiles/types";
import { decideRetryArgs, defaultsTraits } from "../decide/retryLibrary";
import { callableText, catchesCall, exceptionTypesIn, type Traits } from "./retryTraits";
import type { StatusRaise } from "./statusRaise";
import type { Scope } from "./scope";
import { kwargs } from "./syntax";

/** The profile whose retry decorator `callee` names. */
export function retryDecoratorProfile(scope: Scope, callee: PyNode | null | undefined): PythonProfile | undefined {
  return PY_RETRY_DECORATORS.get(scope.qualify(callee) ?? "");
}

/**
 * `expr` is the decorator expression: a call with the arguments, or the bare name (`@retry`). This reads the
 * arguments; decide/retryLibrary.ts decides what they mean with the profile's defaults.
 */
export function libraryDecoratorTraits(
  scope: Scope,
  profile: PythonProfile,
  expr: PyNode,
  raises: RaiseKind | undefined,
  raisesOn429: boolean,
  hubMajor1: boolean,
  status?: StatusRaise,
): Traits {
  const d = profile.retryDecorator!.defaults;
  const kw = expr.type === "call" ? kwargs(expr) : new Map<string, PyNode>();
  const args = expr.type === "call" ? (expr.childForFieldName("arguments")?.text ?? "") : "";
  const limit = d.limits.map((l) => kw.get(l)).find(Boolean);
  const predicate = d.predicate ? kw.get(d.predicate) : undefined;
  const predicateText = callableText(scope, predicate);
  const result = d.resultPredicate ? callableText(scope, kw.get(d.resultPredicate)) : "";
  // `on=` names exception types, or is a hook (a lambda or a function) that decides as code.
  const types =
    predicate && predicate.type !== "lambda" && !scope.functionNamed(predicate.text)
      ? exceptionTypesIn(scope, predicate)
      : [];
  const decided = decideRetryArgs(
    {
      library: profile.id,
      reactsTo: "when an exception is raised",
      // A hook that returns the wait (stamina 25.2+) is where Retry-After is read.
      waitText: predicateText,
      ...defaultsTraits(d, args, limit !== undefined),
      condition: {
        result: result ? { text: result } : undefined,
        types: types.length
          ? { names: types, catchesCall: catchesCall(types, raises, hubMajor1, status), word: "it" }
          : undefined,
        predicate: predicate && !types.length ? predicateText : undefined,
      },
    },
    { raisesOn429, statusCheckAdmits402: status?.admits402 },
  );
  return { ...decided, limitNode: limit };
}

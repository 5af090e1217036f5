// A retry library the operation is handed to (`backOff(fn, opts)`, `pRetry(fn)`, `policy.execute(fn)`), judged
// from its profile's defaults and the options written at the call (profiles/, docs/hf-facts.md "Retry libraries").
import ts from "typescript";
import { JS_CONFIGURED_RETRIES, JS_RETRY_HELPERS } from "../profiles";
import { axiosRetryCondition } from "../profiles/axiosRetry";
import type { Found } from "../decide/verdict";
import type { JsCall } from "./calls";
import type { JsProfile, RetryDefaults } from "../profiles/types";
import { decideRetryArgs, defaultsTraits } from "../decide/retryLibrary";
import { callsWait } from "../decide/wait";
import { codeText } from "../retryHeuristics";
import { optionOf } from "./clients";
import { isFunctionLike, unwrap, type JsScope } from "./scope";

export interface LibraryRetry {
  library: string;
  kind: RetryDefaults["kind"];
  /** The call the diagnostics about the retry go on (the policy's construction for cockatiel). */
  anchor: ts.Node;
  handles429: boolean;
  whyNot?: string;
  honorsRetryAfter: boolean;
  waits: boolean;
  hasJitter: boolean;
  bounded: boolean;
  retries402: boolean;
  limitNode?: ts.Node;
}

/** The profiled retry library `helperCall` hands its argument to, with the call that holds its options. */
function find(
  scope: JsScope,
  helperCall: ts.CallExpression,
): { profile: JsProfile; setup: ts.CallExpression } | undefined {
  const callee = helperCall.expression;
  const direct = JS_RETRY_HELPERS.get(scope.qualify(callee) ?? "");
  if (direct?.retryHelper && !direct.retryHelper.policyMethod) return { profile: direct, setup: helperCall };
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const policy = scope.resolve(callee.expression);
  if (!ts.isCallExpression(policy)) return undefined;
  const profile = JS_RETRY_HELPERS.get(scope.qualify(policy.expression) ?? "");
  if (profile?.retryHelper?.policyMethod === callee.name.text) return { profile, setup: policy };
  return undefined;
}

/**
 * The retry a library call applies to `operation`, or undefined when `helperCall` is no profiled retry library.
 * `raises`: whether the HF call throws on 429 (a fetch Response does not, so no rejection-driven retry fires).
 */
export function libraryRetry(
  scope: JsScope,
  helperCall: ts.CallExpression,
  operation: ts.Node,
  raises: boolean,
): LibraryRetry | undefined {
  const found = find(scope, helperCall);
  if (!found) return undefined;
  const spec = found.profile.retryHelper!;
  const d = spec.defaults;
  const { setup } = found;
  const options = setup.arguments.map((a) => scope.resolve(a)).find((a) => ts.isObjectLiteralExpression(a));
  const optionsText = options ? scope.expandedText(codeText(options.getText(), "js")) : "";
  const limitNode = options ? d.limits.map((l) => optionOf(options, l)).find(Boolean) : undefined;
  const predicateNode = spec.policyMethod
    ? setup.arguments[0]
    : options && d.predicate
      ? optionOf(options, d.predicate)
      : undefined;
  const predicate = predicateNode ? functionText(scope, predicateNode) : "";
  // p-retry's onFailedAttempt may stop the retry by throwing (a 402 test there) and may wait itself (the HF001
  // p-retry fix waits on Retry-After, else full jitter, with p-retry's own delay off): read it with the functions
  // and constants it uses, two levels deep (its retryable test, that test's status set).
  const hookNode = options ? optionOf(options, "onFailedAttempt") : undefined;
  const hook = hookNode ? scope.expandedText(scope.expandedText(functionText(scope, hookNode))) : "";
  const ownJitter = callsWait(hook) && /Math\.random\(/.test(hook);
  const opText = codeText(operationText(scope, operation), "js");
  // promise-retry goes round again only when the operation calls the retry function it is handed.
  const fn = isFunctionLike(operation) ? operation : undefined;
  const param = fn?.parameters[0]?.name;
  const retryName = param && ts.isIdentifier(param) ? param.text : undefined;
  const neverAsked =
    spec.callback === "calls-retry" &&
    (!retryName || !new RegExp(`\\b${retryName}\\b`).test(fn!.body?.getText() ?? ""));
  const decided = decideRetryArgs(
    {
      library: found.profile.id,
      reactsTo: "thrown errors",
      // The options (a delay hook) or the operation itself (sleeping on Retry-After before it rethrows) may read it.
      waitText: `${optionsText}\n${opText}`,
      ...defaultsTraits(d, optionsText, limitNode !== undefined, ownJitter),
      condition: {
        // Without a predicate every rejection is retried, 402 included, unless the operation itself filters.
        predicate: `${predicate} ${hook}`.trim() || opText,
        filter: predicate || undefined,
        neverAsked,
      },
    },
    { raisesOn429: raises },
  );
  return { library: found.profile.id, kind: d.kind, anchor: setup, ...decided, limitNode };
}

function functionText(scope: JsScope, expr: ts.Expression): string {
  const value = scope.resolve(expr);
  if (ts.isIdentifier(value)) return scope.functionNamed(value.text)?.getText() ?? value.getText();
  return value.getText();
}

function operationText(scope: JsScope, operation: ts.Node): string {
  const node = ts.isIdentifier(operation) ? unwrap(operation) : operation;
  if (ts.isIdentifier(node)) return scope.functionNamed(node.text)?.getText() ?? node.getText();
  return node.getText();
}

/**
 * A retry set up for the call's client rather than around the call (axios-retry attached to the instance, ky's and
 * got's `retry` option on the client or the request): found here in the syntax, read with the facts of the profile
 * that states it (`configuredRetry`: option names, defaults; docs/hf-facts.md, "Retry libraries").
 */
export function configuredRetry(scope: JsScope, call: JsCall, axiosRetryVersion: string | undefined): Found {
  const profile = JS_CONFIGURED_RETRIES.get(call.library);
  const config = profile?.configuredRetry;
  if (!profile || !config) return undefined;
  const verb = call.verb ?? "post";
  if (config.setup && config.predicate) {
    // Set up by a call any statement may make: this answer depends on the whole file.
    scope.reads.readsEverything();
    for (const c of scope.calls) {
      if (!config.setup.includes(scope.qualify(c.expression) ?? "")) continue;
      const target = c.arguments[0] ? scope.resolve(c.arguments[0]) : undefined;
      const applies = call.client
        ? target === call.client.node || target?.pos === call.client.node.pos
        : scope.qualify(target) === `${call.library}.default`;
      if (!applies) continue;
      const options = c.arguments[1] ? scope.resolve(c.arguments[1]) : undefined;
      const limit = options ? config.limits.map((l) => optionOf(options, l)).find(Boolean) : undefined;
      if (limit && config.off?.test(limit.getText().trim()))
        return { kind: "trap", reason: `${profile.id} retries nothing (${config.limits[0]}: ${limit.getText()})` };
      const cond = c.arguments[1] ? optionOf(c.arguments[1], config.predicate.option) : undefined;
      // The condition is read as code (profiles/axiosRetry.ts): isRetryableError and broad status tests admit 429.
      const verdict = cond
        ? axiosRetryCondition(codeText(functionText(scope, cond), "js"), axiosRetryVersion)
        : undefined;
      if (verdict === "admits")
        return { kind: "protected", by: `${profile.id} with a ${config.predicate.option} covering 429` };
      if (verdict) return { kind: "trap", reason: `${profile.id} does not retry this 429: ${verdict}` };
      return {
        kind: "trap",
        reason: `${config.predicate.defaultSkips}; give it a ${config.predicate.option} that checks for 429`,
      };
    }
    return undefined;
  }
  if (!config.methods) return undefined;
  const perCall = call.node && ts.isCallExpression(call.node) ? call.node.arguments[1] : undefined;
  const retry = (perCall ? optionOf(perCall, "retry") : undefined) ?? call.client?.retryOption;
  const text = retry ? scope.resolve(retry).getText() : "";
  if (retry && config.off?.test(text.trim()))
    return { kind: "trap", reason: `${profile.id} retries are switched off (retry: 0)` };
  const option = config.methods.options[0];
  const methods = new RegExp(`${option}\\s*:\\s*\\[([^\\]]*)\\]`, "i").exec(text)?.[1];
  const allowed =
    methods !== undefined ? new RegExp(`["']${verb}["']`, "i").test(methods) : config.methods.defaults.includes(verb);
  // A status list written without 429 leaves it out (ky's and got's defaults hold it).
  const statuses = config.statuses
    ? new RegExp(`\\b${config.statuses}\\s*:\\s*\\[([^\\]]*)\\]`).exec(text)?.[1]
    : undefined;
  if (allowed && statuses !== undefined && !/\b429\b/.test(statuses))
    return {
      kind: "trap",
      reason: `${profile.id} retries only the statuses in retry.${config.statuses}, and 429 is not among them`,
    };
  if (allowed)
    return {
      kind: "protected",
      by: `${profile.id}'s built-in retry${config.honoursRetryAfter ? " (honours Retry-After)" : ""}`,
    };
  return {
    kind: "trap",
    reason: `${profile.id} does not retry ${verb.toUpperCase()} by default; add "${verb}" to retry.${option}`,
  };
}

// Retry configured on a requests Session (urllib3 Retry through HTTPAdapter) or an httpx transport.
// The traps (docs/hf-facts.md, "Retry libraries"): urllib3's default allowed_methods leave out POST, so inference calls
// are never retried; httpx's transport `retries=` only covers connection failures. This file finds the set-up (the
// mount, the adapter, the Retry call); what its arguments mean is urllib3's profile (profiles/urllib3.ts).
import type { PyNode } from "./tree";
import { PY_CONFIGURED_RETRIES, PY_CONNECTION_RETRIES } from "../profiles";
import type { PyCall } from "./calls";
import type { Scope } from "./scope";
import { kwargs, methodCall, positionalArgs } from "./syntax";

export interface SessionVerdict {
  protects: boolean;
  by: string;
  reason?: string;
}

export function sessionRetry(scope: Scope, call: PyCall): SessionVerdict | undefined {
  const session = call.client?.node;
  if (!session || session.type !== "call") return undefined;
  const verb = httpVerb(scope, call);
  const connections = PY_CONNECTION_RETRIES.get(call.client!.cls.library);
  if (call.client!.cls.kind === "httpx-client") {
    const transport = kwargs(session).get("transport");
    if (connections && transport && new RegExp(`${connections.option}\\s*=`).test(scope.resolve(transport).text))
      return { protects: false, by: "", reason: connections.note };
    return undefined;
  }
  if (call.client!.cls.kind !== "requests-session") return undefined;
  const profile = PY_CONFIGURED_RETRIES.get(call.client!.cls.library);
  const config = profile?.configuredRetry;
  if (!profile || !config?.methods || !config.statuses) return undefined;
  const { methods } = config;
  // Any statement may mount an adapter on the session: this answer depends on the whole file.
  scope.reads.readsEverything();
  for (const mount of scope.calls) {
    const m = methodCall(mount);
    if (!m || m[1] !== "mount" || scope.resolve(m[0]).id !== session.id) continue;
    const adapter = positionalArgs(mount)[1] ?? kwargs(mount).get("adapter");
    const adapterValue = adapter ? scope.resolve(adapter) : undefined;
    const maxRetries =
      adapterValue?.type === "call" && connections ? kwargs(adapterValue).get(connections.option) : undefined;
    if (!maxRetries) continue;
    const retry = scope.resolve(maxRetries);
    if (retry.type === "integer") return { protects: false, by: "", reason: connections!.note };
    if (retry.type !== "call" || !/Retry$/.test(retry.childForFieldName("function")?.text ?? "")) continue;
    const kw = kwargs(retry);
    const name = `the ${profile.id} Retry`;
    const limit = config.limits.map((l) => kw.get(l)).find(Boolean);
    const limitText = limit ? scope.resolve(limit).text : undefined;
    if (limit && limitText !== undefined && config.off?.test(limitText.trim())) {
      return {
        protects: false,
        by: "",
        reason: `${name} mounted on this session retries nothing (${limit.parent?.text ?? limitText})`,
      };
    }
    const allowed = methods.options.map((o) => kw.get(o)).find(Boolean);
    const listed = methods.case === "upper" ? verb.toUpperCase() : verb;
    const methodAllowed = allowed
      ? allowed.text === methods.every || new RegExp(`["']${listed}["']`).test(scope.resolve(allowed).text)
      : methods.defaults.includes(verb);
    if (!methodAllowed) {
      return {
        protects: false,
        by: "",
        reason: `${name} mounted on this session does not retry ${verb.toUpperCase()} (add ${methods.options[0]}=${methods.every} or include "${listed}")`,
      };
    }
    // respect_retry_after_header=False: Retry-After is neither waited for nor a reason to retry a 429.
    const retryAfterOff =
      !!config.retryAfterOption && kw.get(config.retryAfterOption)?.text === "False" ? config.retryAfterOption : "";
    const forcelist = kw.get(config.statuses);
    if (
      (forcelist && /\b429\b/.test(scope.resolve(forcelist).text)) ||
      (!forcelist && config.default429 === "always")
    ) {
      const waits = config.honoursRetryAfter && !retryAfterOff;
      return {
        protects: true,
        by: `${name} mounted on the session (${waits ? "honours Retry-After" : `ignores Retry-After: ${retryAfterOff}=False`})`,
      };
    }
    if (retryAfterOff || config.default429 !== "with-retry-after") {
      return {
        protects: false,
        by: "",
        reason: `${name} on this session never retries 429 (${retryAfterOff ? `${retryAfterOff}=False and ` : ""}429 not in ${config.statuses}); add 429 to ${config.statuses}`,
      };
    }
    return {
      protects: false,
      by: "",
      reason: `${name} on this session retries 429 only when Retry-After is sent; add 429 to ${config.statuses}`,
    };
  }
  return undefined;
}

function httpVerb(scope: Scope, call: PyCall): string {
  const m = call.node.type === "call" ? methodCall(call.node) : undefined;
  if (!m) return "post";
  if (m[1] === "request") return (scope.evalString(positionalArgs(call.node)[0]) ?? "post").toLowerCase();
  return m[1];
}

export type { PyNode };

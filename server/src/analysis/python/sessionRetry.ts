// Retry configured on a requests Session (urllib3 Retry through HTTPAdapter) or an httpx transport.
// The traps (docs/hf-facts.md, "Retry libraries"): urllib3's default allowed_methods leave out POST, so inference calls
// are never retried; httpx's transport `retries=` only covers connection failures.
import type { PyNode } from "./tree";
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
  if (call.client!.cls.kind === "httpx-client") {
    const transport = kwargs(session).get("transport");
    if (transport && /retries\s*=/.test(scope.resolve(transport).text)) {
      return {
        protects: false,
        by: "",
        reason: "httpx transport retries= only retries connection failures, never a 429",
      };
    }
    return undefined;
  }
  if (call.client!.cls.kind !== "requests-session") return undefined;
  // Any statement may mount an adapter on the session: this answer depends on the whole file.
  scope.reads.readsEverything();
  for (const mount of scope.calls) {
    const m = methodCall(mount);
    if (!m || m[1] !== "mount" || scope.resolve(m[0]).id !== session.id) continue;
    const adapter = positionalArgs(mount)[1] ?? kwargs(mount).get("adapter");
    const adapterValue = adapter ? scope.resolve(adapter) : undefined;
    const maxRetries = adapterValue?.type === "call" ? kwargs(adapterValue).get("max_retries") : undefined;
    if (!maxRetries) continue;
    const retry = scope.resolve(maxRetries);
    if (retry.type === "integer") {
      return {
        protects: false,
        by: "",
        reason: "HTTPAdapter(max_retries=<int>) retries connection failures only, never a 429",
      };
    }
    if (retry.type !== "call" || !/Retry$/.test(retry.childForFieldName("function")?.text ?? "")) continue;
    const kw = kwargs(retry);
    const allowed = kw.get("allowed_methods") ?? kw.get("method_whitelist");
    const methodAllowed = allowed
      ? allowed.text === "None" || new RegExp(`["']${verb.toUpperCase()}["']`).test(scope.resolve(allowed).text)
      : verb !== "post" && verb !== "patch";
    if (!methodAllowed) {
      return {
        protects: false,
        by: "",
        reason: `the urllib3 Retry mounted on this session does not retry ${verb.toUpperCase()} (add allowed_methods=None or include "${verb.toUpperCase()}")`,
      };
    }
    const forcelist = kw.get("status_forcelist");
    if (forcelist && /\b429\b/.test(scope.resolve(forcelist).text)) {
      return { protects: true, by: "the urllib3 Retry mounted on the session (honours Retry-After)" };
    }
    return {
      protects: false,
      by: "",
      reason:
        "the urllib3 Retry on this session retries 429 only when Retry-After is sent; add 429 to status_forcelist",
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

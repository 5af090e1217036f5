// cockatiel: `retry(handleAll, { maxAttempts, backoff })` builds a policy; `policy.execute(fn)` runs the operation.
// The first argument decides which errors are retried (handleAll: every one; handleWhen(pred) / handleType(Cls)
// narrow it). maxAttempts defaults to Infinity and the default backoff is a constant 0 ms; ExponentialBackoff
// defaults to decorrelated jitter (noJitterGenerator removes it). No Retry-After (docs/hf-facts.md).
import type { JsProfile } from "./types";

export const cockatielProfile: JsProfile = {
  language: "js",
  id: "cockatiel",
  modules: ["cockatiel"],
  prefilter: { needs: "module" },
  retryHelper: {
    qualified: ["cockatiel.retry"],
    callback: "retries-rejections",
    policyMethod: "execute",
    defaults: {
      kind: "cockatiel",
      limits: ["maxAttempts"],
      boundedByDefault: false,
      unbounded: /maxAttempts\s*:\s*(Infinity|Number\.POSITIVE_INFINITY)/,
      jitterByDefault: false,
      jitterOn: /ExponentialBackoff/,
      jitterOff: /noJitterGenerator/,
      waitsByDefault: false,
      waitOn: /backoff\s*:/,
    },
  },
};

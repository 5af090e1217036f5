// exponential-backoff (npm): `backOff(fn, opts)` retries every rejection by default (`retry` returns true), 10
// attempts (`numOfAttempts`), 100 ms doubling, no jitter unless `jitter: "full"`, and never reads Retry-After
// (docs/hf-facts.md, "Retry libraries").
import type { JsProfile } from "./types";

export const exponentialBackoffProfile: JsProfile = {
  language: "js",
  id: "exponential-backoff",
  modules: ["exponential-backoff"],
  prefilter: { needs: "module" },
  retryHelper: {
    qualified: ["exponential-backoff.backOff"],
    callback: "retries-rejections",
    defaults: {
      kind: "exponential-backoff",
      limits: ["numOfAttempts"],
      boundedByDefault: true,
      unbounded: /numOfAttempts\s*:\s*(Infinity|Number\.POSITIVE_INFINITY)/,
      jitterByDefault: false,
      jitterOn: /jitter\s*:\s*["']full["']/,
      waitsByDefault: true,
      predicate: "retry",
    },
  },
};

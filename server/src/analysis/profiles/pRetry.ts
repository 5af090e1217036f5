// p-retry: `pRetry(fn, { retries })` retries every rejection (except AbortError) up to `retries` (default 10),
// without jitter unless `randomize: true`, and never reads Retry-After (docs/hf-facts.md, "Retry libraries").
import type { JsProfile } from "./types";

/**
 * The options of the `retry` package, which p-retry and promise-retry both hand on: `retries` (10 by default),
 * `forever`, `randomize` (off by default), exponential waits.
 */
export const RETRY_PACKAGE_OPTIONS = {
  limits: ["retries"],
  boundedByDefault: true,
  unbounded: /retries\s*:\s*(Infinity|Number\.POSITIVE_INFINITY)|forever\s*:\s*true/,
  jitterByDefault: false,
  jitterOn: /randomize\s*:\s*true/,
  waitsByDefault: true,
};

export const pRetryProfile: JsProfile = {
  language: "js",
  id: "p-retry",
  modules: ["p-retry"],
  prefilter: { needs: "module" },
  versions: { key: "p-retry", names: ["p-retry"], presence: true },
  retryHelper: {
    qualified: ["p-retry.default"],
    callback: "retries-rejections",
    defaults: {
      kind: "p-retry",
      ...RETRY_PACKAGE_OPTIONS,
      predicate: "shouldRetry",
    },
  },
};

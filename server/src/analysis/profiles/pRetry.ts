// p-retry: `pRetry(fn, { retries })` retries every rejection (except AbortError) up to `retries` (default 10),
// without jitter unless `randomize: true`, and never reads Retry-After (docs/hf-facts.md, "Retry libraries").
import type { JsProfile } from "./types";

export const pRetryProfile: JsProfile = {
  language: "js",
  id: "p-retry",
  modules: ["p-retry"],
  prefilter: ["retry"],
  versions: { key: "p-retry", names: ["p-retry"], presence: true },
  retryHelper: {
    qualified: ["p-retry.default"],
    callback: "retries-rejections",
    defaults: {
      kind: "p-retry",
      limits: ["retries"],
      boundedByDefault: true,
      unbounded: /retries\s*:\s*(Infinity|Number\.POSITIVE_INFINITY)|forever\s*:\s*true/,
      jitterByDefault: false,
      jitterOn: /randomize\s*:\s*true/,
      waitsByDefault: true,
      predicate: "shouldRetry",
    },
  },
};

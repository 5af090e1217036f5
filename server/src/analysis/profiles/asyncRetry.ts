// async-retry (vercel): `retry(async (bail, attempt) => ..., opts)` retries every rejection unless the operation
// calls bail(err); built on `retry`, so 10 retries by default, and randomize defaults to true (jitter). It never
// reads Retry-After (docs/hf-facts.md, "Retry libraries").
import type { JsProfile } from "./types";

export const asyncRetryProfile: JsProfile = {
  language: "js",
  id: "async-retry",
  modules: ["async-retry"],
  prefilter: { needs: "module" },
  retryHelper: {
    qualified: ["async-retry.default"],
    callback: "retries-rejections",
    defaults: {
      kind: "async-retry",
      limits: ["retries"],
      boundedByDefault: true,
      unbounded: /retries\s*:\s*(Infinity|Number\.POSITIVE_INFINITY)|forever\s*:\s*true/,
      jitterByDefault: true,
      jitterOff: /randomize\s*:\s*false/,
      waitsByDefault: true,
    },
  },
};

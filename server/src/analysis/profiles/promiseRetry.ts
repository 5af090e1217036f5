// promise-retry: `promiseRetry((retry, number) => op().catch(retry), opts)` (or `(opts, fn)`) retries only when the
// operation calls the `retry` it is handed; built on `retry` (10 retries, randomize false by default). It never
// reads Retry-After (docs/hf-facts.md, "Retry libraries").
import { RETRY_PACKAGE_OPTIONS } from "./pRetry";
import type { JsProfile } from "./types";

export const promiseRetryProfile: JsProfile = {
  language: "js",
  id: "promise-retry",
  modules: ["promise-retry"],
  prefilter: { needs: "module" },
  retryHelper: {
    qualified: ["promise-retry.default"],
    callback: "calls-retry",
    defaults: {
      kind: "promise-retry",
      ...RETRY_PACKAGE_OPTIONS,
    },
  },
};

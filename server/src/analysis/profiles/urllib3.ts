// urllib3 `Retry` mounted on a requests Session through HTTPAdapter(max_retries=Retry(...)): POST is not among its
// default allowed_methods; with POST allowed and 429 in status_forcelist it retries and honours Retry-After
// (docs/hf-facts.md, "Retry libraries"). The set-up is found by python/sessionRetry.ts.
import type { PythonProfile } from "./types";

export const urllib3Profile: PythonProfile = {
  language: "python",
  id: "urllib3",
  modules: ["urllib3"],
  prefilter: { needs: "module" },
  configuredRetry: {
    retries: "requests",
    // `total` bounds every kind of retry (default 10 for a Retry built by hand).
    limits: ["total"],
    // total=0 (or False) retries nothing.
    off: /^(0|False)$/,
    // `method_whitelist` is the name before urllib3 1.26 (removed in 2.0); the defaults are
    // Retry.DEFAULT_ALLOWED_METHODS, POST and PATCH left out as not idempotent. None or False admits every method.
    methods: {
      options: ["allowed_methods", "method_whitelist"],
      defaults: ["get", "put", "delete", "head", "options", "trace"],
      every: "None",
      case: "upper",
    },
    // status_forcelist defaults to none; a 429 (or 413, 503) with a Retry-After header is retried anyway while
    // respect_retry_after_header is True (Retry.RETRY_AFTER_STATUS_CODES).
    statuses: "status_forcelist",
    default429: "with-retry-after",
    honoursRetryAfter: true,
    retryAfterOption: "respect_retry_after_header",
    // backoff_factor 0 (the default) retries at once unless Retry-After says to wait.
    backoff: { option: "backoff_factor", default: "0" },
  },
  selfRetry: "a library retry (never HF002); honours Retry-After; skips POST unless allowed_methods says otherwise",
};

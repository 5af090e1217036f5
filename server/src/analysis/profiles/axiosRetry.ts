// axios-retry: retries an axios instance. Its default retryCondition (isNetworkOrIdempotentRequestError) skips
// POST and 429; `isRetryableError` (4.x) admits network errors, 429 and 5xx for every method; from 4.2 it waits
// for Retry-After (docs/hf-facts.md, "Retry libraries"). A custom retryCondition is read as code.
import type { JsProfile } from "./types";

export const axiosRetryProfile: JsProfile = {
  language: "js",
  id: "axios-retry",
  modules: ["axios-retry"],
  prefilter: ["retry"],
  selfRetry: "a library retry (never HF002); only POST/429 with a retryCondition that admits them",
};

/** Conditions axios-retry exports that admit a 429 on a POST (4.x). */
export const AXIOS_RETRY_429_CONDITIONS = /\bisRetryableError\b/;

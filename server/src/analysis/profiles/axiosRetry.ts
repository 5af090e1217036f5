// axios-retry: retries an axios instance. Its default retryCondition (isNetworkOrIdempotentRequestError) skips
// POST and 429; `isRetryableError` (4.x) admits network errors, 429 and 5xx for every method; from 4.2 it waits
// for Retry-After (docs/hf-facts.md, "Retry libraries"). A custom retryCondition is read as code.
import { MENTIONS_429, retries402FromText, statusFilterWithout429 } from "../retryHeuristics";
import { atLeast } from "../versions/semver";
import type { JsProfile } from "./types";

export const axiosRetryProfile: JsProfile = {
  language: "js",
  id: "axios-retry",
  modules: ["axios-retry"],
  prefilter: { needs: "module" },
  versions: { key: "axios-retry", names: ["axios-retry"] },
  // axiosRetry(instance, { retries, retryCondition, retryDelay }): 3 retries, no delay by default.
  configuredRetry: {
    retries: "axios",
    setup: ["axios-retry.default", "axios-retry.default.default"],
    limits: ["retries"],
    off: /^0$/,
    default429: "predicate",
    // From 4.2; its isRetryableError admits 429 from 4.2 as well (axiosRetryCondition below).
    honoursRetryAfter: true,
    predicate: {
      option: "retryCondition",
      defaultSkips: "axios-retry's default retryCondition never retries POST or 429",
    },
    backoff: { option: "retryDelay", default: "0" },
  },
  selfRetry: "a library retry (never HF002); only POST/429 with a retryCondition that admits them",
};

/**
 * What a `retryCondition` (its code, comments removed) does with a 429 on a POST: "admits", or why it does not.
 * `isRetryableError` admits it from 4.2 (an unknown version counts as the newest); a status test admits it when it names 429 or is broad (`>= 400`); a test that
 * only lets 5xx through, or the idempotent-only conditions, do not.
 */
export function axiosRetryCondition(code: string, version: string | undefined): "admits" | string {
  if (MENTIONS_429.test(code)) return "admits";
  if (/\bisRetryableError\b/.test(code)) {
    if (atLeast(version, "4.2.0")) return "admits";
    return `its isRetryableError admits 429 only from axios-retry 4.2 (this project has ${version})`;
  }
  // `(err.response?.status ?? 0) >= 500` reads as `status >= 500`.
  const text = code.replace(/\s*\?\?\s*\d+\s*\)/g, ")");
  // A floor at or below 429 (`>= 400`, `> 399`) admits it, whatever else is excluded (`!== 402`).
  const floor = /(>=|>)\s*([1-5]\d\d)\b/.exec(text);
  if (floor && Number(floor[2]) + (floor[1] === ">" ? 1 : 0) <= 429) return "admits";
  const only = statusFilterWithout429(/\breturn\b/.test(text) ? text : `return ${text}`);
  if (only) return `its retryCondition only retries ${only}`;
  if (retries402FromText(text, false)) return "admits";
  if (/\bis(NetworkOrIdempotentRequestError|IdempotentRequestError|SafeRequestError)\b/.test(text))
    return "its retryCondition skips POST (idempotent or safe methods only)";
  return "its retryCondition does not test for 429";
}

// backoff: `@backoff.on_exception(wait_gen, exc, ...)`, `@backoff.on_predicate(...)`. Full jitter by default; no
// bound unless max_tries / max_time (docs/hf-facts.md, "Retry libraries"). Read by python/retryTraits.ts.
import type { PythonProfile } from "./types";

/** backoff's decorators: retrying on raised exceptions, or on returned values a predicate rejects. */
export const BACKOFF_ENTRIES = new Map<string, "on_exception" | "on_predicate">([
  ["backoff.on_exception", "on_exception"],
  ["backoff.on_predicate", "on_predicate"],
]);

export const backoffProfile: PythonProfile = {
  language: "python",
  id: "backoff",
  modules: ["backoff"],
  prefilter: { needs: "module" },
  versions: { key: "backoff", names: ["backoff"], presence: true },
  selfRetry: "a user-written retry (HF002 applies); full jitter by default",
};

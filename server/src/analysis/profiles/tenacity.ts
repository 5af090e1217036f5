// tenacity: `@retry(...)`, `Retrying(...)`. It reacts to exceptions (or to results with retry_if_result); its
// default stop never stops and its default wait is none (docs/hf-facts.md, "Retry libraries"). Its arguments are
// read by python/retryTraits.ts; the fixes write tenacity code for projects that depend on it.
import type { PythonProfile } from "./types";

/** tenacity's entry points: the `@retry` decorator, and the `Retrying` objects iterated or called with the operation. */
export const TENACITY_ENTRIES = new Map<string, "decorator" | "retrying">([
  ["tenacity.retry", "decorator"],
  ["tenacity.Retrying", "retrying"],
  ["tenacity.AsyncRetrying", "retrying"],
]);

export const tenacityProfile: PythonProfile = {
  language: "python",
  id: "tenacity",
  modules: ["tenacity"],
  prefilter: { needs: "module" },
  versions: { key: "tenacity", names: ["tenacity"], presence: true },
  selfRetry: "a user-written retry (HF002 applies); default stop never stops",
};

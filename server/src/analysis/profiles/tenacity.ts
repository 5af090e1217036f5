// tenacity: `@retry(...)`, `Retrying(...)`. It reacts to exceptions (or to results with retry_if_result); its
// default stop never stops and its default wait is none (docs/hf-facts.md, "Retry libraries"). Its arguments are
// read by python/retryTraits.ts; the fixes write tenacity code for projects that depend on it.
import type { PythonProfile } from "./types";

export const tenacityProfile: PythonProfile = {
  language: "python",
  id: "tenacity",
  modules: ["tenacity"],
  prefilter: { needs: "module" },
  versions: { key: "tenacity", names: ["tenacity"], presence: true },
  selfRetry: "a user-written retry (HF002 applies); default stop never stops",
};

// urllib3 `Retry` mounted on a requests Session through HTTPAdapter(max_retries=Retry(...)): POST is not among its
// default allowed_methods; with POST allowed and 429 in status_forcelist it retries and honours Retry-After
// (docs/hf-facts.md, "Retry libraries"). Read by python/sessionRetry.ts.
import type { PythonProfile } from "./types";

export const urllib3Profile: PythonProfile = {
  language: "python",
  id: "urllib3",
  modules: ["urllib3"],
  prefilter: ["retry"],
  selfRetry: "a library retry (never HF002); honours Retry-After; skips POST unless allowed_methods says otherwise",
};

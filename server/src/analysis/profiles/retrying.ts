// retrying (the original, unmaintained package): `@retry(...)`. With no stop_* argument it never stops, with no
// wait_* argument it does not wait, and without retry_on_exception it retries every exception
// (docs/hf-facts.md, "Retry libraries").
import type { PythonProfile } from "./types";

export const retryingProfile: PythonProfile = {
  language: "python",
  id: "retrying",
  modules: ["retrying"],
  prefilter: { needs: "module" },
  retryDecorator: {
    qualified: ["retrying.retry"],
    defaults: {
      kind: "retrying",
      limits: ["stop_max_attempt_number", "stop_max_delay", "stop_func", "stop"],
      boundedByDefault: false,
      jitterByDefault: false,
      jitterOn: /wait_random_(min|max)|wait_jitter_max/,
      waitsByDefault: false,
      waitOn: /wait_\w+\s*=/,
      predicate: "retry_on_exception",
      resultPredicate: "retry_on_result",
    },
  },
  selfRetry: "a user-written retry (HF002 applies); unbounded and without a wait by default",
};

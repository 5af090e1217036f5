// stamina: `@stamina.retry(on=..., attempts=10, timeout=45.0, wait_jitter=1.0, ...)`. It retries only the
// exceptions `on` names (or those a hook returns True for), is bounded by default (10 attempts, 45 s) and jittered
// by default; a hook may return a float or timedelta (25.2.0 and later) to choose the wait, which is how it can
// honour Retry-After (docs/hf-facts.md, "Retry libraries").
import type { PythonProfile } from "./types";

export const staminaProfile: PythonProfile = {
  language: "python",
  id: "stamina",
  modules: ["stamina"],
  prefilter: { needs: "module" },
  retryDecorator: {
    qualified: ["stamina.retry"],
    defaults: {
      kind: "stamina",
      limits: ["attempts", "timeout"],
      boundedByDefault: true,
      // Both None lifts every bound.
      unbounded: /attempts\s*=\s*None[^]*timeout\s*=\s*None|timeout\s*=\s*None[^]*attempts\s*=\s*None/,
      jitterByDefault: true,
      jitterOff: /wait_jitter\s*=\s*0(\.0*)?\b/,
      waitsByDefault: true,
      predicate: "on",
    },
  },
  selfRetry: "a user-written retry (HF002 applies unless its on= hook returns the Retry-After wait)",
};

// HF001: an HF call whose 429 goes nowhere. HF throttles with 429 on every surface (router, Hub API buckets,
// endpoints), and most clients do not retry by themselves (hf-facts: "What each client does on 429").
import type { Rule } from "./types";

export const unhandledRateLimit: Rule = {
  code: "HF001",
  check({ model }) {
    return model.calls
      .filter((call) => call.protection.kind === "unprotected")
      .map((call) => {
        const reason = call.protection.kind === "unprotected" ? call.protection.reason : undefined;
        return {
          code: "HF001" as const,
          span: call.span,
          call,
          message: reason
            ? `\`${call.callee}\` has no working 429 handling: ${reason}.`
            : `\`${call.callee}\` has no 429 handling: a rate-limited request fails instead of backing off.`,
        };
      });
  },
};

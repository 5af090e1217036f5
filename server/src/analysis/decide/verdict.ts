// A call's verdict (model.ts: Protection), assembled the same way for both languages from what the walk outward
// from the call found and what protects the call when nothing around it does.
import type { Protection } from "../model";

/** What one step of a frontend's walk outward from a call found. */
export type Found =
  | { kind: "protected"; by: string }
  /** Looks like protection and is not: the first one met explains HF001. */
  | { kind: "trap"; reason: string }
  /** A helper imported from another workspace file: the workspace decides with that file's facts. */
  | { kind: "imported"; module: string; name: string }
  | undefined;

/** What protects a call when nothing around it does, asked in this order and only as far as needed. */
export interface Fallbacks {
  /** The library retries 429 by itself (OpenAI SDK, huggingface_hub downloads): names it. */
  builtinRetry?: string;
  /** A retry configured on the client or session (urllib3 Retry mounted on a session, axios-retry, ky, got). */
  configured(): Found;
  /** The library's own retries were switched off (`max_retries=0`): why. */
  builtinDisabled?: string;
  /** A retry is wrapped around building the call's client rather than around the call. */
  retryAroundConstruction(): boolean;
}

export function decideProtection(found: Found, path: string, fallbacks: Fallbacks): Protection {
  if (found?.kind === "protected") return { kind: "protected", by: found.by };
  if (found?.kind === "imported")
    return {
      kind: "imported-helper",
      module: found.module,
      name: found.name,
      fromFile: path,
      fallback: fallback(undefined, fallbacks),
    };
  return fallback(found?.kind === "trap" ? found.reason : undefined, fallbacks);
}

function fallback(reason: string | undefined, f: Fallbacks): Exclude<Protection, { kind: "imported-helper" }> {
  if (f.builtinRetry) return { kind: "protected", by: f.builtinRetry };
  const configured = f.configured();
  if (configured?.kind === "protected") return { kind: "protected", by: configured.by };
  const why =
    reason ?? (configured?.kind === "trap" ? configured.reason : undefined) ?? f.builtinDisabled ?? misplaced(f);
  return why ? { kind: "unprotected", reason: why } : { kind: "unprotected" };
}

/** A retry around building the client protects nothing: the construction never calls HF. */
function misplaced(f: Fallbacks): string | undefined {
  return f.retryAroundConstruction()
    ? "the retry wraps the client's construction, which never calls HF; wrap the call instead"
    : undefined;
}

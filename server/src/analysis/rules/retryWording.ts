// What the retry rules (HF002, HF004, HF005, HF006) share: how a retry is named in messages, and which fix
// builder rewrites its wait.
import type { Fix } from "../diagnostic";
import type { FixContext } from "../fixes/context";
import { backoffWaitFixes, handWrittenWaitFixes, tenacityFixes } from "../fixes/retryFixes";
import type { RetryConstruct } from "../model";

export function describe(kind: string): string {
  switch (kind) {
    case "tenacity":
      return "tenacity retry";
    case "backoff":
      return "backoff decorator";
    case "loop":
      return "retry loop";
    case "recursion":
      return "recursive retry";
    case "helper":
      return "retry helper";
    case "retrying":
      return "retrying decorator";
    default:
      // p-retry, async-retry, promise-retry: "This p-retry call ...", not "This p-retry retry ...".
      return /-retry$/.test(kind) ? `${kind} call` : `${kind} retry`;
  }
}

/** The fix that gives a retry a better wait (Retry-After, jitter), by the kind of retry. */
export function waitFixes(ctx: FixContext, retry: RetryConstruct, code: "HF002" | "HF004"): Fix[] {
  if (retry.kind === "tenacity") return tenacityFixes(ctx, retry, code);
  if (retry.kind === "backoff") return backoffWaitFixes(ctx, retry, code);
  return handWrittenWaitFixes(ctx, retry, code);
}

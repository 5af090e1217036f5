// The JS/TS code the fixes insert: typed in TypeScript (without `any`, which typescript-eslint's recommended
// rules reject), plain in JavaScript. Each block goes in once per file, only when a fix uses it, with the blocks
// it needs, so nothing inserted is left unused (no-unused-vars) and one function reads Retry-After. The policy
// matches shared/src/backoffPolicy.ts: 429, 500, 502, 503, 504 and network errors, never 402; Retry-After
// (seconds or HTTP-date), else full jitter (1 s base, 60 s cap); 5 attempts.
import type { Block } from "./python";

/** Types are written in comments (`/*: T*\/`, `/*<T>*\/`, `/* as T*\/`) and kept only for TypeScript files. */
function typed(text: string, ts: boolean): string {
  return text.replace(/\/\*((?::|<|\?:| as ).*?)\*\//g, (_, t: string) => (ts ? t : ""));
}

const RETRY_AFTER = `// HF Rate Guard: retry for Hugging Face calls (429, 5xx, network errors; never 402)
/** Milliseconds to wait: Retry-After (seconds or HTTP-date) from a Response or an HTTP error,
 * else a random wait up to \`jitterCapMs\` (full jitter). */
function hfRetryAfterMs(source/*: unknown*/, jitterCapMs/*: number*/)/*: number*/ {
  const from = source/* as { headers?: unknown; response?: { headers?: unknown }; httpResponse?: { headers?: unknown } } | undefined*/;
  const headers = (from?.httpResponse ?? from?.response ?? from)?.headers/* as { get?: (name: string) => string | null; [name: string]: unknown } | undefined*/;
  const value = typeof headers?.get === "function" ? headers.get("retry-after") : headers?.["retry-after"];
  if (value) {
    const seconds = Number(value);
    const ms = Number.isNaN(seconds) ? Date.parse(String(value)) - Date.now() : seconds * 1000;
    if (Number.isFinite(ms)) return Math.max(0, ms);
  }
  return Math.random() * jitterCapMs;
}`;

const RETRY = `const HF_RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

/** Whether an error is retried: 429, 500, 502, 503, 504 and network errors; never 402. */
function hfRetryable(error/*: unknown*/)/*: boolean*/ {
  const e = error/* as { status?: unknown; statusCode?: unknown; response?: { status?: unknown }; httpResponse?: { status?: unknown }; code?: unknown; message?: unknown } | undefined*/;
  const status = e?.httpResponse?.status ?? e?.response?.status ?? e?.status ?? e?.statusCode;
  if (typeof status === "number") return HF_RETRY_STATUSES.has(status);
  return error instanceof TypeError || /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|socket hang up/.test(String(e?.code ?? e?.message));
}

/** Calls \`call\` until it succeeds, retrying rate limits and transient failures; 5 attempts. */
async function hfRetry/*<T>*/(call/*: () => Promise<T>*/)/*: Promise<T>*/ {
  for (let attempt = 0; ; attempt++) {
    let failure/*: unknown*/;
    try {
      const result = await call();
      // fetch resolves with a 429 Response instead of throwing.
      if (!(result instanceof Response) || !HF_RETRY_STATUSES.has(result.status) || attempt === 4) return result;
      failure = result;
    } catch (error) {
      if (attempt === 4 || !hfRetryable(error)) throw error;
      failure = error;
    }
    const wait = hfRetryAfterMs(failure, Math.min(60_000, 1000 * 2 ** attempt));
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}`;

const FETCH = `/** fetch with hfRetry; also the \`fetch\` option of @huggingface/inference clients. */
function hfFetch(input/*: RequestInfo | URL*/, init/*?: RequestInit*/)/*: Promise<Response>*/ {
  return hfRetry(() => fetch(input, init));
}`;

export function jsBlocks(ts: boolean): { retryAfter: Block; retry: Block; fetch: Block } {
  const retryAfter: Block = { marker: "function hfRetryAfterMs(", needs: [], text: typed(RETRY_AFTER, ts) };
  const retry: Block = { marker: "async function hfRetry", needs: [retryAfter], text: typed(RETRY, ts) };
  const fetch: Block = { marker: "function hfFetch(", needs: [retry], text: typed(FETCH, ts) };
  return { retryAfter, retry, fetch };
}

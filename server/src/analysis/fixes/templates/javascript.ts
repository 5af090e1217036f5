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

const RETRYABLE = `const HF_RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

/** Whether an error is retried: 429, 500, 502, 503, 504 and network errors; never 402. */
function hfRetryable(error/*: unknown*/)/*: boolean*/ {
  const e = error/* as { status?: unknown; statusCode?: unknown; response?: { status?: unknown; statusCode?: unknown }; httpResponse?: { status?: unknown }; code?: unknown; message?: unknown } | undefined*/;
  const status = e?.httpResponse?.status ?? e?.response?.status ?? e?.response?.statusCode ?? e?.status ?? e?.statusCode;
  if (typeof status === "number") return HF_RETRY_STATUSES.has(status);
  return error instanceof TypeError || /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|socket hang up/.test(String(e?.code ?? e?.message));
}`;

const RETRY = `/** Calls \`call\` until it succeeds, retrying rate limits and transient failures; 5 attempts. */
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

export function jsBlocks(ts: boolean): { retryAfter: Block; retryable: Block; retry: Block; fetch: Block } {
  const retryAfter: Block = { marker: "function hfRetryAfterMs(", needs: [], text: typed(RETRY_AFTER, ts) };
  const retryable: Block = { marker: "function hfRetryable(", needs: [], text: typed(RETRYABLE, ts) };
  const retry: Block = { marker: "async function hfRetry", needs: [retryAfter, retryable], text: typed(RETRY, ts) };
  const fetch: Block = { marker: "function hfFetch(", needs: [retry], text: typed(FETCH, ts) };
  return { retryAfter, retryable, retry, fetch };
}

// p-retry (ESM-only since 5.0): its options do the waiting, so Retry-After and full jitter stay ours. 7.0 passes
// onFailedAttempt a context ({ error, attemptNumber, retriesLeft }); 5.x and 6.x pass the error, carrying those
// counts. Throwing in onFailedAttempt is p-retry's documented way to stop retrying with that error: a 402 (credits
// exhausted) or another 4xx gives up at once, without a wait.
const P_RETRY_OPTIONS = `/** p-retry options for Hugging Face calls: 5 attempts; each wait is what Retry-After says, else full jitter
 * (1 s base, 60 s cap). p-retry's own delay is off (minTimeout 0) so the two waits do not add up. */
const hfPRetryOptions = {
  retries: 4,
  minTimeout: 0,
  onFailedAttempt: async (ARGS) => {
    if (!hfRetryable(ERROR)) throw ERROR; // 402 and other 4xx: no retry
    if (RETRIES_LEFT === 0) return;
    const wait = hfRetryAfterMs(ERROR, Math.min(60_000, 1000 * 2 ** (ATTEMPT - 1)));
    await new Promise((resolve) => setTimeout(resolve, wait));
  },
};`;

const P_RETRY_FETCH = `/** fetch retried with p-retry; also the \`fetch\` option of @huggingface/inference clients. A 429 or 5xx response
 * is thrown (with the response, whose Retry-After the wait reads) until the last attempt, which returns it. */
function hfPRetryFetch(input/*: RequestInfo | URL*/, init/*?: RequestInit*/)/*: Promise<Response>*/ {
  return PRETRY(async (attemptNumber/*: number*/) => {
    const response = await fetch(input, init);
    if (HF_RETRY_STATUSES.has(response.status) && attemptNumber <= hfPRetryOptions.retries) {
      throw Object.assign(new Error(\`HTTP \${response.status}\`), { response });
    }
    return response;
  }, hfPRetryOptions);
}`;

/**
 * The p-retry blocks for a file: `contextArgument` for p-retry 7 and later, else the 5.x/6.x error argument;
 * `pRetry` is the local name of the file's default import of p-retry.
 */
export function pRetryBlocks(
  ts: boolean,
  contextArgument: boolean,
  pRetry: string,
): { options: Block; fetch: Block; retryable: Block } {
  const { retryAfter, retryable } = jsBlocks(ts);
  const args = contextArgument
    ? "{ error, attemptNumber, retriesLeft }/*: { error: unknown; attemptNumber: number; retriesLeft: number }*/"
    : "error/*: Error & { attemptNumber: number; retriesLeft: number }*/";
  const optionsText = P_RETRY_OPTIONS.replace("ARGS", args)
    .replace(/ERROR/g, "error")
    .replace("RETRIES_LEFT", contextArgument ? "retriesLeft" : "error.retriesLeft")
    .replace("ATTEMPT", contextArgument ? "attemptNumber" : "error.attemptNumber");
  const options: Block = {
    marker: "const hfPRetryOptions =",
    needs: [retryAfter, retryable],
    text: typed(optionsText, ts),
  };
  const fetch: Block = {
    marker: "function hfPRetryFetch(",
    needs: [options],
    text: typed(P_RETRY_FETCH.replace("PRETRY", pRetry), ts),
  };
  return { options, fetch, retryable };
}

// The retry helpers the HF001 quick fix inserts into JS/TS files (typed in TS, plain in JS). They go into users'
// code, so they are short and commented. The policy matches shared/src/backoffPolicy.ts.

export const JS_HELPER_MARKER = "async function hfRetry";

const TYPED = `// --- HF Rate Guard: retry for Hugging Face calls ---------------------------------------------
// Retries 429 (rate limited), 500/502/503/504 and network errors; never 402 (credits exhausted) or another
// 4xx. Waits as long as Retry-After (seconds or HTTP-date) or the Hub's RateLimit header says, otherwise
// exponential backoff with full jitter (1 s base, 60 s cap). Gives up after 5 attempts and rethrows the
// last error. A streaming call is retried only until its first chunk arrives.
const HF_RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

function hfStatus(x: any): { status?: number; headers?: any } {
  // @huggingface/inference errors: httpResponse; axios/ky: response; fetch Response and OpenAI errors: themselves.
  const source = x?.httpResponse ?? x?.response ?? x;
  const status = source?.status ?? source?.statusCode ?? x?.status;
  return typeof status === "number" ? { status, headers: source?.headers ?? x?.headers } : {};
}

function hfHeader(headers: any, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof headers.get === "function") return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : String(headers[key]);
}

function hfDelayMs(headers: any, attempt: number): number {
  const retryAfter = hfHeader(headers, "retry-after");
  if (retryAfter) {
    const seconds = Number(retryAfter);
    return Math.max(0, Number.isNaN(seconds) ? Date.parse(retryAfter) - Date.now() : seconds * 1000);
  }
  const limit = hfHeader(headers, "ratelimit") ?? "";
  const reset = /t=(\\d+)/.exec(limit);
  if (reset && /r=0\\b/.test(limit)) return Number(reset[1]) * 1000;
  return Math.random() * Math.min(60_000, 1000 * 2 ** attempt);
}

function hfShouldRetry(err: any): boolean {
  const { status } = hfStatus(err);
  if (status !== undefined) return HF_RETRY_STATUSES.has(status);
  return err instanceof TypeError || /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|socket hang up/.test(String(err?.code ?? err?.message));
}

async function hfRetry<T>(call: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const last = attempt >= attempts - 1;
    let result: T;
    try {
      result = await call();
    } catch (err) {
      if (last || !hfShouldRetry(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, hfDelayMs(hfStatus(err).headers, attempt)));
      continue;
    }
    // fetch resolves with a Response on 429 instead of throwing.
    const { status, headers } = result instanceof Response ? hfStatus(result) : { status: undefined, headers: undefined };
    if (last || status === undefined || !HF_RETRY_STATUSES.has(status)) return result;
    await new Promise((resolve) => setTimeout(resolve, hfDelayMs(headers, attempt)));
  }
}

/** fetch with the retry above; also usable as the \`fetch\` option of @huggingface/inference clients. */
const hfFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => hfRetry(() => fetch(input, init));
// --- end of HF Rate Guard retry ----------------------------------------------------------------
`;

/** The helper for a file: TypeScript keeps the types, JavaScript gets them stripped. */
export function jsHelper(typed: boolean): string {
  if (typed) return TYPED;
  return TYPED.replace(/\(x: any\)/g, "(x)")
    .replace(/: \{ status\?: number; headers\?: any \}/g, "")
    .replace(/\(headers: any, name: string\): string \| undefined/g, "(headers, name)")
    .replace(/\(headers: any, attempt: number\): number/g, "(headers, attempt)")
    .replace(/\(err: any\): boolean/g, "(err)")
    .replace(/async function hfRetry<T>\(call: \(\) => Promise<T>, attempts = 5\): Promise<T>/, "async function hfRetry(call, attempts = 5)")
    .replace(/    let result: T;\n/, "    let result;\n")
    .replace(/\(input: RequestInfo \| URL, init\?: RequestInit\): Promise<Response> =>/, "(input, init) =>");
}

export const JS_RETRY_AFTER_MARKER = "function hfRetryAfterMs";

/** For hand-written loops: the wait the server asked for, else full jitter over the loop's own backoff. */
export function jsRetryAfter(typed: boolean): string {
  const text = `/** Milliseconds to wait: Retry-After (seconds or HTTP-date) from a Response or an HTTP error, else a random
 * wait up to \`fallbackMs\` (full jitter). */
function hfRetryAfterMs(source: any, fallbackMs: number): number {
  const headers = source?.headers ?? source?.response?.headers;
  const value = typeof headers?.get === "function" ? headers.get("retry-after") : headers?.["retry-after"];
  if (value) {
    const seconds = Number(value);
    return Math.max(0, Number.isNaN(seconds) ? Date.parse(value) - Date.now() : seconds * 1000);
  }
  return Math.random() * fallbackMs;
}`;
  return typed ? text : text.replace("(source: any, fallbackMs: number): number", "(source, fallbackMs)");
}

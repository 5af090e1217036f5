// What "honours Retry-After" means, decided here only, for every kind of retry in both languages.
//
// A retry honours Retry-After when the code that decides its wait reads the Retry-After header (or the Hub's
// `RateLimit` header, whose `t=` says when the window resets), and the error it retries on carries the response's
// headers at all. @huggingface/inference errors carry none (docs/hf-facts.md, "What each client does on 429"), so a
// catch around one cannot wait on Retry-After whatever it reads.

/** Text that reads Retry-After (or the Hub's RateLimit header). */
const READS_RETRY_AFTER = /retry[-_]?after|["']ratelimit["']/i;

/**
 * `waitText`: what decides the wait, as the frontend found it (a tenacity `wait=` callable with what it uses, a
 * retry library's options, or a hand-written retry's whole text when its wait is computed inline).
 */
export function honoursRetryAfter(waitText: string, errorCarriesHeaders = true): boolean {
  return errorCarriesHeaders && READS_RETRY_AFTER.test(waitText);
}

/** Error families (JsRaise / PyRaise names) whose errors carry no response headers. */
const NO_HEADERS = new Set(["hfjs"]);

/** Whether the error a call throws on 429 lets a handler read the response's headers. */
export function errorCarriesHeaders(raises: string | undefined): boolean {
  return raises === undefined || !NO_HEADERS.has(raises);
}

// Which user functions count as retry helpers, and which of them the retry rules judge, decided once for both
// languages. A helper is a function that runs an operation it is handed (`with_backoff(fn)`, `retry(() => ...)`)
// again; the frontends find that shape in their syntax and report what it does around the attempt.
import type { RetryHelperFacts } from "../model";
import { PROFILE_MODULES } from "../profiles";
import { isStatusError, mayBeHttpError } from "./errorTypes";
import { testsFor429 } from "./handler";
import { escapeRegExp as escape } from "../text";

/** A handler (`except` / `catch`) inside a helper's retrying part. */
export interface HelperHandler {
  /** The exception types it names, qualified; undefined when it names none (a bare except, a JS catch). */
  types?: string[];
  /** Its last statement raises, returns or breaks: what it catches fails fast, it is not retried. */
  exitsAtOnce: boolean;
  /** The types named by the handlers before it in the same try that leave at once (`except HfHubHTTPError: raise`). */
  leftEarlier?: string[];
}

/**
 * Whether a handler can see an HTTP error response (a 429, a 402): it names no type, or a type that is neither a
 * transport error nor the program's own (decide/errorTypes.ts). After a handler that leaves on HTTP status errors
 * (`except HfHubHTTPError: raise`), a later `except httpx.HTTPError` sees only transport errors.
 */
export function catchesHttpErrors(h: HelperHandler): boolean {
  if (h.leftEarlier?.some(isStatusError)) return false;
  return h.types === undefined || h.types.some(mayBeHttpError);
}

export interface HelperFacts {
  /** How it goes round again; undefined when it calls the operation only once. */
  retriesBy?: "loop" | "recursion";
  /** Its retrying part's code (the loop, or the whole function), with one level of the names it uses. */
  text: string;
  handlers: HelperHandler[];
}

/** A read of a response's status in a helper's text (`r.status_code`, `res.status`, `res.ok`). */
const TESTS_STATUS = /\.(status_code|status|ok)\b/;

/**
 * Undefined when the function is not a retry helper; else whether it retries a 429. It must go round again and
 * look at failures (a handler or a status test): a loop that calls the operation over a list is not a retry. It
 * retries 429 when it tests for one, tests the status, or has a handler that catches HTTP errors and goes on.
 *
 * The languages used to differ: Python counted a status test only as a sign of a helper, not of retrying 429 (so
 * `if r.status_code == 200: return r` round a sleep was "does not retry 429"), and JS counted a catch that
 * re-throws at once as retrying. Both now follow the rule above.
 */
export function decideRetryHelper(f: HelperFacts): { handles429: boolean } | undefined {
  if (!f.retriesBy) return undefined;
  const mentions429 = testsFor429(f.text);
  const testsStatus = TESTS_STATUS.test(f.text);
  if (f.handlers.length === 0 && !testsStatus && !mentions429) return undefined;
  const catches = f.handlers.some((h) => catchesHttpErrors(h) && !h.exitsAtOnce);
  return { handles429: mentions429 || testsStatus || catches };
}

/**
 * A retry is judged by the retry rules (HF002, HF004-HF006) when it covers an HF call in the file, or when it is a
 * helper written for HTTP rate limits: its text tests for 429 or a rate limit, or names an HTTP error type.
 * (Python used to ignore the rate-limit words, JS the HTTP error types.)
 */
export function helperIsRelevant(text: string): boolean {
  return testsFor429(text) || /HfHubHTTPError|HTTPError|ClientResponseError/.test(text);
}

/**
 * A helper's traits from its hand-written ones (decide/handWritten.ts) and whether it retries 429: a helper that
 * never retries a 429 (one that retries dropped connections only) never sends a 402 round again either.
 */
export function helperTraits<T extends { retries402: boolean }>(
  handles429: boolean,
  base: T,
): T & { handles429: boolean } {
  return { ...base, handles429, retries402: handles429 && base.retries402 };
}

/** What another file learns about a helper it imports (model.ts ModuleFacts), from the helper's traits. */
export function exportedHelperFacts(
  t: Omit<RetryHelperFacts, "name" | "style">,
): Omit<RetryHelperFacts, "name" | "style"> {
  return {
    handles429: t.handles429,
    honorsRetryAfter: t.honorsRetryAfter,
    hasJitter: t.hasJitter,
    bounded: t.bounded,
    retries402: t.retries402,
  };
}

const roots = (names: string[]) => new RegExp(`^(${names.map(escape).join("|")})(\\.|$)`);

/**
 * Callees that are never user retry helpers, by qualified name, so that a call handed to them is looked through
 * (`asyncio.to_thread(lambda: ...)`, `Promise.all(...)`, `items.map(...)`): the language's standard library and
 * built-ins, and every profiled library of the language (a retry library's own entry points are judged from its
 * profile before this is asked).
 */
const NEVER_HELPERS = {
  python: roots([
    ..."asyncio concurrent functools itertools os time json typing threading multiprocessing contextlib".split(" "),
    ..."random math logging anyio trio builtins".split(" "),
    ...PROFILE_MODULES.python,
  ]),
  js: roots(["Promise", "Array", "console", "setTimeout", "JSON", "Object", ...PROFILE_MODULES.js]),
};
/** LangChain's packages (langchain, langchain_core, langchain_openai, ...) and the methods of JS's built-in objects. */
const NEVER_HELPERS_ALSO = {
  python: /^langchain\w*(\.|$)/,
  js: /\.(then|catch|finally|map|forEach|filter|reduce|push)$/,
};

/** Whether a callee (qualified name, or the module a name is imported from) is never a user's retry helper. */
export function neverRetryHelper(qualified: string, language: "python" | "js"): boolean {
  return NEVER_HELPERS[language].test(qualified) || NEVER_HELPERS_ALSO[language].test(qualified);
}

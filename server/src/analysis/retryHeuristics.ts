// Text-level judgements shared by both frontends once the syntax has located the retry's parts (its wait, its
// condition, its handler). Kept in one place so Python and JS/TS agree on what counts.

/** Reads Retry-After (or the Hub's RateLimit header). */
export const RETRY_AFTER = /retry[-_]after|["']ratelimit["']/i;
/** Randomness in a wait. */
export const JITTER = /\brandom\b|Math\.random|uniform|randint|jitter|random_exponential|wait_random|randomize\s*[:=]\s*true/i;
/** Tests for 429 specifically. */
export const MENTIONS_429 = /\b429\b|TOO_MANY_REQUESTS|RateLimitError|too_many_requests|TooManyRequests/i;
/** A status test that also lets 402 through: >= 400, != 200, not ok. */
const BROAD_STATUS = />=\s*400|>\s*399|!==?\s*200|\bnot\s+\w+\.ok\b|!\s*\w+(\?)?\.ok\b|status(_code|Code)?\s*\/\/\s*100\s*==\s*4/;

/** Whether a retry condition (its text) would also retry a 402. */
export function retries402FromText(text: string, broadCatch: boolean): boolean {
  // An explicit exclusion of 402 (`status != 402`, `... not in (402, ...)`, `=== 402) throw`).
  if (/!==?\s*402|402\s*!==?|not\s+in\s*[([{][^)\]}]*\b402\b|===?\s*402\b[^\n]*\b(raise|throw|return|break)\b/.test(text)) return false;
  if (BROAD_STATUS.test(text)) return true;
  if (MENTIONS_429.test(text) || /\b5\d\d\b/.test(text)) return false;
  return broadCatch;
}

/** An attempt counter compared against a limit: `attempt >= 5`, `tries < max`. */
export const ATTEMPT_LIMIT = /(attempt|tries|retries|retry|count|depth|\bn|\bi)\w*\s*(>=|>|==|===|<|<=)\s*[\w.]+/;

/**
 * Source text without comments, so that a comment saying "429" or "Retry-After" does not count as code that
 * handles it. Approximate (a `#` or `//` inside a string is cut too), which only ever hides text, never adds it.
 */
export function codeText(text: string, language: "python" | "js"): string {
  if (language === "python") return text.replace(/(^|[ \t])#[^\n]*/gm, "$1");
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:\\])\/\/[^\n]*/gm, "$1");
}

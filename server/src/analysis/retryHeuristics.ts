// Text-level judgements shared by both frontends once the syntax has located the retry's parts (its wait, its
// condition, its handler). Kept in one place so Python and JS/TS agree on what counts. What honours Retry-After is
// decided in decide/retryAfter.ts (honoursRetryAfter), the traits of hand-written retries in decide/handWritten.ts.

/** Randomness in a wait. */
export const JITTER =
  /\brandom\b|Math\.random|uniform|randint|jitter|random_exponential|wait_random|randomize\s*[:=]\s*true/i;
/** Tests for 429 specifically. */
export const MENTIONS_429 = /\b429\b|TOO_MANY_REQUESTS|RateLimitError|too_many_requests|TooManyRequests/i;
/** A status test that also lets 402 through: >= 400, != 200, not ok. */
const BROAD_STATUS =
  />=\s*400|>\s*399|!==?\s*200|\bnot\s+\w+\.ok\b|!\s*\w+(\?)?\.ok\b|status(_code|Code)?\s*\/\/\s*100\s*==\s*4/;

/** Whether a retry condition (its text) would also retry a 402. */
export function retries402FromText(text: string, broadCatch: boolean): boolean {
  // An explicit exclusion of 402 (`status != 402`, `... not in (402, ...)`, `=== 402) throw`).
  if (
    /!==?\s*402|402\s*!==?|not\s+in\s*[([{][^)\]}]*\b402\b|===?\s*402\b[^\n]*\b(raise|throw|return|break)\b/.test(text)
  )
    return false;
  if (BROAD_STATUS.test(withoutRaisingTests(text))) return true;
  // 402 listed among the statuses to retry: `in (402, 429)`, `[429, 402].includes(status)`, `{402, 503}`.
  if (/\bin\s*[([{][^)\]}]*\b402\b|[([{][^)\]}]*\b402\b[^)\]}]*[)\]}]\s*\)?\.(includes|has)\(/.test(text)) return true;
  // A 5xx status named in a test or a list (`== 503`, `in (500, 502)`), not a wait in milliseconds (`500 * 2 ** i`).
  if (MENTIONS_429.test(text) || /(?<![*/+-]\s*)\b5\d\d\b(?!\s*[*/+-])/.test(text)) return false;
  return broadCatch;
}

/**
 * The text without broad status tests that raise (`if (!resp.ok) throw ...`, `if r.status_code != 200: raise`):
 * such a test ends the retry with an error, it does not send a 402 round again.
 */
function withoutRaisingTests(text: string): string {
  const lines = text.split("\n");
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (BROAD_STATUS.test(lines[i])) {
      const next = lines.slice(i + 1).find((l) => l.trim() !== "" && l.trim() !== "{") ?? "";
      if (/\b(raise|throw)\b/.test(lines[i]) || /^\s*(raise|throw)\b/.test(next)) continue;
    }
    kept.push(lines[i]);
  }
  return kept.join("\n");
}

/** Names people give the operation a retry helper runs (a helper may hand it to a pacing wrapper). */
export const CALLABLE_NAME =
  /^(fn|func|f|cb|callback|task|op|operation|thunk|action|request|call|attempt|job|work|factory|make\w*|run\w*)$/i;

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

/**
 * The status codes a retry handler's own test lets through to another attempt, when the handler re-raises the
 * rest: `if r.status_code == 503: retry else: raise`, `if status not in (500, 502, 503): raise`, `>= 500`. A 429
 * outside that set is re-raised, so the retry does not protect against it. Returns the codes admitted (for the
 * message), or undefined when the text has no such filter or the filter admits 429.
 */
export function statusFilterWithout429(text: string): string | undefined {
  // The rest must leave the loop: raise/throw, return, break, or a framework's throwing `error(502, ...)`.
  if (!/\b(raise|throw|return|break)\b|\b\w+\s*\(\s*[45]\d\d\b/.test(text) || MENTIONS_429.test(text)) return undefined;
  const status = String.raw`(?:status(?:_code|Code)?|\.code)\b\)?`;
  const list = String.raw`[([{]\s*((?:\d{3}\s*,?\s*)+)[)\]}]`;
  const m =
    new RegExp(`${status}\\s*(?:===?|!==?)\\s*(\\d{3})\\b`).exec(text) ??
    new RegExp(`${status}\\s*(?:not\\s+)?in\\s*${list}`).exec(text) ??
    new RegExp(`${list}\\.(?:includes|has)\\([^)]*${status}`).exec(text) ??
    new RegExp(`${status}\\s*(>=|>)\\s*(\\d{3})\\b`).exec(text);
  if (!m) return undefined;
  if (m[1] === ">=" || m[1] === ">") {
    const floor = Number(m[2]) + (m[1] === ">" ? 1 : 0);
    return floor > 429 ? `statuses >= ${floor}` : undefined;
  }
  const codes = (m[1].match(/\d{3}/g) ?? []).map(Number);
  // `!= 200` / `not in (200, 201)` is a success test, not a retry filter.
  if (codes.length === 0 || codes.some((c) => c < 300)) return undefined;
  return codes.includes(429) ? undefined : codes.join(", ");
}

/**
 * Whether a Python `for` header counts attempts (`for attempt in range(5)`, `itertools.count()`) rather than
 * walking a collection (`for name in CANDIDATES`: each round tries something else, a fallback, not a retry).
 */
export function countsAttempts(iterable: string): boolean {
  return /^(range|itertools\.count|count|enumerate\s*\(\s*range|reversed\s*\(\s*range)\b/.test(iterable.trim());
}

/**
 * The part of a handler that decides its 429 branch: the lines testing for 429 and the lines defining the names
 * they read (`const status = err.response?.status` ... `if (status === 429)`). An error's shape is judged on
 * these, so logging `err.message` elsewhere in the handler does not make a wrong-shape test look right.
 */
export function decidingText(text: string): string {
  const lines = text.split("\n");
  const hits = lines.filter((l) => MENTIONS_429.test(l));
  if (!hits.length) return text;
  const names = new Set(hits.join("\n").match(/[A-Za-z_$][\w$]*/g) ?? []);
  const defs = lines.filter((l) => {
    const m = /^\s*(?:const|let|var)?\s*([A-Za-z_$][\w$]*)\s*=(?!=)/.exec(l);
    return m !== null && names.has(m[1]);
  });
  return [...defs, ...hits].join("\n");
}

// What the code after a response-returning call (requests, httpx, aiohttp, fetch) does with the status, decided
// once for both languages. The frontend reports the status checks that follow the call (each `if` test after it,
// in order, with what its branch raises) and the code after it; this decides whether the call raises on 429
// through the user's own check (so a retry or handler around it sees the 429) and whether that check also raises
// on 402, and whether the code branches on a 429 at all.
import { escapeRegExp as escape } from "../text";

/** One `if` after the call, in source order (not inside nested functions). */
export interface StatusCheck {
  /** Its test, as written: `r.status_code == 429`, `!res.ok`. */
  test: string;
  /** The class names its branch raises or throws (`RateLimited`, `Error`); undefined when the branch does not raise. */
  raises?: string[];
}

export interface StatusRaise {
  /** The check that raises also raises on 402 (`not r.ok`, `!res.ok`, `>= 400`, `!= 200`). */
  admits402: boolean;
  /** The exception classes raised there, last name only. */
  types: string[];
}

/** A test of the status for 429 only: `r.status_code == 429`, `res.status in (429, 503)`, `[429].includes(res.status)`. */
const ONLY_429 = (n: string) =>
  new RegExp(
    `\\b${n}\\.status(_code)?\\s*(===?\\s*429|in\\s*[([{][^)\\]}]*\\b429\\b)|\\b429\\s*===?\\s*${n}\\.status|` +
      `\\[[^\\]]*\\b429\\b[^\\]]*\\]\\.includes\\(\\s*${n}\\.status\\b`,
  );
/** A test that fails on every error status, 402 included: `not r.ok`, `!res.ok`, `>= 400`, `!= 200`. */
const BROAD = (n: string) =>
  new RegExp(
    `not\\s+${n}\\.(ok|is_success)\\b|!\\s*${n}\\.ok\\b|\\b${n}\\.(ok|is_success)\\s*(is|===?)\\s*(False|false)\\b|` +
      `\\b${n}\\.is_error\\b|\\b${n}\\.status(_code)?\\s*(>=\\s*(4\\d\\d|300)|>\\s*(399|299)|!==?\\s*20\\d|not\\s+in\\b)`,
  );
const RATE_LIMIT_TEXT = /rate.?limit|too many requests/i;

/**
 * The first check after the call (its result bound to `name`) that decides what a 429 does, when it raises: a
 * 429 test, a broad status test, or rate-limit words in the test. A 429 branch that waits, continues or returns
 * handles the 429 another way: nothing raises for it.
 */
export function statusRaise(name: string | undefined, checks: Iterable<StatusCheck>): StatusRaise | undefined {
  const n = name === undefined ? undefined : escape(name);
  for (const check of checks) {
    const only429 = n !== undefined && ONLY_429(n).test(check.test);
    const broad = n !== undefined && BROAD(n).test(check.test);
    const text = !only429 && !broad && RATE_LIMIT_TEXT.test(check.test);
    if (!only429 && !broad && !text) continue;
    if (!check.raises) {
      if (only429 || text) return undefined;
      continue;
    }
    return { admits402: broad, types: check.raises };
  }
  return undefined;
}

/**
 * Whether the code after the call (comments removed) branches on a 429 of the response bound to `name`:
 * `if r.status_code == 429:`, `if (res.status === 429)`, `[429, 503].includes(res.status)`.
 */
export function branchesOn429(name: string, after: string): boolean {
  const n = escape(name);
  return new RegExp(
    `\\b${n}\\.status(_code)?\\s*(==|in|!=|>=|>)\\s*[^\\n]*\\b(429|TOO_MANY_REQUESTS)\\b|` +
      `\\b(429|TOO_MANY_REQUESTS)\\b[^\\n]*(==|in)\\s*${n}\\.status|` +
      `\\[[^\\]]*429[^\\]]*\\]\\.includes\\(\\s*${n}\\.status`,
  ).test(after);
}

// A response-returning call (requests, httpx, aiohttp) raises on 429 when the code after it raises from a status
// check: `if not r.ok: raise ...`, `if r.status_code >= 400`, `!= 200`, a 429 branch that raises, or rate-limit
// text in the body. Inside a retry decorator or helper that raise is what the retry sees, so the retry's wait is
// judged (HF002, HF004, HF006) and, when the check also admits 402, HF005.
import type { PyNode } from "./tree";

export interface StatusRaise {
  /** The check that raises also raises on 402 (`not r.ok`, `>= 400`, `!= 200`). */
  admits402: boolean;
  /** The exception classes raised there (`RateLimited`, `RuntimeError`), last name only. */
  types: string[];
}

const ONLY_429 = (n: string) =>
  new RegExp(`\\b${n}\\.status(_code)?\\s*(==\\s*429|in\\s*[([{][^)\\]}]*\\b429\\b)|\\b429\\s*==\\s*${n}\\.status`);
const BROAD = (n: string) =>
  new RegExp(
    `not\\s+${n}\\.(ok|is_success)\\b|\\b${n}\\.(ok|is_success)\\s*(is|==)\\s*False|\\b${n}\\.is_error\\b|` +
      `\\b${n}\\.status(_code)?\\s*(>=\\s*(4\\d\\d|300)|>\\s*(399|299)|!=\\s*20\\d|not\\s+in\\b)`,
  );
const RATE_LIMIT_TEXT = /rate.?limit|too many requests/i;

/** The first status check after `call` (bound to `name`) in `fn` that decides what a 429 does. */
export function statusRaise(fn: PyNode, call: PyNode, name: string | undefined): StatusRaise | undefined {
  const ifs: PyNode[] = [];
  const stack = [fn];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.id !== fn.id && (node.type === "function_definition" || node.type === "lambda")) continue;
    if (node.type === "if_statement" && node.startIndex >= call.endIndex) ifs.push(node);
    stack.push(...node.namedChildren);
  }
  ifs.sort((a, b) => a.startIndex - b.startIndex);
  const escaped = name?.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const stmt of ifs) {
    const test = stmt.childForFieldName("condition")?.text ?? "";
    const only429 = escaped !== undefined && ONLY_429(escaped).test(test);
    const broad = escaped !== undefined && BROAD(escaped).test(test);
    const text = !only429 && !broad && RATE_LIMIT_TEXT.test(test);
    if (!only429 && !broad && !text) continue;
    const raised = raisesIn(stmt.childForFieldName("consequence"));
    if (!raised) {
      // A 429 branch that waits, continues or returns handles 429 another way: nothing raises for it here.
      if (only429 || text) return undefined;
      continue;
    }
    return { admits402: broad, types: raised };
  }
  return undefined;
}

/** The exception class names a block raises (not in nested functions), or undefined when it does not raise. */
function raisesIn(block: PyNode | null): string[] | undefined {
  if (!block) return undefined;
  const out: string[] = [];
  let found = false;
  const stack = [block];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "function_definition" || node.type === "lambda") continue;
    if (node.type === "raise_statement") {
      found = true;
      const value = node.namedChildren[0];
      const callee = value?.type === "call" ? value.childForFieldName("function") : value;
      const last = callee?.text.split(".").pop();
      if (last && /^[A-Z]\w*$/.test(last)) out.push(last);
      continue;
    }
    stack.push(...node.namedChildren);
  }
  return found ? out : undefined;
}

// The status checks after a response-returning call (requests, httpx, aiohttp): each `if` after it in the same
// function, with what its branch raises. decide/statusCheck.ts decides from them whether the call raises on 429
// through the user's check (`if not r.ok: raise ...`, a 429 branch that raises); inside a retry decorator or helper
// that raise is what the retry sees, so the retry's wait is judged (HF002, HF004, HF006) and, when the check also
// admits 402, HF005.
import type { PyNode } from "./tree";
import { statusRaise as decideStatusRaise, type StatusCheck, type StatusRaise } from "../decide/statusCheck";

export type { StatusRaise };

/** The first status check after `call` (bound to `name`) in `fn` that decides what a 429 does, when it raises. */
export function statusRaise(fn: PyNode, call: PyNode, name: string | undefined): StatusRaise | undefined {
  return decideStatusRaise(name, statusChecks(fn, call));
}

/** The `if` statements after `call` in `fn` (not in nested functions), in source order, lazily. */
function* statusChecks(fn: PyNode, call: PyNode): Iterable<StatusCheck> {
  const ifs: PyNode[] = [];
  const stack = [fn];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.id !== fn.id && (node.type === "function_definition" || node.type === "lambda")) continue;
    if (node.type === "if_statement" && node.startIndex >= call.endIndex) ifs.push(node);
    stack.push(...node.namedChildren);
  }
  ifs.sort((a, b) => a.startIndex - b.startIndex);
  for (const stmt of ifs)
    yield {
      test: stmt.childForFieldName("condition")?.text ?? "",
      get raises() {
        return raisesIn(stmt.childForFieldName("consequence"));
      },
    };
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

// The tests an except clause's 429 branch is judged on: the tests that decide the branch, not any property read
// elsewhere in the handler (a log line reading `err.response.status_code` does not make `if err.status == 429`
// fire). Where each library's error keeps the status is its profile's `errorShape`; decide/errorShape.ts decides.
import type { PyNode } from "./tree";

/**
 * The tests in `block` that decide on 429 (`if`/`elif` conditions naming it, not in nested functions), each with
 * one level of the names assigned in the block replaced by their values: `status = getattr(err, "status", None)`
 * ... `if status == 429`. decide/errorShape.ts judges them against the error's shape.
 */
export function decidingTests(block: PyNode): string[] {
  const assigned = new Map<string, string>();
  const tests: string[] = [];
  const stack = [block];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "function_definition" || node.type === "lambda") continue;
    if (node.type === "assignment") {
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      if (left?.type === "identifier" && right) assigned.set(left.text, right.text);
    }
    if (node.type === "if_statement" || node.type === "elif_clause") {
      const cond = node.childForFieldName("condition");
      if (cond && /\b429\b|TOO_MANY_REQUESTS/.test(cond.text)) tests.push(cond.text);
    }
    stack.push(...node.namedChildren);
  }
  return tests.map((t) => t.replace(/\b[A-Za-z_]\w*\b/g, (w) => (assigned.has(w) ? `(${assigned.get(w)})` : w)));
}

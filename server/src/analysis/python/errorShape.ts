// The error shape an except clause's 429 branch is judged on: the test that decides the branch, not any
// property read elsewhere in the handler (a log line reading `err.response.status_code` does not make
// `if err.status == 429` fire). huggingface_hub's HfHubHTTPError, requests' HTTPError and httpx's
// HTTPStatusError expose the status only as `err.response.status_code`; their message text carries it too
// (docs/hf-facts.md, "What each client does on 429").
import type { PyNode } from "./tree";

/**
 * Whether every test in `block` that decides on 429 reads the status from `name` in a way the error does not
 * expose (`err.status`, `err.status_code`, `err.code`, `getattr(err, "status", None)`), directly or through a
 * variable assigned in the block. Undefined when no test decides on 429 there.
 */
export function wrongShapeOnly(block: PyNode, name: string | undefined): boolean | undefined {
  if (!name) return undefined;
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
  if (!tests.length) return undefined;
  const e = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const wrong = new RegExp(
    `\\b${e}\\.(status|status_code|code|http_status)\\b|getattr\\(\\s*${e}\\s*,\\s*["'](status|status_code|code|http_status)["']`,
  );
  const right = new RegExp(`\\b${e}\\.response\\b|\\bstr\\(\\s*${e}\\s*\\)|\\b${e}\\.args\\b|f["'].*\\{${e}\\}`);
  return tests.every((t) => {
    // One level of names assigned in the handler: `status = getattr(err, "status", None)` ... `if status == 429`.
    const expanded = t.replace(/\b[A-Za-z_]\w*\b/g, (w) => (assigned.has(w) ? `(${assigned.get(w)})` : w));
    return wrong.test(expanded) && !right.test(expanded);
  });
}

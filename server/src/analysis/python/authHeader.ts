// Python: does a request's `headers=` carry an HF token in Authorization? (see ../hfToken.ts for why it matters)
import type { PyNode } from "./tree";
import type { Scope } from "./scope";
import { namesHfToken } from "../hfToken";

const AUTHORIZATION = /^authorization$/i;

export function carriesHfToken(scope: Scope, headers: PyNode | undefined, depth = 0): boolean {
  if (!headers || depth > 3) return false;
  const dict = scope.resolve(headers);
  if (dict.type === "conditional_expression")
    return [dict.namedChildren[0], dict.namedChildren[2]].some((arm) => carriesHfToken(scope, arm, depth + 1));
  if (dict.type !== "dictionary") return false;
  for (const item of dict.namedChildren) {
    if (item.type === "dictionary_splat" && carriesHfToken(scope, item.namedChildren[0], depth + 1)) return true;
    if (item.type !== "pair" || !AUTHORIZATION.test(scope.evalString(item.childForFieldName("key")) ?? "")) continue;
    const value = item.childForFieldName("value");
    if (value && namesHfToken(textsOf(scope, value))) return true;
  }
  return false;
}

/** The value's text, and the text of what each name in it was bound to (`token = os.environ["HF_TOKEN"]`). */
function textsOf(scope: Scope, value: PyNode): string[] {
  const out = [value.text];
  const stack = [value];
  while (stack.length && out.length < 12) {
    const node = stack.pop()!;
    if (node.type === "identifier" || node.type === "attribute") {
      const bound = scope.resolve(node);
      if (bound.id !== node.id) out.push(bound.text);
      if (node.type === "attribute") continue;
    }
    stack.push(...node.namedChildren);
  }
  return out;
}

// JS/TS: does a request's `headers` carry an HF token in Authorization? (see ../hfToken.ts for why it matters)
import ts from "typescript";
import { namesHfToken } from "../hfToken";
import { unwrap, type JsScope } from "./scope";

export function carriesHfToken(scope: JsScope, headers: ts.Expression | undefined, depth = 0): boolean {
  if (!headers || depth > 3) return false;
  let obj = scope.resolve(headers);
  // new Headers({ ... })
  if (ts.isNewExpression(obj) && obj.arguments?.[0]) obj = scope.resolve(obj.arguments[0]);
  if (ts.isConditionalExpression(obj))
    return [obj.whenTrue, obj.whenFalse].some((arm) => carriesHfToken(scope, arm, depth + 1));
  if (!ts.isObjectLiteralExpression(obj)) return false;
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p) && carriesHfToken(scope, p.expression, depth + 1)) return true;
    if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
    const name = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
    if (!name || name.toLowerCase() !== "authorization") continue;
    const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
    if (namesHfToken(textsOf(scope, value))) return true;
  }
  return false;
}

/** The value's text, and the text of what each name in it was bound to (`const token = process.env.HF_TOKEN`). */
function textsOf(scope: JsScope, value: ts.Expression): string[] {
  const out = [value.getText()];
  const visit = (node: ts.Node): void => {
    if (out.length >= 12) return;
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
      const bound = unwrap(scope.resolve(node));
      if (bound !== node) out.push(bound.getText());
      if (ts.isPropertyAccessExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(value);
  return out;
}

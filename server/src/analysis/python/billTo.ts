// X-HF-Bill-To in Python code: header dicts (literal, or a name bound to one), `bill_to=` arguments, and
// headers set on a session after it is made. The header name matches case-insensitively (docs/hf-facts.md).
import type { PyNode } from "./tree";
import type { BillTo } from "../model";
import type { Scope } from "./scope";

const HEADER = /^x-hf-bill-to$/i;

export function billToInHeaders(scope: Scope, headers: PyNode | undefined, depth = 0): BillTo {
  if (!headers || depth > 4) return { present: false };
  const dict = scope.resolve(headers);
  // `{"X-HF-Bill-To": org} if org else {}`: bill-to when the project has an org to bill.
  if (dict.type === "conditional_expression") {
    for (const arm of [dict.namedChildren[0], dict.namedChildren[2]]) {
      const inner = billToInHeaders(scope, arm, depth + 1);
      if (inner.present) return inner;
    }
    return { present: false };
  }
  if (dict.type === "dictionary") {
    for (const item of dict.namedChildren) {
      if (item.type === "pair") {
        const key = scope.evalString(item.childForFieldName("key"));
        if (key && HEADER.test(key)) return { present: true, org: literal(scope, item.childForFieldName("value")) };
      } else if (item.type === "dictionary_splat") {
        const inner = billToInHeaders(scope, item.namedChildren[0], depth + 1);
        if (inner.present) return inner;
      }
    }
  }
  if (dict.type === "call" && /(^|\.)dict$/.test(dict.childForFieldName("function")?.text ?? "")) {
    // dict(**base, ...) cannot spell the header as a keyword; look through its positional mapping.
    return billToInHeaders(scope, dict.childForFieldName("arguments")?.namedChildren[0], depth + 1);
  }
  return { present: false };
}

/** The org when the value is a literal string (or a constant bound to one). */
export function literal(scope: Scope, value: PyNode | null | undefined): string | undefined {
  const s = scope.evalString(value);
  return s && !s.includes("{}") ? s : undefined;
}

/** `session.headers.update({...})` or `session.headers["X-HF-Bill-To"] = ...` anywhere in the file. */
export function sessionHeadersBillTo(scope: Scope, root: PyNode, variable: string | undefined): BillTo {
  if (!variable) return { present: false };
  for (const word of variable.split(".")) scope.reads.mentions(word);
  const re = new RegExp(`\\b${variable.replace(/\./g, "\\.")}\\.headers(\\.update\\(|\\s*\\[)[^\\n]*x-hf-bill-to`, "i");
  const m = re.exec(root.text);
  if (!m) return { present: false };
  const org = /x-hf-bill-to["']\s*[\]:,]\s*=?\s*["']([^"']+)["']/i.exec(root.text.slice(m.index, m.index + 300));
  return { present: true, org: org?.[1] };
}

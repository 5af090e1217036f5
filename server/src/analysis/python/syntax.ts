// Small helpers over tree-sitter-python nodes.
import type { PyNode } from "./tree";

/** Keyword arguments of a call by name. */
/** The first of `names` a call is given as a keyword (the options a library profile lists, in its order). */
export function firstKeyword(kw: Map<string, PyNode>, names: readonly string[]): PyNode | undefined {
  for (const name of names) {
    const value = kw.get(name);
    if (value) return value;
  }
  return undefined;
}

export function kwargs(call: PyNode): Map<string, PyNode> {
  const out = new Map<string, PyNode>();
  const args = call.childForFieldName("arguments");
  if (!args) return out;
  for (const a of args.namedChildren) {
    if (a.type !== "keyword_argument") continue;
    const name = a.childForFieldName("name")?.text;
    const value = a.childForFieldName("value");
    if (name && value) out.set(name, value);
  }
  return out;
}

export function kwarg(call: PyNode, name: string): PyNode | undefined {
  return kwargs(call).get(name);
}

export function positionalArgs(call: PyNode): PyNode[] {
  return (
    call
      .childForFieldName("arguments")
      ?.namedChildren.filter((a) => a.type !== "keyword_argument" && a.type !== "comment") ?? []
  );
}

/** `obj.method(...)` -> [obj, "method"]. */
export function methodCall(call: PyNode): [PyNode, string] | undefined {
  const fn = call.childForFieldName("function");
  if (fn?.type !== "attribute") return undefined;
  const obj = fn.childForFieldName("object");
  const attr = fn.childForFieldName("attribute")?.text;
  return obj && attr ? [obj, attr] : undefined;
}

export function isInside(node: PyNode, ancestor: PyNode): boolean {
  return node.startIndex >= ancestor.startIndex && node.endIndex <= ancestor.endIndex;
}

/** The first line of a compound statement (`for ...:`, `while ...:`, `def f(...):`), for diagnostics. */
export function headerSpan(node: PyNode): { start: number; end: number } {
  const body = node.childForFieldName("body");
  const end = body ? Math.max(node.startIndex, body.startIndex) : node.endIndex;
  const text = node.text.slice(0, end - node.startIndex);
  const trimmed = text.replace(/\s+$/, "");
  return { start: node.startIndex, end: node.startIndex + trimmed.length };
}

/** The last names of the callees called inside `node` (`f` of `f()`, `self.f()`), nested functions included. */
export function calleeNames(node: PyNode): string[] {
  return node.descendantsOfType("call").map((c) => c.childForFieldName("function")?.text.split(".").pop() ?? "");
}

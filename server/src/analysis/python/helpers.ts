// Retry helpers defined in the user's code: `def with_backoff(fn, ...)` that loops around a call of its
// parameter, or a decorator factory doing the same. They protect the calls passed into them, in this file and,
// through ModuleFacts, in files that import them.
import type { PyNode } from "./tree";
import type { RetryHelperFacts } from "../model";
import { caughtTypes } from "./exceptions";
import { CALLABLE_NAME, codeText } from "../retryHeuristics";
import { callsItself } from "../decide/recursion";
import { decideRetryHelper, exportedHelperFacts, helperTraits } from "../decide/retryHelper";
import { handWrittenTraits, isBackoff, isTenacity, tenacityTraits, backoffTraits, type Traits } from "./retryTraits";
import type { Reads } from "../incremental/reads";
import type { Scope } from "./scope";
import { calleeNames } from "./syntax";
import { escapeRegExp } from "../text";

export interface LocalHelper {
  def: PyNode;
  facts: RetryHelperFacts;
  traits: Traits;
  /** The loop (or decorator) that does the retrying, for the RetryConstruct span. */
  anchor: PyNode;
}

export class HelperIndex {
  private readonly cache = new Map<number, { value: LocalHelper | undefined; reads: Reads }>();
  private readonly computing = new Set<number>();
  constructor(
    private readonly scope: Scope,
    private readonly hubMajor1: boolean,
  ) {}

  /** The helper a function definition is, or undefined when it is not a retry helper. */
  classify(def: PyNode): LocalHelper | undefined {
    if (this.computing.has(def.id)) return undefined; // a helper that reaches itself
    this.computing.add(def.id);
    try {
      return this.scope.reads.memo(this.cache, def.id, () => this.compute(def));
    } finally {
      this.computing.delete(def.id);
    }
  }

  byName(name: string): LocalHelper | undefined {
    const def = this.scope.functionNamed(name);
    return def ? this.classify(def) : undefined;
  }

  private compute(def: PyNode): LocalHelper | undefined {
    // Cheap text test first: a helper calls one of its parameters and either loops, recurses or is decorated.
    const text = def.text;
    const params = paramNames(def);
    if (params.length === 0) return undefined;
    const calls = calledWords(text);
    if (!params.some((p) => calledIn(p, text, calls))) return undefined;
    if (!/\b(for|while)\b|@/.test(text) && !mayRecurse(text, calls)) return undefined;
    const name = def.childForFieldName("name")?.text ?? "";
    // Decorator factory: def retry_hf(func): def wrapper(*a, **k): <loop calling func> ; return wrapper
    const inner = def
      .childForFieldName("body")
      ?.namedChildren.find((n) => n.type === "function_definition" || n.type === "decorated_definition");
    const innerDef = inner?.type === "decorated_definition" ? inner.childForFieldName("definition") : inner;
    if (innerDef && callsAny(innerDef, params)) {
      const body = this.retryTraits(innerDef, params, def);
      if (body)
        return {
          def,
          facts: { name, style: "decorator", ...exportedHelperFacts(body.traits) },
          traits: body.traits,
          anchor: body.anchor,
        };
    }
    if (!callsAny(def, params)) return undefined;
    const body = this.retryTraits(def, params, def);
    return body
      ? {
          def,
          facts: { name, style: "callable", ...exportedHelperFacts(body.traits) },
          traits: body.traits,
          anchor: body.anchor,
        }
      : undefined;
  }

  private retryTraits(fn: PyNode, params: string[], outer: PyNode): { traits: Traits; anchor: PyNode } | undefined {
    // A tenacity/backoff-decorated function that calls its parameter is a helper with that library's traits.
    const decorated = fn.parent?.type === "decorated_definition" ? fn.parent : undefined;
    for (const dec of decorated?.namedChildren.filter((n) => n.type === "decorator") ?? []) {
      const expr = dec.namedChildren[0];
      const callee = expr?.type === "call" ? expr.childForFieldName("function") : expr;
      if (isTenacity(this.scope, callee) === "decorator") {
        return {
          traits: tenacityTraits(this.scope, expr?.type === "call" ? expr : undefined, undefined, true, this.hubMajor1),
          anchor: dec,
        };
      }
      const style = isBackoff(this.scope, callee);
      if (style && expr?.type === "call")
        return { traits: backoffTraits(this.scope, expr, style, undefined, true, this.hubMajor1), anchor: dec };
    }
    const loop = fn.descendantsOfType(["for_statement", "while_statement"]).find((l) => callsAny(l, params));
    const name = outer.childForFieldName("name")?.text;
    const recursive = !loop && callsItself(name, calleeNames(fn));
    const scopeNode = loop ?? fn;
    const expanded = this.scope.expandedText(codeText(scopeNode.text, "python"));
    const decided = decideRetryHelper({
      retriesBy: loop ? "loop" : recursive ? "recursion" : undefined,
      text: expanded,
      handlers: scopeNode.descendantsOfType("except_clause").map((c) => ({
        types: caughtTypes(this.scope, c),
        exitsAtOnce: exitsAtOnce(c),
        leftEarlier: earlierClauses(c)
          .filter(exitsAtOnce)
          .flatMap((e) => caughtTypes(this.scope, e) ?? []),
      })),
    });
    if (!decided) return undefined;
    return { traits: helperTraits(decided.handles429, handWrittenTraits(this.scope, fn, loop)), anchor: scopeNode };
  }
}

/** A clause whose last statement raises, returns or breaks: what it catches ends the loop instead of going round. */
function exitsAtOnce(clause: PyNode): boolean {
  const block = clause.namedChildren.find((b) => b.type === "block");
  const last = block?.namedChildren[block.namedChildren.length - 1];
  return last !== undefined && ["raise_statement", "return_statement", "break_statement"].includes(last.type);
}

/** The except clauses before `clause` in its try. */
function earlierClauses(clause: PyNode): PyNode[] {
  const siblings = clause.parent?.namedChildren ?? [];
  return siblings
    .slice(
      0,
      siblings.findIndex((x) => x.id === clause.id),
    )
    .filter((e) => e.type === "except_clause");
}

export function paramNames(def: PyNode): string[] {
  const params = def.childForFieldName("parameters");
  const names: string[] = [];
  for (const p of params?.namedChildren ?? []) {
    const id =
      p.type === "identifier"
        ? p
        : (p.childForFieldName("name") ?? p.namedChildren.find((c) => c.type === "identifier"));
    if (id && id.text !== "self" && id.text !== "cls") names.push(id.text);
  }
  return names;
}

function callsAny(node: PyNode, names: string[]): boolean {
  return node.descendantsOfType("call").some((c) => {
    const fn = c.childForFieldName("function");
    if (fn?.type === "identifier" && names.includes(fn.text)) return true;
    // `fn` handed to a wrapper that calls it (`with_rate_limit(fn)`).
    return (
      c
        .childForFieldName("arguments")
        ?.namedChildren.some((a) => a.type === "identifier" && names.includes(a.text) && CALLABLE_NAME.test(a.text)) ??
      false
    );
  });
}

/**
 * Each word of `text` followed by `(`, with where it last is: one pass over a function's text, where a regular
 * expression per parameter (`\bname\s*\(`) was compiled and run for every function of a file.
 */
function calledWords(text: string): Map<string, number> {
  const lastCall = new Map<string, number>();
  for (const m of text.matchAll(/\b(\w+)\s*\(/g)) lastCall.set(m[1], m.index!);
  return lastCall;
}

/**
 * Whether `name` is called in `text` (`\bname\s*\(`). A name of word characters is called exactly when it is one
 * of the words `calledWords` found (the match starts a word and the `(` ends it); other names (letters outside
 * ASCII, which `\w` does not cover) are searched for.
 */
function calledIn(name: string, text: string, calls: Map<string, number>): boolean {
  if (/^\w+$/.test(name)) return calls.has(name);
  return new RegExp(`\\b${escapeRegExp(name)}\\s*\\(`).test(text);
}

/**
 * Whether a function named by some `def` in `text` is called after that `def` (or a name its first letters spell:
 * what `/\bdef\s+(\w+)[\s\S]*\b\1\s*\(/` answers, without its backtracking over the rest of the text for
 * every `def`, which made a large module quadratic). Each word followed by `(` is found once; a `def` then asks
 * where its name (or a prefix of it) is last called.
 */
function mayRecurse(text: string, lastCall: Map<string, number>): boolean {
  if (!text.includes("def")) return false;
  // The name is looked ahead, not consumed: it may itself be the `def` of the next match (`def def f(`).
  for (const m of text.matchAll(/\bdef\s+(?=(\w+))/g)) {
    const name = m[1];
    const start = m.index! + m[0].length;
    for (let k = 1; k <= name.length; k++) {
      const at = lastCall.get(name.slice(0, k));
      if (at !== undefined && at >= start + k) return true;
    }
  }
  return false;
}

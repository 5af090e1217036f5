// Name resolution for one Python file: imports and aliases, assignments (module, function, `self.x`, class
// fields), `with ... as x`, annotated parameters. Good enough to follow a client object or a URL constant from
// where it is made to where it is used, without a type checker.
import type { Node } from "web-tree-sitter";

import { pythonQuery } from "./parser";

const MAX_DEPTH = 8;
const COLLECT = `
(import_statement) @import
(import_from_statement) @from
(assignment) @assign
(with_item) @with
(function_definition) @def
(class_definition) @class
(call) @call
(argument_list (identifier) @arg)
(argument_list (attribute) @arg)
`;

export class Scope {
  /** Local name -> qualified name ("IC" -> "huggingface_hub.InferenceClient"). */
  readonly imports = new Map<string, string>();
  /** Modules imported by `from X import name` that are workspace-relative candidates, keyed by local name. */
  readonly importedFrom = new Map<string, { module: string; name: string }>();
  /** "<scope id>:<name>" -> assigned values, in source order. */
  private readonly bindings = new Map<string, Node[]>();
  /** "<function id>:<param>" -> annotation. */
  private readonly annotations = new Map<string, Node>();
  /** Function definitions by name (module-level and nested), for helpers and predicates. */
  readonly functions = new Map<string, Node>();
  /** Function and class definitions with their ranges, in source order: enclosing scopes are found by
   * comparing numbers instead of walking parents through wasm. */
  private readonly defs: Range[] = [];
  private readonly classes: Range[] = [];
  /** Every call in the file, in source order, collected in the one walk. */
  readonly calls: Node[] = [];
  /** Identifiers and attributes passed as arguments (`helper(fn)`, `helper(client.method)`). */
  readonly argumentRefs: Node[] = [];

  constructor(root: Node) {
    this.collect(root);
  }

  private collect(root: Node): void {
    // One query instead of a walk: it runs inside wasm and materialises only the nodes we need, which matters
    // because every node crossing from wasm to JS costs more than parsing it.
    for (const { name, node } of pythonQuery(COLLECT).captures(root)) {
      switch (name) {
        case "import":
          this.importStatement(node);
          break;
        case "from":
          this.importFrom(node);
          break;
        case "assign":
          this.assignment(node);
          break;
        case "with":
          this.withItem(node);
          break;
        case "def":
          addRange(this.defs, node);
          this.functionDefinition(node);
          break;
        case "class":
          addRange(this.classes, node);
          break;
        case "call":
          this.calls.push(node);
          break;
        case "arg":
          this.argumentRefs.push(node);
          break;
      }
    }
  }

  private importStatement(node: Node): void {
    for (const child of node.namedChildren) {
      if (child.type === "dotted_name") {
        const name = child.text;
        // `import a.b` binds `a`, and `a.b.c` still resolves textually.
        this.imports.set(name.split(".")[0], name.split(".")[0]);
      } else if (child.type === "aliased_import") {
        const name = child.childForFieldName("name")?.text;
        const alias = child.childForFieldName("alias")?.text;
        if (name && alias) this.imports.set(alias, name);
      }
    }
  }

  private importFrom(node: Node): void {
    const module = node.childForFieldName("module_name")?.text;
    if (!module) return;
    for (const child of node.namedChildren) {
      if (child.id === node.childForFieldName("module_name")?.id) continue;
      let name: string | undefined;
      let alias: string | undefined;
      if (child.type === "dotted_name") name = alias = child.text;
      else if (child.type === "aliased_import") {
        name = child.childForFieldName("name")?.text;
        alias = child.childForFieldName("alias")?.text;
      }
      if (!name || !alias) continue;
      this.imports.set(alias, module.startsWith(".") ? `${module}.${name}` : `${module}.${name}`);
      this.importedFrom.set(alias, { module, name });
    }
  }

  private assignment(node: Node): void {
    const left = node.childForFieldName("left");
    const right = node.childForFieldName("right");
    if (!left || !right) return;
    if (left.type === "identifier") {
      this.bind(this.scopeId(node), left.text, right);
      // Class fields are reachable as self.<name> from the class's methods.
      const cls = this.enclosingClass(node, true);
      if (cls) this.bind(cls.id, `self.${left.text}`, right);
    } else if (left.type === "attribute" && left.childForFieldName("object")?.text === "self") {
      const cls = this.enclosingClass(node, false);
      if (cls) this.bind(cls.id, left.text, right);
    } else if (left.type === "attribute") {
      this.bind(0, left.text, right);
    }
  }

  private withItem(node: Node): void {
    const value = node.childForFieldName("value");
    if (value?.type === "as_pattern") {
      const target = value.namedChildren.find((c) => c.type === "as_pattern_target")?.namedChildren[0];
      const source = value.namedChildren[0];
      if (target?.type === "identifier" && source) this.bind(this.scopeId(node), target.text, source);
    }
  }

  private functionDefinition(node: Node): void {
    const name = node.childForFieldName("name")?.text;
    if (name) this.functions.set(name, node);
    const params = node.childForFieldName("parameters");
    if (!params) return;
    for (const p of params.namedChildren) {
      if (p.type === "typed_parameter" || p.type === "typed_default_parameter") {
        const id = p.type === "typed_parameter" ? p.namedChildren.find((c) => c.type === "identifier") : p.childForFieldName("name");
        const type = p.childForFieldName("type");
        if (id && type) this.annotations.set(`${node.id}:${id.text}`, type);
      }
    }
  }

  private bind(scope: number, name: string, value: Node): void {
    const key = `${scope}:${name}`;
    const list = this.bindings.get(key);
    if (list) list.push(value);
    else this.bindings.set(key, [value]);
  }

  /** The value last assigned to a name or `self.attr` visible from `at` (before `at` when in the same scope). */
  valueOf(ref: Node): Node | undefined {
    const name = ref.text;
    if (ref.type === "attribute" && ref.childForFieldName("object")?.text === "self") {
      const cls = this.enclosingClass(ref, false);
      return cls ? last(this.bindings.get(`${cls.id}:${name}`)) : undefined;
    }
    if (ref.type === "attribute") return last(this.bindings.get(`0:${name}`));
    if (ref.type !== "identifier") return undefined;
    for (let fn = this.enclosingFunction(ref); fn; fn = this.enclosingFunction(fn)) {
      const local = this.bindings.get(`${fn.id}:${name}`);
      if (local) return lastBefore(local, ref) ?? local[0];
    }
    const global = this.bindings.get(`0:${name}`);
    return global ? lastBefore(global, ref) ?? last(global) : undefined;
  }

  private sitesByName?: Map<string, Node[]>;

  enclosingFunction(node: Node): Node | undefined {
    return innermost(this.defs, node.startIndex, node.endIndex)?.node;
  }

  /** The class whose body holds `node`; with `direct`, only when no function sits in between (class fields). */
  enclosingClass(node: Node, direct: boolean): Node | undefined {
    const cls = innermost(this.classes, node.startIndex, node.endIndex);
    if (!cls) return undefined;
    if (direct) {
      const fn = innermost(this.defs, node.startIndex, node.endIndex);
      if (fn && fn.start > cls.start) return undefined;
    }
    return cls.node;
  }

  private scopeId(node: Node): number {
    return this.enclosingFunction(node)?.id ?? 0;
  }

  /** Calls of a function by name (`f(...)`, `self.f(...)`) and places it is passed by name; indexed once. */
  callSites(name: string): Node[] {
    if (!this.sitesByName) {
      const index = new Map<string, Node[]>();
      const add = (key: string, node: Node) => {
        const list = index.get(key);
        if (list) list.push(node);
        else index.set(key, [node]);
      };
      for (const c of this.calls) {
        const f = c.childForFieldName("function");
        if (f?.type === "identifier") add(f.text, c);
        else if (f?.type === "attribute") add(f.childForFieldName("attribute")?.text ?? "", c);
      }
      for (const a of this.argumentRefs) if (a.type === "identifier") add(a.text, a);
      this.sitesByName = index;
    }
    return this.sitesByName.get(name) ?? [];
  }

  /**
   * A text plus, one level deep, the definitions of the local functions and module constants it names, so that
   * `time.sleep(_delay(headers, attempt))` is judged with `_delay`'s body, and `not in RETRY_STATUSES` with the set.
   */
  expandedText(text: string): string {
    const parts = [text];
    const seen = new Set<string>();
    for (const m of text.matchAll(/\b[A-Za-z_]\w*\b/g)) {
      const name = m[0];
      if (seen.has(name)) continue;
      seen.add(name);
      const def = this.functions.get(name);
      if (def && !text.includes(def.text)) parts.push(def.text);
      else {
        const value = last(this.bindings.get(`0:${name}`));
        if (value && value.endIndex - value.startIndex < 2000) parts.push(value.text);
      }
    }
    return parts.join("\n");
  }

  /** The annotation of a parameter named by `ref` in its enclosing functions. */
  annotationOf(ref: Node): Node | undefined {
    if (ref.type !== "identifier") return undefined;
    for (let fn = this.enclosingFunction(ref); fn; fn = this.enclosingFunction(fn)) {
      const a = this.annotations.get(`${fn.id}:${ref.text}`);
      if (a) return a;
    }
    return undefined;
  }

  /** Dotted qualified name of a reference: `hh.InferenceClient` -> "huggingface_hub.InferenceClient". */
  qualify(node: Node | null | undefined): string | undefined {
    if (!node) return undefined;
    if (node.type === "identifier") return this.imports.get(node.text) ?? node.text;
    if (node.type === "attribute") {
      const obj = this.qualify(node.childForFieldName("object"));
      const attr = node.childForFieldName("attribute")?.text;
      return obj && attr ? `${obj}.${attr}` : undefined;
    }
    return undefined;
  }

  /** Follows names to the expression that made the value (a constructor call, a string, ...). */
  resolve(node: Node, depth = 0): Node {
    let current = node;
    for (let i = depth; i < MAX_DEPTH; i++) {
      if (current.type === "parenthesized_expression" && current.namedChildren.length === 1) {
        current = current.namedChildren[0];
        continue;
      }
      if (current.type === "await") {
        current = current.namedChildren[0] ?? current;
        continue;
      }
      const value = current.type === "identifier" || current.type === "attribute" ? this.valueOf(current) : undefined;
      if (!value || value.id === current.id) return current;
      current = value;
    }
    return current;
  }

  /**
   * Best-effort string value: literals, f-strings and `+` concatenation, constants, `.format`, and
   * `os.environ.get("X", "default")` / `os.getenv`. Unknown parts become "{}".
   */
  evalString(node: Node | null | undefined, depth = 0): string | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case "string":
        return node.namedChildren
          .map((c) => (c.type === "string_content" ? c.text : c.type === "interpolation" ? this.evalString(c.namedChildren[0], depth + 1) ?? "{}" : ""))
          .join("");
      case "concatenated_string":
        return node.namedChildren.map((c) => this.evalString(c, depth + 1) ?? "{}").join("");
      case "binary_operator": {
        if (node.childForFieldName("operator")?.text !== "+") return undefined;
        const l = this.evalString(node.childForFieldName("left"), depth + 1);
        const r = this.evalString(node.childForFieldName("right"), depth + 1);
        return l === undefined && r === undefined ? undefined : (l ?? "{}") + (r ?? "{}");
      }
      case "parenthesized_expression":
        return this.evalString(node.namedChildren[0], depth + 1);
      case "identifier":
      case "attribute": {
        const value = this.valueOf(node);
        return value ? this.evalString(value, depth + 1) : undefined;
      }
      case "call": {
        const fn = node.childForFieldName("function");
        const args = node.childForFieldName("arguments")?.namedChildren ?? [];
        if (fn?.type === "attribute" && fn.childForFieldName("attribute")?.text === "format") {
          return this.evalString(fn.childForFieldName("object"), depth + 1);
        }
        const q = this.qualify(fn);
        if ((q === "os.environ.get" || q === "os.getenv") && args[1]) return this.evalString(args[1], depth + 1);
        return undefined;
      }
      default:
        return undefined;
    }
  }
}

function last<T>(list: T[] | undefined): T | undefined {
  return list ? list[list.length - 1] : undefined;
}

function lastBefore(list: Node[], ref: Node): Node | undefined {
  let found: Node | undefined;
  for (const n of list) if (n.startIndex < ref.startIndex) found = n;
  return found;
}

interface Range {
  start: number;
  end: number;
  node: Node;
  /** Index of the innermost range around this one, or -1. */
  parent: number;
}

/** Appends a definition (they arrive in source order, so its parent is the last one, or one of that one's parents). */
function addRange(ranges: Range[], node: Node): void {
  const start = node.startIndex;
  const end = node.endIndex;
  let parent = ranges.length - 1;
  while (parent >= 0 && ranges[parent].end < end) parent = ranges[parent].parent;
  ranges.push({ start, end, node, parent });
}

/**
 * The innermost range strictly around [start, end): binary-search the last range starting at or before `start`,
 * then climb its parents, instead of scanning every definition of the file for each question.
 */
function innermost(ranges: Range[], start: number, end: number): Range | undefined {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].start <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i = ranges[i].parent) {
    const r = ranges[i];
    if (r.end >= end && !(r.start === start && r.end === end)) return r;
  }
  return undefined;
}

// Name resolution for one Python file: imports and aliases, assignments (module, function, `self.x`, class
// fields), `with ... as x`, annotated parameters. Good enough to follow a client object or a URL constant from
// where it is made to where it is used, without a type checker.
import { lastStartingAtOrBefore } from "../incremental/locate";
import type { FileState } from "../incremental/fileState";
import { ReadTracker } from "../incremental/reads";
import { Key, type TableKey } from "../incremental/keys";
import { StatementTables, type NameLookup } from "../incremental/tables";
import type { PyNode } from "./tree";

const MAX_DEPTH = 8;

/**
 * The nodes of one top-level statement that name resolution cares about, in source order. Kept per statement
 * node: an unchanged statement keeps its node across edits (see tree.ts), so it is walked once.
 */
interface Collected {
  events: PyNode[];
  /** What the statement adds to the name tables (see Scope.entriesOf). */
  entries?: (readonly [TableKey, unknown])[];
  definitions: PyNode[];
  calls: PyNode[];
  argumentRefs: PyNode[];
}

function collectStatement(statement: PyNode): Collected {
  let c = statement.memo as Collected | undefined;
  if (c) return c;
  c = { events: [], definitions: [], calls: [], argumentRefs: [] };
  const stack: PyNode[] = [statement];
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.type) {
      case "import_statement":
      case "import_from_statement":
      case "assignment":
      case "with_item":
      case "class_definition":
        c.events.push(node);
        break;
      case "function_definition":
        c.events.push(node);
        c.definitions.push(node);
        break;
      case "call":
        c.calls.push(node);
        break;
      case "identifier":
      case "attribute":
        if (node.parent?.type === "argument_list") c.argumentRefs.push(node);
        break;
    }
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  statement.memo = c;
  return c;
}

// Module-level, not arrows in the constructor: a closure kept by the tables would keep that first Scope (and,
// through it, every later version of the file) alive.
const startOf = (s: PyNode) => s.startIndex;
const idOf = (s: PyNode) => s.id;
const textOf = (s: PyNode) => s.text;

/** Name resolution over the file's tables (keys: incremental/keys.ts); every lookup goes through `names`. */
export class Scope {
  private readonly tables: StatementTables<PyNode>;
  /** The top-level statements, and what each holds. */
  readonly statements: PyNode[];
  private readonly parts: Collected[] = [];
  /** What judging a statement reads from these tables (see incremental/reads.ts). */
  readonly reads: ReadTracker<PyNode>;
  /** Lookups in the tables; each records its read into `reads` (so no lookup can go unrecorded). */
  private readonly names: NameLookup;

  /** `state` is what the file kept from its last version (its tables), updated here; undefined keeps nothing. */
  constructor(root: PyNode, state: FileState | undefined) {
    this.statements = root.children;
    for (const statement of this.statements) this.parts.push(collectStatement(statement));
    this.tables = (state?.tables as StatementTables<PyNode> | undefined) ?? new StatementTables<PyNode>(startOf);
    this.tables.update(this.statements, (s) => this.entriesOf(s));
    if (state) state.tables = this.tables;
    this.reads = new ReadTracker(this.statements, idOf, textOf, (key) => this.tables.statementsOf(key));
    this.names = this.tables.lookup(this.reads);
  }

  /** Every call in the file, in source order (for the rare questions about all of them). */
  get calls(): PyNode[] {
    return this.parts.flatMap((p) => p.calls);
  }

  /** What a statement adds to the tables, worked out the first time the statement is seen. */
  private entriesOf(statement: PyNode): readonly (readonly [TableKey, unknown])[] {
    const part = collectStatement(statement);
    if (part.entries) return part.entries;
    const entries: (readonly [TableKey, unknown])[] = (this.pending = []);
    for (const node of part.events) this.event(node);
    for (const c of part.calls) {
      const f = c.childForFieldName("function");
      if (f?.type === "identifier") entries.push([Key.callSite(f.text), c]);
      else if (f?.type === "attribute") entries.push([Key.callSite(f.childForFieldName("attribute")?.text ?? ""), c]);
    }
    for (const a of part.argumentRefs) if (a.type === "identifier") entries.push([Key.callSite(a.text), a]);
    part.entries = entries;
    return entries;
  }

  private pending: (readonly [TableKey, unknown])[] = [];

  private add(key: TableKey, value: unknown): void {
    this.pending.push([key, value]);
  }

  private bind(scope: number, name: string, value: PyNode): void {
    this.add(Key.scoped(scope, name), value);
  }

  private bindings(scope: number, name: string): readonly PyNode[] {
    return this.names.values<PyNode>(Key.scoped(scope, name));
  }

  /** The calls and argument references of one top-level statement. */
  partOf(index: number): { calls: PyNode[]; argumentRefs: PyNode[]; definitions: PyNode[] } {
    return this.parts[index];
  }

  /** The top-level statement holding an offset (the last one starting at or before it). */
  statementAt(offset: number): PyNode {
    return this.statements[Math.max(0, lastStartingAtOrBefore(this.statements, startOf, offset))];
  }

  private event(node: PyNode): void {
    switch (node.type) {
      case "import_statement":
        this.importStatement(node);
        break;
      case "import_from_statement":
        this.importFrom(node);
        break;
      case "assignment":
        this.assignment(node);
        break;
      case "with_item":
        this.withItem(node);
        break;
      case "function_definition":
        this.functionDefinition(node);
        break;
      case "class_definition": {
        const name = node.childForFieldName("name")?.text;
        if (name) this.add(Key.class(name), node);
        break;
      }
    }
  }

  /** The import bound to a local name (`from utils.retry import with_backoff`). */
  importOf(name: string): { module: string; name: string } | undefined {
    return this.names.last(Key.importedName(name));
  }

  /** The function defined under a name (the last one, as Python binds it). */
  functionNamed(name: string): PyNode | undefined {
    return this.names.last(Key.function(name));
  }

  /** Every function or method defined under a name, in source order. */
  functionsNamed(name: string): readonly PyNode[] {
    return this.names.values<PyNode>(Key.function(name));
  }

  /** The class defined under a name in this file (the last one). */
  classNamed(name: string): PyNode | undefined {
    return this.names.last(Key.class(name));
  }

  /**
   * The function a call runs, when it is defined in this file: `make()`, `self.make()` / `cls.make()` (a method of
   * the enclosing class), `Factory.make()` (a method of a class defined here).
   */
  calledFunction(call: PyNode): PyNode | undefined {
    const fn = call.childForFieldName("function");
    if (fn?.type === "identifier") {
      const def = this.functionNamed(fn.text);
      return def && !this.enclosingClass(def, true) ? def : undefined;
    }
    if (fn?.type !== "attribute") return undefined;
    const obj = fn.childForFieldName("object");
    const method = fn.childForFieldName("attribute")?.text;
    if (!obj || !method) return undefined;
    const cls =
      obj.text === "self" || obj.text === "cls"
        ? this.enclosingClass(fn, false)
        : obj.type === "identifier"
          ? this.classNamed(obj.text)
          : undefined;
    if (!cls) return undefined;
    return this.functionsNamed(method)
      .filter((d) => this.enclosingClass(d, true)?.id === cls.id)
      .pop();
  }

  private importStatement(node: PyNode): void {
    for (const child of node.namedChildren) {
      if (child.type === "dotted_name") {
        const name = child.text;
        // `import a.b` binds `a`, and `a.b.c` still resolves textually.
        this.add(Key.importAlias(name.split(".")[0]), name.split(".")[0]);
      } else if (child.type === "aliased_import") {
        const name = child.childForFieldName("name")?.text;
        const alias = child.childForFieldName("alias")?.text;
        if (name && alias) this.add(Key.importAlias(alias), name);
      }
    }
  }

  private importFrom(node: PyNode): void {
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
      this.add(Key.importAlias(alias), `${module}.${name}`);
      this.add(Key.importedName(alias), { module, name });
    }
  }

  private assignment(node: PyNode): void {
    const left = node.childForFieldName("left");
    const right = node.childForFieldName("right");
    if (!left || !right) return;
    if (left.type === "identifier") {
      this.bind(this.scopeId(node), left.text, right);
      // Class fields are reachable as self.<name> from the class's methods.
      const cls = this.enclosingClass(node, true);
      if (cls) this.bind(cls.id, `self.${left.text}`, right);
    } else if (left.type === "attribute" && isSelf(left.childForFieldName("object"))) {
      const cls = this.enclosingClass(node, false);
      if (cls) this.bind(cls.id, left.text, right);
    } else if (left.type === "attribute") {
      this.bind(0, left.text, right);
    }
  }

  private withItem(node: PyNode): void {
    const value = node.childForFieldName("value");
    if (value?.type === "as_pattern") {
      const target = value.namedChildren.find((c) => c.type === "as_pattern_target")?.namedChildren[0];
      const source = value.namedChildren[0];
      if (target?.type === "identifier" && source) this.bind(this.scopeId(node), target.text, source);
    }
  }

  private functionDefinition(node: PyNode): void {
    const name = node.childForFieldName("name")?.text;
    if (name) this.add(Key.function(name), node);
    const params = node.childForFieldName("parameters");
    if (!params) return;
    for (const p of params.namedChildren) {
      if (p.type === "typed_parameter" || p.type === "typed_default_parameter") {
        const id =
          p.type === "typed_parameter"
            ? p.namedChildren.find((c) => c.type === "identifier")
            : p.childForFieldName("name");
        const type = p.childForFieldName("type");
        if (id && type) this.add(Key.annotation(node.id, id.text), type);
      }
    }
  }

  /** The value last assigned to a name or `self.attr` visible from `at` (before `at` when in the same scope). */
  valueOf(ref: PyNode): PyNode | undefined {
    const name = ref.text;
    if (ref.type === "attribute" && isSelf(ref.childForFieldName("object"))) {
      const cls = this.enclosingClass(ref, false);
      return cls ? last(this.bindings(cls.id, name)) : undefined;
    }
    if (ref.type === "attribute") {
      return last(this.bindings(0, name));
    }
    if (ref.type !== "identifier") return undefined;
    for (let fn = this.enclosingFunction(ref); fn; fn = this.enclosingFunction(fn)) {
      const local = this.bindings(fn.id, name);
      if (local.length) return lastBefore(local, ref) ?? local[0];
    }
    const global = this.bindings(0, name);
    return global.length ? (lastBefore(global, ref) ?? last(global)) : undefined;
  }

  /**
   * Every value a name or `self.attr` may hold where `ref` reads it: all its bindings in the nearest scope that
   * binds it. A `try` that builds a client and an `except` that sets it to None both count.
   */
  valuesOf(ref: PyNode): readonly PyNode[] {
    const name = ref.text;
    if (ref.type === "attribute" && isSelf(ref.childForFieldName("object"))) {
      const cls = this.enclosingClass(ref, false);
      return cls ? this.bindings(cls.id, name) : [];
    }
    if (ref.type === "attribute") {
      return this.bindings(0, name);
    }
    if (ref.type !== "identifier") return [];
    for (let fn = this.enclosingFunction(ref); fn; fn = this.enclosingFunction(fn)) {
      const local = this.bindings(fn.id, name);
      if (local.length) return local;
    }
    return this.bindings(0, name);
  }

  /**
   * Every expression that may have made a value: names followed through all their bindings, both arms of
   * `a if c else b`, both sides of `a or b`. Leaves only (a name nothing binds is a leaf: a parameter).
   */
  resolveAll(node: PyNode, limit = 8): PyNode[] {
    const out: PyNode[] = [];
    // At most 32 steps: a list searched is cheaper to make than a Set, and this runs for most names a call reads.
    const seen: number[] = [];
    const stack = [node];
    for (let steps = 0; stack.length && steps < 32 && out.length < limit; steps++) {
      const current = stack.pop()!;
      if (seen.includes(current.id)) continue;
      seen.push(current.id);
      switch (current.type) {
        case "parenthesized_expression":
        case "await":
          if (current.namedChildren[0]) stack.push(current.namedChildren[0]);
          continue;
        case "conditional_expression": {
          const [a, , b] = current.namedChildren;
          if (b) stack.push(b);
          if (a) stack.push(a);
          continue;
        }
        case "boolean_operator":
          if (current.childForFieldName("operator")?.text === "or") {
            const r = current.childForFieldName("right");
            const l = current.childForFieldName("left");
            if (r) stack.push(r);
            if (l) stack.push(l);
            continue;
          }
          break;
        case "identifier":
        case "attribute": {
          const bound = this.valuesOf(current);
          if (bound.length === 0) break;
          // Followed in source order; bindings already followed are not followed again.
          for (let i = bound.length - 1; i >= 0; i--) if (!seen.includes(bound[i].id)) stack.push(bound[i]);
          continue;
        }
      }
      out.push(current);
    }
    return out;
  }

  /**
   * What a parameter named by `ref` may hold: its default value, and the argument in its place at each call of
   * its function in this file (`send(API_URL, ...)` makes `url` the router URL inside `def send(url, ...)`).
   */
  parameterValues(ref: PyNode): PyNode[] {
    const fn = this.enclosingFunction(ref);
    const params = fn?.childForFieldName("parameters")?.namedChildren ?? [];
    let index = -1;
    let fallback: PyNode | undefined;
    params.forEach((p, i) => {
      const name =
        p.type === "identifier"
          ? p
          : (p.childForFieldName("name") ?? p.namedChildren.find((c) => c.type === "identifier"));
      if (name?.text !== ref.text) return;
      index = i;
      fallback = p.childForFieldName("value") ?? undefined;
    });
    if (!fn || index < 0) return [];
    const out = fallback ? [fallback] : [];
    const name = fn.childForFieldName("name")?.text;
    const method = this.enclosingClass(fn, true) !== undefined;
    for (const site of name ? this.callSites(name) : []) {
      if (site.type !== "call" || out.length > 4) continue;
      const args = site.childForFieldName("arguments")?.namedChildren ?? [];
      const keyword = args.find((a) => a.type === "keyword_argument" && a.childForFieldName("name")?.text === ref.text);
      const positional = args.filter((a) => a.type !== "keyword_argument" && a.type !== "comment");
      const arg = keyword?.childForFieldName("value") ?? positional[index - (method ? 1 : 0)];
      if (arg && arg.type !== "list_splat" && arg.type !== "dictionary_splat") out.push(arg);
    }
    return out;
  }

  /**
   * Whether the expression at `offset` inside `statement` only forwards a parameter: `bill_to`, `opts.bill_to`
   * where `bill_to`/`opts` is a parameter of the enclosing function, or `self.bill_to` where some method of the
   * class takes a `bill_to` parameter.
   */
  forwardsParameter(statement: PyNode, offset: number): boolean {
    let node = statement;
    for (;;) {
      const child = node.namedChildren.find((c) => c.startIndex <= offset && offset < c.endIndex);
      if (!child) break;
      node = child;
    }
    if (node.type !== "identifier") return false;
    const parent = node.parent;
    if (node.text === "self" && parent?.type === "attribute") {
      const member = parent.childForFieldName("attribute")?.text;
      const cls = this.enclosingClass(node, false);
      if (!member || !cls) return false;
      return this.functionsNamed("__init__").some(
        (f) => this.enclosingClass(f, true)?.id === cls.id && parameterNames(f).includes(member),
      );
    }
    const fn = this.enclosingFunction(node);
    return fn !== undefined && parameterNames(fn).includes(node.text) && this.bindings(fn.id, node.text).length === 0;
  }

  enclosingFunction(node: PyNode): PyNode | undefined {
    for (let p = node.parent; p; p = p.parent) if (p.type === "function_definition") return p;
    return undefined;
  }

  /** The class whose body holds `node`; with `direct`, only when no function sits in between (class fields). */
  enclosingClass(node: PyNode, direct: boolean): PyNode | undefined {
    for (let p = node.parent; p; p = p.parent) {
      if (p.type === "class_definition") return p;
      if (direct && p.type === "function_definition") return undefined;
    }
    return undefined;
  }

  private scopeId(node: PyNode): number {
    return this.enclosingFunction(node)?.id ?? 0;
  }

  /** Calls of a function by name (`f(...)`, `self.f(...)`) and places it is passed by name. */
  callSites(name: string): readonly PyNode[] {
    return this.names.values<PyNode>(Key.callSite(name));
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
      const def = this.functionNamed(name);
      if (def && !text.includes(def.text)) parts.push(def.text);
      else {
        const value = last(this.bindings(0, name));
        if (value && value.endIndex - value.startIndex < 2000) parts.push(value.text);
      }
    }
    return parts.join("\n");
  }

  /** The annotation of a parameter named by `ref` in its enclosing functions. */
  annotationOf(ref: PyNode): PyNode | undefined {
    if (ref.type !== "identifier") return undefined;
    for (let fn = this.enclosingFunction(ref); fn; fn = this.enclosingFunction(fn)) {
      const a = this.names.last<PyNode>(Key.annotation(fn.id, ref.text));
      if (a) return a;
    }
    return undefined;
  }

  /** Dotted qualified name of a reference: `hh.InferenceClient` -> "huggingface_hub.InferenceClient". */
  qualify(node: PyNode | null | undefined): string | undefined {
    if (!node) return undefined;
    if (node.type === "identifier") {
      return this.names.last<string>(Key.importAlias(node.text)) ?? node.text;
    }
    if (node.type === "attribute") {
      const obj = this.qualify(node.childForFieldName("object"));
      const attr = node.childForFieldName("attribute")?.text;
      return obj && attr ? `${obj}.${attr}` : undefined;
    }
    return undefined;
  }

  /** Follows names to the expression that made the value (a constructor call, a string, ...). */
  resolve(node: PyNode, depth = 0): PyNode {
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
  evalString(node: PyNode | null | undefined, depth = 0): string | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case "string":
        return node.namedChildren
          .map((c) =>
            c.type === "string_content"
              ? c.text
              : c.type === "interpolation"
                ? (this.evalString(c.namedChildren[0], depth + 1) ?? "{}")
                : "",
          )
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
        if (value) return this.evalString(value, depth + 1);
        // A parameter: its default, else what the function's callers in this file pass.
        for (const candidate of node.type === "identifier" ? this.parameterValues(node) : []) {
          const found = this.evalString(candidate, depth + 2);
          if (found !== undefined) return found;
        }
        return undefined;
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

function parameterNames(fn: PyNode): string[] {
  const params = fn.childForFieldName("parameters")?.namedChildren ?? [];
  return params.map(
    (p) =>
      (p.type === "identifier"
        ? p
        : (p.childForFieldName("name") ?? p.namedChildren.find((c) => c.type === "identifier"))
      )?.text ?? "",
  );
}

/** Whether a node is the name `self`, without copying out the text of every other node asked about. */
function isSelf(node: PyNode | null): boolean {
  return node !== null && node.endIndex - node.startIndex === 4 && node.text === "self";
}

function last<T>(list: readonly T[] | undefined): T | undefined {
  return list ? list[list.length - 1] : undefined;
}

function lastBefore(list: readonly PyNode[], ref: PyNode): PyNode | undefined {
  let found: PyNode | undefined;
  for (const n of list) if (n.startIndex < ref.startIndex) found = n;
  return found;
}

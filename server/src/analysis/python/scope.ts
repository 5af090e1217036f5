// Name resolution for one Python file: imports and aliases, assignments (module, function, `self.x`, class
// fields), `with ... as x`, annotated parameters. Good enough to follow a client object or a URL constant from
// where it is made to where it is used, without a type checker.
import { ReadTracker } from "../incremental/reads";
import type { PyNode } from "./tree";


const MAX_DEPTH = 8;

/**
 * The nodes of one top-level statement that name resolution cares about, in source order. Kept per statement
 * node: an unchanged statement keeps its node across edits (see tree.ts), so it is walked once.
 */
interface Collected {
  events: PyNode[];
  /** What the statement adds to the scope's tables, recorded the first time it is read and replayed after. */
  ops?: Op[];
  definitions: PyNode[];
  calls: PyNode[];
  argumentRefs: PyNode[];
}
const collected = new WeakMap<PyNode, Collected>();

/** One addition to the scope's tables (see Scope.apply). */
type Op =
  | [op: "import", alias: string, qualified: string]
  | [op: "from", alias: string, module: string, name: string]
  | [op: "bind", scope: number, name: string, value: PyNode]
  | [op: "annotate", key: string, type: PyNode]
  | [op: "function", name: string, def: PyNode]
  | [op: "def", def: PyNode]
  | [op: "class", cls: PyNode]
  | [op: "site", name: string, node: PyNode]
  | [op: "contribute", key: string];

function collectStatement(statement: PyNode): Collected {
  let c = collected.get(statement);
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
  collected.set(statement, c);
  return c;
}

export class Scope {
  /** Local name -> qualified name ("IC" -> "huggingface_hub.InferenceClient"). */
  private readonly imports = new Map<string, string>();
  /** Modules imported by `from X import name` that are workspace-relative candidates, keyed by local name. */
  private readonly importedFrom = new Map<string, { module: string; name: string }>();
  /** "<scope id>:<name>" -> assigned values, in source order. */
  private readonly bindings = new Map<string, PyNode[]>();
  /** "<function id>:<param>" -> annotation. */
  private readonly annotations = new Map<string, PyNode>();
  /** Function definitions by name (module-level and nested), for helpers and predicates. */
  readonly functions = new Map<string, PyNode>();
  /** Function and class definitions with their ranges, in source order: enclosing scopes are found by
   * comparing numbers instead of walking parents. */
  private readonly defs: Range[] = [];
  private readonly classes: Range[] = [];
  /** Every call in the file, in source order. */
  readonly calls: PyNode[] = [];
  /** Identifiers and attributes passed as arguments (`helper(fn)`, `helper(client.method)`). */
  readonly argumentRefs: PyNode[] = [];
  /** The top-level statements, and what each holds. */
  readonly statements: PyNode[];
  private readonly parts: Collected[] = [];
  /** Calls and name references by the name they call or pass. */
  private readonly sitesByName = new Map<string, PyNode[]>();
  /** What judging a statement reads from these tables (see incremental/reads.ts). */
  readonly reads: ReadTracker<PyNode>;

  constructor(root: PyNode) {
    this.statements = root.children;
    this.reads = new ReadTracker(this.statements, (s) => s.id, (s) => s.text);
    for (const statement of this.statements) {
      const part = collectStatement(statement);
      this.parts.push(part);
      this.reads.enter(statement);
      if (part.ops) {
        for (const op of part.ops) this.apply(op);
      } else {
        this.recordingOps = part.ops = [];
        for (const node of part.events) this.event(node);
        for (const c of part.calls) {
          const f = c.childForFieldName("function");
          if (f?.type === "identifier") this.apply(["site", f.text, c]);
          else if (f?.type === "attribute") this.apply(["site", f.childForFieldName("attribute")?.text ?? "", c]);
        }
        for (const a of part.argumentRefs) if (a.type === "identifier") this.apply(["site", a.text, a]);
        this.recordingOps = undefined;
      }
      for (const c of part.calls) this.calls.push(c);
      for (const a of part.argumentRefs) this.argumentRefs.push(a);
    }
  }

  private recordingOps?: Op[];

  /**
   * A key this statement contributes to. Recorded as its own op the first time, so replays reuse the same key
   * strings (hashed once) instead of building them again on every keystroke.
   */
  private contribute(key: string): void {
    this.recordingOps!.push(["contribute", key]);
    this.reads.contribute(key);
  }

  /** Adds to the tables (and records the addition while a statement is read for the first time). */
  private apply(op: Op): void {
    this.recordingOps?.push(op);
    switch (op[0]) {
      case "import":
        this.imports.set(op[1], op[2]);
        if (this.recordingOps) this.contribute(`i:${op[1]}`);
        break;
      case "from":
        this.importedFrom.set(op[1], { module: op[2], name: op[3] });
        break;
      case "bind": {
        const [, scope, name, value] = op;
        const key = `${scope}:${name}`;
        if (scope === 0 && this.recordingOps) this.contribute(`b:${name}`);
        const list = this.bindings.get(key);
        if (list) list.push(value);
        else this.bindings.set(key, [value]);
        break;
      }
      case "annotate":
        this.annotations.set(op[1], op[2]);
        break;
      case "function":
        this.functions.set(op[1], op[2]);
        if (this.recordingOps) this.contribute(`f:${op[1]}`);
        break;
      case "def":
        addRange(this.defs, op[1]);
        break;
      case "class":
        addRange(this.classes, op[1]);
        break;
      case "site": {
        const list = this.sitesByName.get(op[1]);
        if (list) list.push(op[2]);
        else this.sitesByName.set(op[1], [op[2]]);
        if (this.recordingOps) this.contribute(`s:${op[1]}`);
        break;
      }
      case "contribute":
        this.reads.contribute(op[1]);
        break;
    }
  }

  /** The calls and argument references of one top-level statement. */
  partOf(index: number): { calls: PyNode[]; argumentRefs: PyNode[]; definitions: PyNode[] } {
    return this.parts[index];
  }

  /** The top-level statement holding an offset (the last one starting at or before it). */
  statementAt(offset: number): PyNode {
    const list = this.statements;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].startIndex <= offset) lo = mid + 1;
      else hi = mid;
    }
    return list[Math.max(0, lo - 1)];
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
        this.apply(["def", node]);
        this.functionDefinition(node);
        break;
      case "class_definition":
        this.apply(["class", node]);
        break;
    }
  }

  /** The import bound to a local name (`from utils.retry import with_backoff`). */
  importOf(name: string): { module: string; name: string } | undefined {
    this.reads.read(`i:${name}`);
    return this.importedFrom.get(name);
  }

  /** The function defined under a name (the last one, as Python binds it). */
  functionNamed(name: string): PyNode | undefined {
    this.reads.read(`f:${name}`);
    return this.functions.get(name);
  }

  private importStatement(node: PyNode): void {
    for (const child of node.namedChildren) {
      if (child.type === "dotted_name") {
        const name = child.text;
        // `import a.b` binds `a`, and `a.b.c` still resolves textually.
        this.apply(["import", name.split(".")[0], name.split(".")[0]]);
      } else if (child.type === "aliased_import") {
        const name = child.childForFieldName("name")?.text;
        const alias = child.childForFieldName("alias")?.text;
        if (name && alias) this.apply(["import", alias, name]);
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
      this.apply(["import", alias, `${module}.${name}`]);
      this.apply(["from", alias, module, name]);
    }
  }

  private assignment(node: PyNode): void {
    const left = node.childForFieldName("left");
    const right = node.childForFieldName("right");
    if (!left || !right) return;
    if (left.type === "identifier") {
      this.apply(["bind", this.scopeId(node), left.text, right]);
      // Class fields are reachable as self.<name> from the class's methods.
      const cls = this.enclosingClass(node, true);
      if (cls) this.apply(["bind", cls.id, `self.${left.text}`, right]);
    } else if (left.type === "attribute" && left.childForFieldName("object")?.text === "self") {
      const cls = this.enclosingClass(node, false);
      if (cls) this.apply(["bind", cls.id, left.text, right]);
    } else if (left.type === "attribute") {
      this.apply(["bind", 0, left.text, right]);
    }
  }

  private withItem(node: PyNode): void {
    const value = node.childForFieldName("value");
    if (value?.type === "as_pattern") {
      const target = value.namedChildren.find((c) => c.type === "as_pattern_target")?.namedChildren[0];
      const source = value.namedChildren[0];
      if (target?.type === "identifier" && source) this.apply(["bind", this.scopeId(node), target.text, source]);
    }
  }

  private functionDefinition(node: PyNode): void {
    const name = node.childForFieldName("name")?.text;
    if (name) this.apply(["function", name, node]);
    const params = node.childForFieldName("parameters");
    if (!params) return;
    for (const p of params.namedChildren) {
      if (p.type === "typed_parameter" || p.type === "typed_default_parameter") {
        const id = p.type === "typed_parameter" ? p.namedChildren.find((c) => c.type === "identifier") : p.childForFieldName("name");
        const type = p.childForFieldName("type");
        if (id && type) this.apply(["annotate", `${node.id}:${id.text}`, type]);
      }
    }
  }

  /** The value last assigned to a name or `self.attr` visible from `at` (before `at` when in the same scope). */
  valueOf(ref: PyNode): PyNode | undefined {
    const name = ref.text;
    if (ref.type === "attribute" && ref.childForFieldName("object")?.text === "self") {
      const cls = this.enclosingClass(ref, false);
      return cls ? last(this.bindings.get(`${cls.id}:${name}`)) : undefined;
    }
    if (ref.type === "attribute") {
      this.reads.read(`b:${name}`);
      return last(this.bindings.get(`0:${name}`));
    }
    if (ref.type !== "identifier") return undefined;
    for (let fn = this.enclosingFunction(ref); fn; fn = this.enclosingFunction(fn)) {
      const local = this.bindings.get(`${fn.id}:${name}`);
      if (local) return lastBefore(local, ref) ?? local[0];
    }
    this.reads.read(`b:${name}`);
    const global = this.bindings.get(`0:${name}`);
    return global ? lastBefore(global, ref) ?? last(global) : undefined;
  }


  enclosingFunction(node: PyNode): PyNode | undefined {
    return innermost(this.defs, node.startIndex, node.endIndex)?.node;
  }

  /** The class whose body holds `node`; with `direct`, only when no function sits in between (class fields). */
  enclosingClass(node: PyNode, direct: boolean): PyNode | undefined {
    const cls = innermost(this.classes, node.startIndex, node.endIndex);
    if (!cls) return undefined;
    if (direct) {
      const fn = innermost(this.defs, node.startIndex, node.endIndex);
      if (fn && fn.start > cls.start) return undefined;
    }
    return cls.node;
  }

  private scopeId(node: PyNode): number {
    return this.enclosingFunction(node)?.id ?? 0;
  }

  /** Calls of a function by name (`f(...)`, `self.f(...)`) and places it is passed by name. */
  callSites(name: string): PyNode[] {
    this.reads.read(`s:${name}`);
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
      const def = this.functionNamed(name);
      if (def && !text.includes(def.text)) parts.push(def.text);
      else {
        this.reads.read(`b:${name}`);
        const value = last(this.bindings.get(`0:${name}`));
        if (value && value.endIndex - value.startIndex < 2000) parts.push(value.text);
      }
    }
    return parts.join("\n");
  }

  /** The annotation of a parameter named by `ref` in its enclosing functions. */
  annotationOf(ref: PyNode): PyNode | undefined {
    if (ref.type !== "identifier") return undefined;
    for (let fn = this.enclosingFunction(ref); fn; fn = this.enclosingFunction(fn)) {
      const a = this.annotations.get(`${fn.id}:${ref.text}`);
      if (a) return a;
    }
    return undefined;
  }

  /** Dotted qualified name of a reference: `hh.InferenceClient` -> "huggingface_hub.InferenceClient". */
  qualify(node: PyNode | null | undefined): string | undefined {
    if (!node) return undefined;
    if (node.type === "identifier") {
      this.reads.read(`i:${node.text}`);
      return this.imports.get(node.text) ?? node.text;
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

function lastBefore(list: PyNode[], ref: PyNode): PyNode | undefined {
  let found: PyNode | undefined;
  for (const n of list) if (n.startIndex < ref.startIndex) found = n;
  return found;
}

interface Range {
  start: number;
  end: number;
  node: PyNode;
  /** Index of the innermost range around this one, or -1. */
  parent: number;
}

/** Appends a definition (they arrive in source order, so its parent is the last one, or one of that one's parents). */
function addRange(ranges: Range[], node: PyNode): void {
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

// Name resolution for one JS/TS file: ES imports (named, default, namespace, aliases), require() (plain and
// destructured), const/let/var bindings per function scope, class fields and `this.x = ...` in constructors,
// and annotated parameters. Enough to follow a client or a URL constant from where it is made to where it is used.
import ts from "typescript";
import { ReadTracker } from "../incremental/reads";
import { Kind } from "./kinds";

const MAX_DEPTH = 8;

/** Stable ids for nodes (keys of the name tables; TS positions move when an edit above shifts the text). */
const ids = new WeakMap<ts.Node, number>();
let nextId = 1;
export function idOf(node: ts.Node): number {
  let id = ids.get(node);
  if (id === undefined) ids.set(node, (id = nextId++));
  return id;
}

/** Scope key of a function or the module (0): module-level names are what other statements can read. */
function scopeKey(scope: ts.Node): number {
  return scope.kind === Kind.SourceFile ? 0 : idOf(scope);
}

/** The nodes of one top-level statement that name resolution cares about, in source order (kept per statement). */
interface Collected {
  events: ts.Node[];
  calls: ts.CallExpression[];
  news: ts.NewExpression[];
  argumentRefs: ts.Expression[];
  definitions: ts.FunctionLikeDeclaration[];
  /** What the statement adds to the tables, recorded the first time it is read and replayed after. */
  ops?: Op[];
}
const collected = new WeakMap<ts.Node, Collected>();

function collectStatement(statement: ts.Node): Collected {
  let c = collected.get(statement);
  if (c) return c;
  c = { events: [], calls: [], news: [], argumentRefs: [], definitions: [] };
  // Depth-first in source order with an explicit stack: deeply nested code must not overflow the JS stack.
  const stack: ts.Node[] = [statement];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node) => void children.push(child);
  while (stack.length) {
    const node = stack.pop()!;
    // One switch on the node's kind: the ts.isX predicates would each re-read `kind` from a megamorphic site.
    switch (node.kind) {
      case Kind.ImportDeclaration:
      case Kind.VariableDeclaration:
      case Kind.PropertyDeclaration:
      case Kind.BinaryExpression:
        c.events.push(node);
        break;
      case Kind.CallExpression: {
        const call = node as ts.CallExpression;
        c.calls.push(call);
        for (const a of call.arguments) if (a.kind === Kind.Identifier || a.kind === Kind.PropertyAccessExpression) c.argumentRefs.push(a);
        break;
      }
      case Kind.NewExpression:
        c.news.push(node as ts.NewExpression);
        break;
      case Kind.FunctionDeclaration:
      case Kind.MethodDeclaration:
      case Kind.ArrowFunction:
      case Kind.FunctionExpression:
      case Kind.Constructor:
        c.events.push(node);
        c.definitions.push(node as ts.FunctionLikeDeclaration);
        break;
    }
    children.length = 0;
    ts.forEachChild(node, collect);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  collected.set(statement, c);
  return c;
}

/** One addition to the scope's tables (see JsScope.apply). */
type Op =
  | [op: "import", local: string, module: string, exported: string]
  | [op: "namespace", local: string, module: string]
  | [op: "bind", key: string, moduleName: string | undefined, value: ts.Expression]
  | [op: "annotate", key: string, moduleName: string | undefined, type: ts.TypeNode]
  | [op: "function", name: string, fn: ts.FunctionLikeDeclaration]
  | [op: "site", name: string, node: ts.Node]
  | [op: "contribute", key: string];

export class JsScope {
  /** Local name -> "module.export" ("IC" -> "@huggingface/inference.InferenceClient"; default -> "axios.default"). */
  private readonly imports = new Map<string, string>();
  /** Names imported from relative modules, for cross-file helpers. */
  private readonly importedFrom = new Map<string, { module: string; name: string }>();
  private readonly bindings = new Map<string, ts.Expression[]>();
  private readonly annotations = new Map<string, ts.TypeNode>();
  private readonly functions = new Map<string, ts.FunctionLikeDeclaration>();
  private readonly sites = new Map<string, ts.Node[]>();
  readonly calls: ts.CallExpression[] = [];
  readonly statements: readonly ts.Statement[];
  private readonly parts: Collected[] = [];
  /** What judging a statement reads from these tables (see incremental/reads.ts). */
  readonly reads: ReadTracker<ts.Node>;
  private recordingOps?: Op[];

  constructor(readonly file: ts.SourceFile) {
    this.statements = file.statements;
    this.reads = new ReadTracker<ts.Node>(this.statements, idOf, (s) => file.text.slice(s.pos, s.end));
    for (const statement of this.statements) {
      const part = collectStatement(statement);
      this.parts.push(part);
      this.reads.enter(statement);
      if (part.ops) {
        for (const op of part.ops) this.apply(op);
      } else {
        this.recordingOps = part.ops = [];
        for (const node of part.events) this.visit(node);
        for (const c of part.calls) {
          if (ts.isIdentifier(c.expression)) this.apply(["site", c.expression.text, c]);
          else if (ts.isPropertyAccessExpression(c.expression)) this.apply(["site", c.expression.name.text, c]);
        }
        for (const r of part.argumentRefs) if (ts.isIdentifier(r)) this.apply(["site", r.text, r]);
        this.recordingOps = undefined;
      }
      for (const c of part.calls) this.calls.push(c);
    }
  }

  /** The calls, constructions and functions of one top-level statement. */
  partOf(index: number): { calls: ts.CallExpression[]; news: ts.NewExpression[]; definitions: ts.FunctionLikeDeclaration[] } {
    return this.parts[index];
  }

  /** The top-level statement holding an offset (the last one starting at or before it). */
  statementAt(offset: number): ts.Node {
    const list = this.statements;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].pos <= offset) lo = mid + 1;
      else hi = mid;
    }
    return list[Math.max(0, lo - 1)];
  }

  /** Adds to the tables (and records the addition while a statement is read for the first time). */
  private apply(op: Op): void {
    this.recordingOps?.push(op);
    switch (op[0]) {
      case "import":
        this.imports.set(op[1], `${op[2]}.${op[3]}`);
        this.importedFrom.set(op[1], { module: op[2], name: op[3] });
        if (this.recordingOps) this.contribute(`i:${op[1]}`);
        break;
      case "namespace":
        this.imports.set(op[1], op[2]);
        if (this.recordingOps) this.contribute(`i:${op[1]}`);
        break;
      case "bind": {
        const list = this.bindings.get(op[1]);
        if (list) list.push(op[3]);
        else this.bindings.set(op[1], [op[3]]);
        if (op[2] !== undefined && this.recordingOps) this.contribute(`b:${op[2]}`);
        break;
      }
      case "annotate":
        this.annotations.set(op[1], op[3]);
        if (op[2] !== undefined && this.recordingOps) this.contribute(`b:${op[2]}`);
        break;
      case "function":
        this.functions.set(op[1], op[2]);
        if (this.recordingOps) this.contribute(`f:${op[1]}`);
        break;
      case "site": {
        const list = this.sites.get(op[1]);
        if (list) list.push(op[2]);
        else this.sites.set(op[1], [op[2]]);
        if (this.recordingOps) this.contribute(`s:${op[1]}`);
        break;
      }
      case "contribute":
        this.reads.contribute(op[1]);
        break;
    }
  }

  /** A key this statement contributes to, kept as its own op so replays reuse the key strings (hashed once). */
  private contribute(key: string): void {
    this.recordingOps!.push(["contribute", key]);
    this.reads.contribute(key);
  }

  private visit(node: ts.Node): void {
    switch (node.kind) {
      case Kind.ImportDeclaration:
        this.importDeclaration(node as ts.ImportDeclaration);
        return;
      case Kind.VariableDeclaration:
        this.variable(node as ts.VariableDeclaration);
        return;
      case Kind.PropertyDeclaration: {
        const prop = node as ts.PropertyDeclaration;
        if (prop.initializer && ts.isIdentifier(prop.name)) this.bind(prop.parent, `this.${prop.name.text}`, prop.initializer);
        return;
      }
      case Kind.BinaryExpression: {
        const bin = node as ts.BinaryExpression;
        if (bin.operatorToken.kind !== Kind.EqualsToken) return;
        const left = bin.left;
        if (ts.isPropertyAccessExpression(left) && left.expression.kind === Kind.ThisKeyword) {
          const cls = enclosingClass(bin);
          if (cls) this.bind(cls, `this.${left.name.text}`, bin.right);
        } else if (ts.isIdentifier(left)) this.bind(scopeOf(bin), left.text, bin.right);
        return;
      }
      default:
        this.functionLike(node as ts.FunctionLikeDeclaration);
    }
  }

  private functionLike(node: ts.FunctionLikeDeclaration): void {
    const name = functionName(node);
    if (name) this.apply(["function", name, node]);
    for (const p of node.parameters) if (ts.isIdentifier(p.name) && p.type) this.annotate(node, p.name.text, p.type);
    // Constructor parameter properties: constructor(private client: InferenceClient)
    if (ts.isConstructorDeclaration(node)) {
      for (const p of node.parameters) {
        if (ts.isIdentifier(p.name) && p.type && p.modifiers?.length) this.apply(["annotate", `class:${idOf(node.parent)}:this.${p.name.text}`, undefined, p.type]);
      }
    }
  }

  private annotate(scope: ts.Node, name: string, type: ts.TypeNode): void {
    const key = scopeKey(scope);
    this.apply(["annotate", `${key}:${name}`, key === 0 ? name : undefined, type]);
  }

  /** The import bound to a local name (`import { withBackoff } from "./retry"`). */
  importOf(name: string): { module: string; name: string } | undefined {
    this.reads.read(`i:${name}`);
    return this.importedFrom.get(name);
  }

  /** The function defined under a name (the last one). */
  functionNamed(name: string): ts.FunctionLikeDeclaration | undefined {
    this.reads.read(`f:${name}`);
    return this.functions.get(name);
  }

  private importDeclaration(node: ts.ImportDeclaration): void {
    if (!ts.isStringLiteral(node.moduleSpecifier) || !node.importClause) return;
    const module = node.moduleSpecifier.text;
    const clause = node.importClause;
    if (clause.name) this.addImport(clause.name.text, module, "default");
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) this.apply(["namespace", bindings.name.text, module]);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) this.addImport(el.name.text, module, (el.propertyName ?? el.name).text);
    }
  }

  private addImport(local: string, module: string, exported: string): void {
    this.apply(["import", local, module, exported]);
  }

  private variable(node: ts.VariableDeclaration): void {
    const init = node.initializer;
    if (!init) return;
    const req = requireOf(init);
    if (req !== undefined) {
      if (ts.isIdentifier(node.name)) this.addImport(node.name.text, req, "default");
      else if (ts.isObjectBindingPattern(node.name)) {
        for (const el of node.name.elements) {
          if (!ts.isIdentifier(el.name)) continue;
          const exported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
          this.addImport(el.name.text, req, exported);
        }
      }
      return;
    }
    if (ts.isIdentifier(node.name)) {
      this.bind(scopeOf(node), node.name.text, init);
      if (node.type) this.annotate(scopeOf(node), node.name.text, node.type);
    }
  }

  private bind(scope: ts.Node, name: string, value: ts.Expression): void {
    const key = scopeKey(scope);
    this.apply(["bind", `${key}:${name}`, key === 0 ? name : undefined, value]);
  }

  /** Calls of a function by name (`f()`, `this.f()`) and places it is passed by name. */
  callSites(name: string): ts.Node[] {
    this.reads.read(`s:${name}`);
    return this.sites.get(name) ?? [];
  }

  /** A text plus, one level deep, the local functions and module constants it names (see the Python twin). */
  expandedText(text: string): string {
    const parts = [text];
    const seen = new Set<string>();
    for (const m of text.matchAll(/\b[A-Za-z_$][\w$]*\b/g)) {
      const name = m[0];
      if (seen.has(name)) continue;
      seen.add(name);
      const fn = this.functionNamed(name);
      const fnText = fn?.getText();
      if (fnText && !text.includes(fnText)) parts.push(fnText);
      else if (!fn) {
        this.reads.read(`b:${name}`);
        const list = this.bindings.get(`0:${name}`);
        const value = list?.[list.length - 1];
        if (value && value.end - value.pos < 2000) parts.push(value.getText());
      }
    }
    return parts.join("\n");
  }

  valueOf(ref: ts.Expression): ts.Expression | undefined {
    if (ts.isPropertyAccessExpression(ref) && ref.expression.kind === Kind.ThisKeyword) {
      const cls = enclosingClass(ref);
      if (!cls) return undefined;
      const list = this.bindings.get(`${idOf(cls)}:this.${ref.name.text}`);
      return list?.[list.length - 1];
    }
    if (!ts.isIdentifier(ref)) return undefined;
    for (let scope: ts.Node | undefined = scopeOf(ref); scope; scope = scope.parent ? scopeOf(scope) : undefined) {
      const key = scopeKey(scope);
      if (key === 0) this.reads.read(`b:${ref.text}`);
      const list = this.bindings.get(`${key}:${ref.text}`);
      if (list) return list.filter((v) => v.pos < ref.pos).pop() ?? list[0];
      if (scope.kind === Kind.SourceFile) break;
    }
    return undefined;
  }

  /** The declared type of a parameter, variable, or constructor parameter property. */
  annotationOf(ref: ts.Expression): ts.TypeNode | undefined {
    if (ts.isPropertyAccessExpression(ref) && ref.expression.kind === Kind.ThisKeyword) {
      const cls = enclosingClass(ref);
      if (cls) {
        const direct = this.annotations.get(`class:${idOf(cls)}:this.${ref.name.text}`);
        if (direct) return direct;
        const member = cls.members.find((m) => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === ref.name.text) as ts.PropertyDeclaration | undefined;
        return member?.type;
      }
      return undefined;
    }
    if (!ts.isIdentifier(ref)) return undefined;
    for (let scope: ts.Node | undefined = scopeOf(ref); scope; scope = scope.parent ? scopeOf(scope) : undefined) {
      const key = scopeKey(scope);
      if (key === 0) this.reads.read(`b:${ref.text}`);
      const a = this.annotations.get(`${key}:${ref.text}`);
      if (a) return a;
      if (scope.kind === Kind.SourceFile) break;
    }
    return undefined;
  }

  qualify(node: ts.Node | undefined): string | undefined {
    if (!node) return undefined;
    if (ts.isIdentifier(node)) {
      this.reads.read(`i:${node.text}`);
      return this.imports.get(node.text) ?? node.text;
    }
    if (ts.isPropertyAccessExpression(node)) {
      const obj = this.qualify(node.expression);
      return obj ? `${obj}.${node.name.text}` : undefined;
    }
    if (ts.isTypeReferenceNode(node)) return this.qualify(ts.isIdentifier(node.typeName) ? node.typeName : (node.typeName as unknown as ts.Node));
    if (ts.isQualifiedName(node)) {
      const left = this.qualify(node.left as ts.Node);
      return left ? `${left}.${node.right.text}` : undefined;
    }
    return undefined;
  }

  resolve(node: ts.Expression): ts.Expression {
    let current = unwrap(node);
    for (let i = 0; i < MAX_DEPTH; i++) {
      const value = this.valueOf(current);
      if (!value || value === current) return current;
      current = unwrap(value);
    }
    return current;
  }

  evalString(node: ts.Node | undefined, depth = 0): string | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) {
      return node.head.text + node.templateSpans.map((s) => (this.evalString(s.expression, depth + 1) ?? "{}") + s.literal.text).join("");
    }
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) return this.evalString(node.expression, depth + 1);
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === Kind.PlusToken) {
        const l = this.evalString(node.left, depth + 1);
        const r = this.evalString(node.right, depth + 1);
        return l === undefined && r === undefined ? undefined : (l ?? "{}") + (r ?? "{}");
      }
      // process.env.HF_BASE ?? "https://router.huggingface.co/v1"
      if (op === Kind.QuestionQuestionToken || op === Kind.BarBarToken) return this.evalString(node.left, depth + 1) ?? this.evalString(node.right, depth + 1);
    }
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
      const v = this.valueOf(node);
      return v ? this.evalString(v, depth + 1) : undefined;
    }
    if (ts.isNewExpression(node) && this.qualify(node.expression) === "URL" && node.arguments?.length) {
      return (this.evalString(node.arguments[1], depth + 1) ?? "") + (this.evalString(node.arguments[0], depth + 1) ?? "{}");
    }
    return undefined;
  }
}

export function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isAwaitExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n)) n = n.expression;
  return n;
}

function requireOf(init: ts.Expression): string | undefined {
  let e = init;
  if (ts.isPropertyAccessExpression(e) && e.name.text === "default") e = e.expression;
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "require" && e.arguments.length === 1 && ts.isStringLiteral(e.arguments[0])) {
    return e.arguments[0].text;
  }
  return undefined;
}

export function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessor(node);
}

export function scopeOf(node: ts.Node): ts.Node {
  for (let p = node.parent; p; p = p.parent) if (isFunctionLike(p) || ts.isSourceFile(p)) return p;
  return node.getSourceFile();
}

export function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionLike(p)) return p;
  return undefined;
}

export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent) if (ts.isClassDeclaration(p) || ts.isClassExpression(p)) return p;
  return undefined;
}

export function functionName(fn: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return undefined;
}

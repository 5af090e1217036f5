// Name resolution for one JS/TS file: ES imports (named, default, namespace, aliases), require() (plain and
// destructured), const/let/var bindings per function scope, class fields and `this.x = ...` in constructors,
// and annotated parameters. Enough to follow a client or a URL constant from where it is made to where it is used.
import ts from "typescript";
import { lastStartingAtOrBefore } from "../incremental/locate";
import type { FileState } from "../incremental/fileState";
import { ReadTracker } from "../incremental/reads";
import { Key, type TableKey } from "../incremental/keys";
import { StatementTables, type NameLookup } from "../incremental/tables";
import { Kind } from "./kinds";
import { settle } from "./splice";

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
  /** What the statement adds to the name tables (see JsScope.entriesOf). */
  entries?: (readonly [TableKey, unknown])[];
}
const collected = new WeakMap<ts.Node, Collected>();

function collectStatement(statement: ts.Node): Collected {
  let c = collected.get(statement);
  if (c) return c;
  c = { events: [], calls: [], news: [], argumentRefs: [], definitions: [] };
  // Depth-first in source order with an explicit stack: deeply nested code must not overflow the JS stack.
  const stack: ts.Node[] = [statement];
  // Children go straight onto the stack and are then reversed in place: a list of them per node, emptied with
  // `length = 0` (which drops its storage), was a ninth of what the JS/TS frontend allocated on a cold scan.
  const push = (child: ts.Node) => void stack.push(child);
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
        for (const a of call.arguments)
          if (a.kind === Kind.Identifier || a.kind === Kind.PropertyAccessExpression) c.argumentRefs.push(a);
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
    const first = stack.length;
    ts.forEachChild(node, push);
    for (let i = first, j = stack.length - 1; i < j; i++, j--) {
      const child = stack[i];
      stack[i] = stack[j];
      stack[j] = child;
    }
  }
  collected.set(statement, c);
  return c;
}

// Module-level, not an arrow in the constructor: a closure kept by the tables would keep that first scope alive.
const startOf = (s: ts.Node) => s.pos;

/** Name resolution over the file's tables (keys: incremental/keys.ts); every lookup goes through `names`. */
export class JsScope {
  private readonly tables: StatementTables<ts.Node>;
  readonly statements: readonly ts.Statement[];
  private readonly parts: Collected[] = [];
  /** What judging a statement reads from these tables (see incremental/reads.ts). */
  readonly reads: ReadTracker<ts.Node>;
  /** Lookups in the tables; each records its read into `reads` (so no lookup can go unrecorded). */
  private readonly names: NameLookup;

  /** `state` is what the file kept from its last version (its tables), updated here; undefined keeps nothing. */
  constructor(
    readonly file: ts.SourceFile,
    state: FileState | undefined,
  ) {
    this.statements = file.statements;
    for (const statement of this.statements) this.parts.push(collectStatement(statement));
    this.tables = (state?.tables as StatementTables<ts.Node> | undefined) ?? new StatementTables<ts.Node>(startOf);
    this.tables.update(this.statements, (s) => this.entriesOf(s));
    if (state) state.tables = this.tables;
    this.reads = new ReadTracker<ts.Node>(
      this.statements,
      idOf,
      (s) => s.getText(),
      (key) => this.tables.statementsOf(key),
    );
    // A lookup hands out nodes of other statements: their insides are brought to where they are first (splice.ts).
    this.names = this.tables.lookup(this.reads, settle);
  }

  /** Every call in the file, in source order (for the rare questions about all of them). */
  get calls(): ts.CallExpression[] {
    for (const statement of this.statements) settle(statement);
    return this.parts.flatMap((p) => p.calls);
  }

  /** What a statement adds to the tables, worked out the first time the statement is seen. */
  private entriesOf(statement: ts.Node): readonly (readonly [TableKey, unknown])[] {
    const part = collectStatement(statement);
    if (part.entries) return part.entries;
    const entries: (readonly [TableKey, unknown])[] = (this.pending = []);
    for (const node of part.events) this.visit(node);
    for (const c of part.calls) {
      if (ts.isIdentifier(c.expression)) entries.push([Key.callSite(c.expression.text), c]);
      else if (ts.isPropertyAccessExpression(c.expression)) entries.push([Key.callSite(c.expression.name.text), c]);
    }
    for (const r of part.argumentRefs) if (ts.isIdentifier(r)) entries.push([Key.callSite(r.text), r]);
    part.entries = entries;
    return entries;
  }

  private pending: (readonly [TableKey, unknown])[] = [];

  private add(key: TableKey, value: unknown): void {
    this.pending.push([key, value]);
  }

  /** The calls, constructions and functions of one top-level statement. */
  partOf(index: number): {
    calls: ts.CallExpression[];
    news: ts.NewExpression[];
    definitions: ts.FunctionLikeDeclaration[];
  } {
    return this.parts[index];
  }

  /** The top-level statement holding an offset (the last one starting at or before it). */
  statementAt(offset: number): ts.Node {
    return this.statements[Math.max(0, lastStartingAtOrBefore(this.statements, startOf, offset))];
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
        if (prop.initializer && ts.isIdentifier(prop.name))
          this.bind(prop.parent, `this.${prop.name.text}`, prop.initializer);
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
    if (name) this.add(Key.function(name), node);
    for (const p of node.parameters) if (ts.isIdentifier(p.name) && p.type) this.annotate(node, p.name.text, p.type);
    // Constructor parameter properties: constructor(private client: InferenceClient)
    if (ts.isConstructorDeclaration(node)) {
      for (const p of node.parameters) {
        if (ts.isIdentifier(p.name) && p.type && p.modifiers?.length)
          this.add(Key.annotation(`class:${idOf(node.parent)}`, `this.${p.name.text}`), p.type);
      }
    }
  }

  private annotate(scope: ts.Node, name: string, type: ts.TypeNode): void {
    const key = scopeKey(scope);
    this.add(key === 0 ? Key.bindingType(name) : Key.annotation(key, name), type);
  }

  /** The import bound to a local name (`import { withBackoff } from "./retry"`). */
  importOf(name: string): { module: string; name: string } | undefined {
    return this.names.last(Key.importedName(name));
  }

  /** The function defined under a name (the last one). */
  functionNamed(name: string): ts.FunctionLikeDeclaration | undefined {
    return this.names.last(Key.function(name));
  }

  private importDeclaration(node: ts.ImportDeclaration): void {
    if (!ts.isStringLiteral(node.moduleSpecifier) || !node.importClause) return;
    const module = node.moduleSpecifier.text;
    const clause = node.importClause;
    if (clause.name) this.addImport(clause.name.text, module, "default");
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) this.add(Key.importAlias(bindings.name.text), module);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) this.addImport(el.name.text, module, (el.propertyName ?? el.name).text);
    }
  }

  private addImport(local: string, module: string, exported: string): void {
    this.add(Key.importAlias(local), `${module}.${exported}`);
    this.add(Key.importedName(local), { module, name: exported });
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
    this.add(Key.scoped(key, name), value);
  }

  private bindings(scope: number, name: string): readonly ts.Expression[] {
    return this.names.values<ts.Expression>(Key.scoped(scope, name));
  }

  /** Calls of a function by name (`f()`, `this.f()`) and places it is passed by name. */
  callSites(name: string): readonly ts.Node[] {
    return this.names.values<ts.Node>(Key.callSite(name));
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
        const list = this.bindings(0, name);
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
      const list = this.bindings(idOf(cls), `this.${ref.name.text}`);
      return list?.[list.length - 1];
    }
    if (!ts.isIdentifier(ref)) return undefined;
    for (let scope: ts.Node | undefined = scopeOf(ref); scope; scope = scope.parent ? scopeOf(scope) : undefined) {
      const key = scopeKey(scope);
      const list = this.bindings(key, ref.text);
      if (list.length) return list.filter((v) => v.pos < ref.pos).pop() ?? list[0];
      if (scope.kind === Kind.SourceFile) break;
    }
    return undefined;
  }

  /**
   * What a parameter named by `ref` may hold: its default value, and the argument in its place at each call of
   * its function in this file (`post(API_URL, body)` makes `url` the router URL inside `function post(url, body)`).
   */
  parameterValues(ref: ts.Identifier): ts.Expression[] {
    const fn = enclosingFunction(ref);
    const index = fn ? fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === ref.text) : -1;
    if (!fn || index < 0) return [];
    const param = fn.parameters[index];
    const out: ts.Expression[] = param.initializer ? [param.initializer] : [];
    const name = functionName(fn);
    for (const site of name ? this.callSites(name) : []) {
      if (out.length > 4) break;
      const arg = ts.isCallExpression(site) ? site.arguments[index] : undefined;
      if (arg && !ts.isSpreadElement(arg)) out.push(arg);
    }
    return out;
  }

  /**
   * Whether the expression at `offset` inside `statement` only forwards a parameter: `billTo`, `opts.billTo`
   * where `billTo`/`opts` is a parameter of the enclosing function, or `this.billTo` where the class's constructor
   * takes a `billTo` parameter.
   */
  forwardsParameter(statement: ts.Node, offset: number): boolean {
    let node: ts.Node = statement;
    for (;;) {
      let next: ts.Node | undefined;
      ts.forEachChild(node, (c) => {
        if (!next && c.getStart(this.file) <= offset && offset < c.getEnd()) next = c;
      });
      if (!next) break;
      node = next;
    }
    if (node.kind === Kind.ThisKeyword && node.parent && ts.isPropertyAccessExpression(node.parent)) {
      const member = node.parent.name.text;
      const ctor = enclosingClass(node)?.members.find(ts.isConstructorDeclaration);
      return ctor?.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === member) ?? false;
    }
    if (!ts.isIdentifier(node)) return false;
    const name = node.text;
    for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
      if (
        fn.parameters.some((p) =>
          ts.isIdentifier(p.name)
            ? p.name.text === name
            : ts.isObjectBindingPattern(p.name) &&
              p.name.elements.some((e) => ts.isIdentifier(e.name) && e.name.text === name),
        )
      )
        return true;
    }
    return false;
  }

  /** The declared type of a parameter, variable, or constructor parameter property. */
  annotationOf(ref: ts.Expression): ts.TypeNode | undefined {
    if (ts.isPropertyAccessExpression(ref) && ref.expression.kind === Kind.ThisKeyword) {
      const cls = enclosingClass(ref);
      if (cls) {
        const direct = this.names.last<ts.TypeNode>(Key.annotation(`class:${idOf(cls)}`, `this.${ref.name.text}`));
        if (direct) return direct;
        const member = cls.members.find(
          (m) => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === ref.name.text,
        ) as ts.PropertyDeclaration | undefined;
        return member?.type;
      }
      return undefined;
    }
    if (!ts.isIdentifier(ref)) return undefined;
    for (let scope: ts.Node | undefined = scopeOf(ref); scope; scope = scope.parent ? scopeOf(scope) : undefined) {
      const key = scopeKey(scope);
      const a = this.names.last<ts.TypeNode>(key === 0 ? Key.bindingType(ref.text) : Key.annotation(key, ref.text));
      if (a) return a;
      if (scope.kind === Kind.SourceFile) break;
    }
    return undefined;
  }

  qualify(node: ts.Node | undefined): string | undefined {
    if (!node) return undefined;
    if (ts.isIdentifier(node)) {
      return this.names.last<string>(Key.importAlias(node.text)) ?? node.text;
    }
    if (ts.isPropertyAccessExpression(node)) {
      const obj = this.qualify(node.expression);
      return obj ? `${obj}.${node.name.text}` : undefined;
    }
    if (ts.isTypeReferenceNode(node))
      return this.qualify(ts.isIdentifier(node.typeName) ? node.typeName : (node.typeName as unknown as ts.Node));
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
      return (
        node.head.text +
        node.templateSpans.map((s) => (this.evalString(s.expression, depth + 1) ?? "{}") + s.literal.text).join("")
      );
    }
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node))
      return this.evalString(node.expression, depth + 1);
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === Kind.PlusToken) {
        const l = this.evalString(node.left, depth + 1);
        const r = this.evalString(node.right, depth + 1);
        return l === undefined && r === undefined ? undefined : (l ?? "{}") + (r ?? "{}");
      }
      // process.env.HF_BASE ?? "https://router.huggingface.co/v1"
      if (op === Kind.QuestionQuestionToken || op === Kind.BarBarToken)
        return this.evalString(node.left, depth + 1) ?? this.evalString(node.right, depth + 1);
    }
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
      const v = this.valueOf(node);
      if (v) return this.evalString(v, depth + 1);
      // A parameter: its default, else what the function's callers in this file pass.
      for (const candidate of ts.isIdentifier(node) ? this.parameterValues(node) : []) {
        const found = this.evalString(candidate, depth + 2);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (ts.isNewExpression(node) && this.qualify(node.expression) === "URL" && node.arguments?.length) {
      return (
        (this.evalString(node.arguments[1], depth + 1) ?? "") + (this.evalString(node.arguments[0], depth + 1) ?? "{}")
      );
    }
    return undefined;
  }
}

export function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  while (
    ts.isParenthesizedExpression(n) ||
    ts.isAwaitExpression(n) ||
    ts.isAsExpression(n) ||
    ts.isNonNullExpression(n) ||
    ts.isSatisfiesExpression(n)
  )
    n = n.expression;
  return n;
}

function requireOf(init: ts.Expression): string | undefined {
  let e = init;
  if (ts.isPropertyAccessExpression(e) && e.name.text === "default") e = e.expression;
  if (
    ts.isCallExpression(e) &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === "require" &&
    e.arguments.length === 1 &&
    ts.isStringLiteral(e.arguments[0])
  ) {
    return e.arguments[0].text;
  }
  return undefined;
}

// One switch on `kind` (see kinds.ts): these run for every ancestor of every name the scope binds or looks up.
export function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  switch (node.kind) {
    case Kind.FunctionDeclaration:
    case Kind.MethodDeclaration:
    case Kind.ArrowFunction:
    case Kind.FunctionExpression:
    case Kind.Constructor:
    case Kind.GetAccessor:
      return true;
    default:
      return false;
  }
}

export function scopeOf(node: ts.Node): ts.Node {
  for (let p = node.parent; p; p = p.parent) if (p.kind === Kind.SourceFile || isFunctionLike(p)) return p;
  return node.getSourceFile();
}

export function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionLike(p)) return p;
  return undefined;
}

export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent)
    if (p.kind === Kind.ClassDeclaration || p.kind === Kind.ClassExpression) return p as ts.ClassLikeDeclaration;
  return undefined;
}

export function functionName(fn: ts.Node): string | undefined {
  if (
    (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) &&
    fn.name &&
    ts.isIdentifier(fn.name)
  )
    return fn.name.text;
  if (
    (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
    ts.isVariableDeclaration(fn.parent) &&
    ts.isIdentifier(fn.parent.name)
  )
    return fn.parent.name.text;
  return undefined;
}

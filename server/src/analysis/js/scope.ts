// Name resolution for one JS/TS file: ES imports (named, default, namespace, aliases), require() (plain and
// destructured), const/let/var bindings per function scope, class fields and `this.x = ...` in constructors,
// and annotated parameters. Enough to follow a client or a URL constant from where it is made to where it is used.
import ts from "typescript";
import { Kind } from "./kinds";

const MAX_DEPTH = 8;

export class JsScope {
  /** Local name -> "module.export" ("IC" -> "@huggingface/inference.InferenceClient"; default -> "axios.default"). */
  readonly imports = new Map<string, string>();
  /** Names imported from relative modules, for cross-file helpers. */
  readonly importedFrom = new Map<string, { module: string; name: string }>();
  private readonly bindings = new Map<string, ts.Expression[]>();
  private readonly annotations = new Map<string, ts.TypeNode>();
  readonly functions = new Map<string, ts.FunctionLikeDeclaration>();
  readonly calls: ts.CallExpression[] = [];
  readonly news: ts.NewExpression[] = [];
  readonly argumentRefs: ts.Expression[] = [];

  constructor(readonly file: ts.SourceFile) {
    // Depth-first in source order with an explicit stack: deeply nested code must not overflow the JS stack.
    const stack: ts.Node[] = [file];
    const children: ts.Node[] = [];
    const collect = (c: ts.Node) => void children.push(c);
    while (stack.length) {
      const node = stack.pop()!;
      this.visit(node);
      children.length = 0;
      ts.forEachChild(node, collect);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }

  /** One switch on the node's kind: the ts.isX predicates would each re-read `kind` from a megamorphic site. */
  private visit(node: ts.Node): void {
    switch (node.kind) {
      case Kind.ImportDeclaration:
        this.importDeclaration(node as ts.ImportDeclaration);
        return;
      case Kind.VariableDeclaration:
        this.variable(node as ts.VariableDeclaration);
        return;
      case Kind.CallExpression: {
        const call = node as ts.CallExpression;
        this.calls.push(call);
        for (const a of call.arguments) if (a.kind === Kind.Identifier || a.kind === Kind.PropertyAccessExpression) this.argumentRefs.push(a);
        return;
      }
      case Kind.NewExpression:
        this.news.push(node as ts.NewExpression);
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
      case Kind.FunctionDeclaration:
      case Kind.MethodDeclaration:
      case Kind.ArrowFunction:
      case Kind.FunctionExpression:
      case Kind.Constructor:
        this.functionLike(node as ts.FunctionLikeDeclaration);
        return;
    }
  }

  private functionLike(node: ts.FunctionLikeDeclaration): void {
    const name = functionName(node);
    if (name) this.functions.set(name, node);
    for (const p of node.parameters) if (ts.isIdentifier(p.name) && p.type) this.annotations.set(`${node.pos}:${p.name.text}`, p.type);
    // Constructor parameter properties: constructor(private client: InferenceClient)
    if (ts.isConstructorDeclaration(node)) {
      for (const p of node.parameters) {
        if (ts.isIdentifier(p.name) && p.type && p.modifiers?.length) this.annotations.set(`class:${node.parent.pos}:this.${p.name.text}`, p.type);
      }
    }
  }

  private importDeclaration(node: ts.ImportDeclaration): void {
    if (!ts.isStringLiteral(node.moduleSpecifier) || !node.importClause) return;
    const module = node.moduleSpecifier.text;
    const clause = node.importClause;
    if (clause.name) this.addImport(clause.name.text, module, "default");
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) this.imports.set(bindings.name.text, module);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) this.addImport(el.name.text, module, (el.propertyName ?? el.name).text);
    }
  }

  private addImport(local: string, module: string, exported: string): void {
    this.imports.set(local, `${module}.${exported}`);
    this.importedFrom.set(local, { module, name: exported });
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
      if (node.type) this.annotations.set(`${scopeOf(node).pos}:${node.name.text}`, node.type);
    }
  }

  private bind(scope: ts.Node, name: string, value: ts.Expression): void {
    const key = `${scope.pos}:${scope.kind}:${name}`;
    const list = this.bindings.get(key);
    if (list) list.push(value);
    else this.bindings.set(key, [value]);
  }

  private sites?: Map<string, ts.Node[]>;

  /** Calls of a function by name (`f()`, `this.f()`) and places it is passed by name; indexed once. */
  callSites(name: string): ts.Node[] {
    if (!this.sites) {
      const index = new Map<string, ts.Node[]>();
      const add = (key: string, node: ts.Node) => index.set(key, [...(index.get(key) ?? []), node]);
      for (const c of this.calls) {
        if (ts.isIdentifier(c.expression)) add(c.expression.text, c);
        else if (ts.isPropertyAccessExpression(c.expression)) add(c.expression.name.text, c);
      }
      for (const r of this.argumentRefs) if (ts.isIdentifier(r)) add(r.text, r);
      this.sites = index;
    }
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
      const fn = this.functions.get(name);
      const fnText = fn?.getText();
      if (fnText && !text.includes(fnText)) parts.push(fnText);
      else if (!fn) {
        const list = this.bindings.get(`${this.file.pos}:${this.file.kind}:${name}`);
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
      const list = this.bindings.get(`${cls.pos}:${cls.kind}:this.${ref.name.text}`);
      return list?.[list.length - 1];
    }
    if (!ts.isIdentifier(ref)) return undefined;
    for (let scope: ts.Node | undefined = scopeOf(ref); scope; scope = scope.parent ? scopeOf(scope) : undefined) {
      const list = this.bindings.get(`${scope.pos}:${scope.kind}:${ref.text}`);
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
        const direct = this.annotations.get(`class:${cls.pos}:this.${ref.name.text}`);
        if (direct) return direct;
        const member = cls.members.find((m) => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === ref.name.text) as ts.PropertyDeclaration | undefined;
        return member?.type;
      }
      return undefined;
    }
    if (!ts.isIdentifier(ref)) return undefined;
    for (let scope: ts.Node | undefined = scopeOf(ref); scope; scope = scope.parent ? scopeOf(scope) : undefined) {
      const a = this.annotations.get(`${scope.pos}:${ref.text}`);
      if (a) return a;
      if (scope.kind === Kind.SourceFile) break;
    }
    return undefined;
  }

  qualify(node: ts.Node | undefined): string | undefined {
    if (!node) return undefined;
    if (ts.isIdentifier(node)) return this.imports.get(node.text) ?? node.text;
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

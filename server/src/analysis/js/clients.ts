// Client objects in JS/TS: which constructor or factory made the object a call goes through, and what that
// construction says (destination, bill-to, retries off, a custom fetch, instance retry configs).
import ts from "typescript";
import type { BillTo, ClientConstruction, Surface } from "../model";
import { JS_BUILTIN_RETRIES, jsBillTo, jsEndpoint } from "../profiles";
import { classifyUrl } from "../profiles/hosts";
import { CLIENT_CLASSES, FACTORIES, type JsClientKind } from "./catalog";
import type { Reads } from "../incremental/reads";
import { enclosingClass, isFunctionLike, unwrap, type JsScope } from "./scope";
import { WRAPPER_NAME } from "../clientWrappers";
import {
  LANGCHAIN_JS_RETRY_NOTE,
  LANGCHAIN_JS_SAME_MODEL,
  LANGCHAIN_JS_SEQUENCES,
  LANGCHAIN_JS_WITH_RETRY,
} from "../profiles/langchain";

/** `Promise<InferenceClient>` -> `InferenceClient`. */
function promised(type: ts.TypeNode): ts.TypeNode {
  if (
    ts.isTypeReferenceNode(type) &&
    ts.isIdentifier(type.typeName) &&
    type.typeName.text === "Promise" &&
    type.typeArguments?.[0]
  )
    return type.typeArguments[0];
  return type;
}

export interface JsClient {
  node: ts.Node;
  kind: JsClientKind;
  library: string;
  className: string;
  surface: Surface | undefined;
  billTo: BillTo;
  retriesDisabled?: ts.Node;
  /** @huggingface/inference `fetch` option whose function retries. */
  retryingFetch?: boolean;
  fetchOption?: ts.Expression;
  /** axios.create({ baseURL }) / ky prefixUrl / got prefixUrl. */
  baseUrl?: string;
  /** ky/got `retry` option on the instance. */
  retryOption?: ts.Expression;
  /** A LangChain runnable wrapping the model in `.withRetry()`: the retry that protects its calls. */
  runnableRetry?: string;
  /** What the model records about a construction made in this file (HF clients, not plain HTTP instances). */
  construction?: ClientConstruction;
}

const HEADER = /^x-hf-bill-to$/i;

/** The first of `names` an options object holds (the options a library profile lists, in its order). */
export function firstOption(obj: ts.Expression, names: readonly string[]): ts.Expression | undefined {
  for (const name of names) {
    const value = optionOf(obj, name);
    if (value) return value;
  }
  return undefined;
}

export function optionOf(obj: ts.Expression, name: string): ts.Expression | undefined {
  const o = unwrap(obj);
  if (!ts.isObjectLiteralExpression(o)) return undefined;
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && propName(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

function propName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

/** X-HF-Bill-To in a headers object literal (or a name bound to one; `new Headers({...})` too). */
export function billToInObject(scope: JsScope, headers: ts.Expression | undefined, depth = 0): BillTo {
  if (!headers || depth > 4) return { present: false };
  let value = scope.resolve(headers);
  if (ts.isNewExpression(value) && value.arguments?.[0]) value = scope.resolve(value.arguments[0]);
  if (!ts.isObjectLiteralExpression(value)) return { present: false };
  for (const p of value.properties) {
    if (ts.isPropertyAssignment(p)) {
      const key =
        propName(p.name) ?? (ts.isComputedPropertyName(p.name) ? scope.evalString(p.name.expression) : undefined);
      if (key && HEADER.test(key)) {
        const org = scope.evalString(p.initializer);
        return { present: true, org: org && !org.includes("{}") ? org : undefined };
      }
    } else if (ts.isSpreadAssignment(p)) {
      // `...(org ? { "X-HF-Bill-To": org } : {})`: bill-to when the project has an org to bill.
      let spread = unwrap(p.expression);
      if (ts.isBinaryExpression(spread) && spread.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
        spread = spread.right;
      const parts = ts.isConditionalExpression(spread) ? [spread.whenTrue, spread.whenFalse] : [spread];
      for (const part of parts) {
        const inner = billToInObject(scope, part, depth + 1);
        if (inner.present) return inner;
      }
    }
  }
  return { present: false };
}

export class JsClients {
  private readonly byNode = new Map<ts.Node, { value: JsClient | undefined; reads: Reads }>();

  constructor(
    private readonly scope: JsScope,
    private readonly fetchRetries: (fn: ts.Expression) => boolean,
  ) {}

  clientOf(expr: ts.Expression, depth = 0): JsClient | undefined {
    if (depth > 3) return undefined;
    const value = this.scope.resolve(expr);
    if (ts.isNewExpression(value)) return this.construction(value);
    if (ts.isCallExpression(value)) {
      const q = this.scope.qualify(value.expression);
      if (q && FACTORIES.has(q)) return this.construction(value);
      const derived = this.derived(value, depth);
      if (derived) return derived;
    }
    // `opts.client ?? new InferenceClient(...)`, `cond ? a : b`: a client when either side is one.
    if (
      ts.isBinaryExpression(value) &&
      (value.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
        value.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    ) {
      return this.clientOf(value.left, depth + 1) ?? this.clientOf(value.right, depth + 1);
    }
    if (ts.isConditionalExpression(value))
      return this.clientOf(value.whenTrue, depth + 1) ?? this.clientOf(value.whenFalse, depth + 1);
    // A typed parameter or field: `client: InferenceClient`.
    const annotation = this.scope.annotationOf(unwrap(expr));
    if (annotation) return this.annotated(annotation);
    // A client handed to a helper untyped (`function ask(llm, q) { return llm.invoke(q); }` ... `ask(model, q)`):
    // what the helper's callers in this file pass. A parameter that is called (`fn()` in a retry helper) is an
    // operation, not a client: following it would make every edit to a caller re-judge the helper.
    const bare = unwrap(expr);
    if (ts.isIdentifier(bare) && depth < 3 && !isCalled(bare)) {
      for (const candidate of this.scope.parameterValues(bare)) {
        const inner = this.clientOf(candidate, depth + 1);
        if (inner) return { ...inner, construction: undefined };
      }
    }
    return undefined;
  }

  /**
   * Clients made from clients: a sub-client (`hf.endpoint(url)`), a wrapper that takes a client and hands it back
   * (tracing and observability wrappers: the same client, since none of them retries), and a factory function or
   * method defined in this file (its return type, else what it returns).
   */
  private derived(call: ts.CallExpression, depth: number): JsClient | undefined {
    const callee = call.expression;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === "endpoint" && call.arguments[0]) {
      const parent = this.clientOf(callee.expression, depth + 1);
      if (parent?.kind === "hfjs") {
        const url = this.scope.evalString(call.arguments[0]);
        const host = url ? classifyUrl(url) : parent.surface;
        const surface = host === "other" || host === "hub" || host === "hub-download" ? undefined : host;
        return { ...parent, node: call, surface, construction: undefined };
      }
    }
    const composite = this.langchainComposite(call, depth);
    if (composite) return composite;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
    if (WRAPPER_NAME.test(name) && call.arguments[0]) {
      const inner = this.clientOf(call.arguments[0], depth + 1);
      if (inner) return { ...inner, construction: undefined };
    }
    const fn = this.calledFunction(callee);
    return fn ? this.returnedBy(fn, depth + 1) : undefined;
  }

  /**
   * A LangChain runnable that contains an HF model (`prompt.pipe(model)`, `model.bind(...)`,
   * `RunnableSequence.from([prompt, model, parser])`) runs that model: the same client, construction included, so
   * the model's retries (or their absence) decide its calls. `.withRetry()` adds LangChain's own retry.
   */
  private langchainComposite(call: ts.CallExpression, depth: number): JsClient | undefined {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const model = (e: ts.Expression | undefined) => {
      const found = e ? this.clientOf(e, depth + 1) : undefined;
      return found?.kind === "langchain" ? found : undefined;
    };
    const method = callee.name.text;
    if (method === LANGCHAIN_JS_WITH_RETRY) {
      const inner = model(callee.expression);
      return inner && { ...inner, runnableRetry: LANGCHAIN_JS_RETRY_NOTE };
    }
    if (LANGCHAIN_JS_SAME_MODEL.has(method))
      return model(callee.expression) ?? (method === "pipe" ? model(call.arguments[0]) : undefined);
    const steps = call.arguments[0] && unwrap(call.arguments[0]);
    if (steps && ts.isArrayLiteralExpression(steps) && LANGCHAIN_JS_SEQUENCES.has(this.scope.qualify(callee) ?? "")) {
      for (const step of steps.elements) {
        const inner = model(step);
        if (inner) return inner;
      }
    }
    return undefined;
  }

  /** The client a function hands back: its declared return type, else what its `return`s (or arrow body) build. */
  returnedBy(fn: ts.FunctionLikeDeclaration, depth = 0): JsClient | undefined {
    if (fn.type) {
      const typed = this.annotated(promised(fn.type));
      if (typed) return typed;
    }
    if (!fn.body || depth > 3) return undefined;
    if (!ts.isBlock(fn.body)) return this.clientOf(fn.body, depth + 1);
    const stack: ts.Node[] = [fn.body];
    while (stack.length) {
      const node = stack.pop()!;
      if (node !== fn.body && isFunctionLike(node)) continue;
      if (ts.isReturnStatement(node)) {
        const found = node.expression ? this.clientOf(node.expression, depth + 1) : undefined;
        if (found) return found;
        continue;
      }
      ts.forEachChild(node, (c) => void stack.push(c));
    }
    return undefined;
  }

  /** The function a callee names in this file: `make()`, `this.make()` (a method of the enclosing class). */
  private calledFunction(callee: ts.Expression): ts.FunctionLikeDeclaration | undefined {
    if (ts.isIdentifier(callee)) return this.scope.functionNamed(callee.text);
    if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(callee);
      const fn = this.scope.functionNamed(callee.name.text);
      return fn && cls && enclosingClass(fn) === cls ? fn : undefined;
    }
    return undefined;
  }

  private annotated(annotation: ts.TypeNode): JsClient | undefined {
    if (!ts.isTypeReferenceNode(annotation)) return undefined;
    const q = this.scope.qualify(annotation);
    const cls = q ? CLIENT_CLASSES.get(q) : undefined;
    return cls
      ? { node: annotation, ...cls, surface: cls.kind === "openai" ? undefined : "router", billTo: { present: false } }
      : undefined;
  }

  /** The AI SDK's ready-made provider: `import { huggingface } from "@ai-sdk/huggingface"`. */
  defaultAiSdkProvider(expr: ts.Expression): JsClient | undefined {
    const q = this.scope.qualify(expr);
    if (q !== "@ai-sdk/huggingface.huggingface") return undefined;
    return {
      node: expr,
      kind: "aisdk-provider",
      library: "@ai-sdk/huggingface",
      className: "huggingface",
      surface: "router",
      billTo: { present: false },
    };
  }

  construction(node: ts.NewExpression | ts.CallExpression): JsClient | undefined {
    return this.scope.reads.memo(this.byNode, node, () => this.describeConstruction(node));
  }

  private describeConstruction(node: ts.NewExpression | ts.CallExpression): JsClient | undefined {
    const q = this.scope.qualify(node.expression);
    const cls = q ? CLIENT_CLASSES.get(q) : undefined;
    const factory = q ? FACTORIES.get(q) : undefined;
    if (!cls && !factory) return undefined;
    const client = cls ? this.describeClass(node, cls) : this.describeFactory(node, factory!, q!);
    if (
      client.surface &&
      (client.kind === "hfjs" ||
        client.kind === "openai" ||
        client.kind === "aisdk-provider" ||
        client.kind === "langchain")
    ) {
      const args = node.arguments ?? ts.factory.createNodeArray();
      const src = node.getSourceFile();
      const open = node.getText().indexOf("(", node.expression.getEnd() - node.getStart());
      const argsStart = open >= 0 ? node.getStart() + open + 1 : node.getEnd();
      const headersNode = this.headersOption(node, client.kind, client.library);
      client.construction = {
        span: { start: node.getStart(src), end: node.getEnd() },
        library: client.library,
        className: client.className,
        surface: client.surface,
        billTo: client.billTo,
        argsSpan: { start: argsStart, end: args.length ? args.end : Math.max(argsStart, node.getEnd() - 1) },
        headersSpan:
          headersNode && ts.isObjectLiteralExpression(headersNode)
            ? { start: headersNode.getStart(), end: headersNode.getEnd() }
            : undefined,
        retriesDisabledSpan: client.retriesDisabled
          ? { start: client.retriesDisabled.getStart(), end: client.retriesDisabled.getEnd() }
          : undefined,
        variable: ts.isVariableDeclaration(node.parent) ? node.parent.name.getText() : undefined,
      };
    }
    return client;
  }

  private headersOption(
    node: ts.NewExpression | ts.CallExpression,
    kind: JsClientKind,
    library: string,
  ): ts.Expression | undefined {
    const options = kind === "hfjs" ? node.arguments?.[1] : node.arguments?.[0];
    if (!options) return undefined;
    return optionOf(options, jsBillTo(library).clientHeaders);
  }

  private describeClass(
    node: ts.NewExpression | ts.CallExpression,
    cls: { kind: JsClientKind; library: string; className: string },
  ): JsClient {
    const args = node.arguments ?? [];
    const client: JsClient = { node, ...cls, surface: "router", billTo: { present: false } };
    if (cls.kind === "hfjs") {
      const options = args[1];
      const named = jsBillTo(cls.library).option;
      const bill = options && named ? optionOf(options, named) : undefined;
      if (bill) {
        const org = this.scope.evalString(bill);
        client.billTo = { present: true, org: org && !org.includes("{}") ? org : undefined };
      }
      const endpoint = options
        ? firstOption(options, jsEndpoint(cls.library))
        : cls.className === "HfInferenceEndpoint"
          ? args[0]
          : undefined;
      const url = endpoint ? this.scope.evalString(endpoint) : undefined;
      if (url) {
        const host = classifyUrl(url);
        client.surface = host === "other" || host === "hub" || host === "hub-download" ? undefined : host;
      }
      const fetchOpt = options ? optionOf(options, "fetch") : undefined;
      if (fetchOpt) {
        client.fetchOption = fetchOpt;
        client.retryingFetch = this.fetchRetries(fetchOpt);
      }
    } else if (cls.kind === "openai") {
      const options = args[0];
      const base = options ? firstOption(options, jsEndpoint(cls.library)) : undefined;
      const url = base ? this.scope.evalString(base) : undefined;
      const host = url ? classifyUrl(url) : "other";
      client.surface = host === "other" || host === "hub" || host === "hub-download" ? undefined : host;
      const headers = options ? optionOf(options, jsBillTo(cls.library).clientHeaders) : undefined;
      client.billTo = billToInObject(this.scope, headers);
      client.retriesDisabled = this.retriesOff(cls.library, options);
    } else if (cls.kind === "langchain") {
      const options = args[0];
      client.retriesDisabled = this.retriesOff(cls.library, options);
      const endpoint = options ? firstOption(options, jsEndpoint(cls.library)) : undefined;
      const url = endpoint ? this.scope.evalString(endpoint) : undefined;
      if (url && classifyUrl(url) === "other") client.surface = undefined;
    }
    return client;
  }

  /** The option switching off the library's own retry (its profile's builtinRetry.off), when written so. */
  private retriesOff(library: string, options: ts.Expression | undefined): ts.Node | undefined {
    const off = JS_BUILTIN_RETRIES.get(library)?.off;
    const retries = off && options ? optionOf(options, off.option) : undefined;
    return retries?.getText() === off?.value ? retries?.parent : undefined;
  }

  private describeFactory(node: ts.NewExpression | ts.CallExpression, kind: JsClientKind, q: string): JsClient {
    const options = node.arguments?.[0];
    const library = q.split(".")[0];
    const client: JsClient = {
      node,
      kind,
      library,
      className: q.split(".").pop()!,
      surface: undefined,
      billTo: { present: false },
    };
    if (!options) return kind === "aisdk-provider" ? { ...client, surface: "router" } : client;
    const base = firstOption(options, jsEndpoint(library));
    client.baseUrl = base ? this.scope.evalString(base) : undefined;
    client.billTo = billToInObject(this.scope, optionOf(options, jsBillTo(library).clientHeaders));
    client.retryOption = optionOf(options, "retry");
    if (kind === "aisdk-provider") client.surface = "router";
    return client;
  }
}

function isCalled(name: ts.Identifier): boolean {
  return ts.isCallExpression(name.parent) && name.parent.expression === name;
}

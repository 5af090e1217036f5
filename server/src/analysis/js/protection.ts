// The verdict for each JS/TS HF call: does something in its path really retry or surface a 429?
// Walks outward: a status branch on a fetch Response, try/catch (with the right error shape for the library),
// retry helpers the call is passed into (local, imported, or a retry library's profile: p-retry, async-retry,
// exponential-backoff, promise-retry, cockatiel), enclosing loops, callers,
// then instance retry configs (axios-retry, ky, got) and the library's own retries.
import ts from "typescript";
import type { Reads } from "../incremental/reads";
import { Kind } from "./kinds";
import type { PackageVersions, Protection, RetryHelperFacts, Span } from "../model";
import { CALLABLE_NAME, codeText } from "../retryHeuristics";
import type { JsCall } from "./calls";
import type { LoopFacts, RetryTraits } from "../decide/facts";
import { handWrittenTraits as decideHandWritten, retriesAround } from "../decide/handWritten";
import {
  decideRetryHelper,
  exportedHelperFacts,
  helperIsRelevant,
  helperTraits,
  neverRetryHelper,
} from "../decide/retryHelper";
import { decideProtection } from "../decide/verdict";
import { waitArgument } from "../decide/wait";
import { callsItself } from "../decide/recursion";
import { RetryRegistry, type Registration } from "../decide/registry";
import {
  walkOutward,
  wrapsInRetry,
  type AppliedRetry,
  type CatchFacts,
  type HandlerRetryFacts,
  type Region,
  type StatusBranchFacts,
  type WalkSource,
} from "../decide/walk";
import { configuredRetry, libraryRetry } from "./libraryRetry";
import { JS_ERROR_SHAPES } from "../profiles";
import { catchShapeTrap } from "../decide/errorShape";
import { branchesOn429, statusRaise, type StatusCheck } from "../decide/statusCheck";
import { enclosingFunction, functionName, isFunctionLike, unwrap, type JsScope } from "./scope";

type Traits = RetryTraits<ts.Node>;

/** A local function that retries a callable parameter. */
export interface JsHelper {
  facts: Omit<RetryHelperFacts, "name" | "style">;
  traits: Traits;
  anchor: ts.Node;
}

export class JsProtection {
  private readonly registry = new RetryRegistry<ts.Node>(anchorSpan, (n) => ({
    start: n.getStart(n.getSourceFile()),
    end: n.getEnd(),
  }));
  private readonly helperCache = new Map<ts.Node, { value: JsHelper | undefined; reads: Reads }>();
  private readonly classifying = new Set<ts.Node>();

  constructor(
    private readonly scope: JsScope,
    private readonly path: string,
    /** Whether the project's version of a package is at least the one given (unknown counts as new). */
    private readonly hasVersion: (pkg: keyof PackageVersions, version: string) => boolean,
    private readonly axiosRetryVersion: string | undefined,
  ) {}

  /** Where the registrations of retry constructs go (the statement being judged collects them). */
  set sink(sink: Registration<ts.Node>[]) {
    this.registry.sink = sink;
  }

  verdict(call: JsCall): { protection: Protection; retries: ts.Node[] } {
    const raises = this.raisesOn429(call);
    const { found, covering } = walkOutward(this.walkSource(call, raises), call.node, this.registry);
    const protection = decideProtection(found, this.path, {
      builtinRetry: call.builtinRetry,
      configured: () => configuredRetry(this.scope, call, this.axiosRetryVersion),
      builtinDisabled: call.builtinDisabled,
      retryAroundConstruction: () => this.retryAroundConstruction(call, raises),
    });
    return { protection, retries: covering };
  }

  /** The facts the walk outward from `call` reads (decide/walk.ts), in JS/TS syntax and words. */
  private walkSource(call: JsCall, raises: boolean): WalkSource<ts.Node> {
    return {
      call: { callee: call.callee, raisesOn429: raises, raises: call.raises },
      wording: {
        handlerWith429: "a catch with a 429 branch",
        reRaised: "re-thrown",
        reRaises: "re-throws",
        notRaising: (c) =>
          `\`${c.callee}\` resolves with a Response on 429 instead of throwing, so the catch never runs (check res.status)`,
        // Never asked: a catch has no type, so it always catches.
        noneCatches: (caught, c) => `${caught} does not catch what \`${c.callee}\` throws on 429`,
        neverFires: (by, whyNot, c) =>
          c.raisesOn429
            ? `${by} does not retry a 429 here: ${whyNot}`
            : `${by} only retries thrown errors, and \`${c.callee}\` does not throw on 429`,
        registersRetryThatNeverFires: false,
      },
      statusBranch: () => this.statusBranch(call),
      regions: (from) => this.regions(call, from, raises),
      callers: (fn) => this.callers(fn),
    };
  }

  /** The regions around `from`, innermost first. */
  private *regions(call: JsCall, from: ts.Node, raises: boolean): Iterable<Region<ts.Node>> {
    let child: ts.Node = from;
    for (let node = from.parent; node; child = node, node = node.parent) {
      const here = node;
      const arg = child;
      if (ts.isTryStatement(here) && child === here.tryBlock && here.catchClause)
        yield { kind: "try", clauses: () => [this.catchFacts(call, here, here.catchClause!)] };
      else if (ts.isCallExpression(here) && here.arguments.some((a) => a === arg))
        yield { kind: "retry", applied: () => this.helperArgument(call, here, arg, raises) };
      else if (isFunctionLike(here) && functionName(here)) yield { kind: "function", node: here };
    }
  }

  /** fetch never throws on 429; it does when the code throws on `!res.ok` / a status test. */
  private raisesOn429(call: JsCall): boolean {
    if (call.raises !== "fetch") return true;
    const name = resultName(call.node);
    if (name) return statusRaise(name, statusChecks(this.enclosingOrModule(call.node, name), call.node)) !== undefined;
    // `fetch(url).then((res) => { if (!res.ok) throw ... })`: the callback's checks of its parameter.
    const then = call.node.parent;
    const cb = then && ts.isPropertyAccessExpression(then) && then.name.text === "then" ? then.parent : undefined;
    const fn = cb && ts.isCallExpression(cb) ? cb.arguments[0] : undefined;
    if (!fn || !isFunctionLike(fn) || !fn.body) return false;
    const param = fn.parameters[0]?.name;
    if (!param || !ts.isIdentifier(param)) return false;
    return statusRaise(param.text, statusChecks(fn.body, fn.body)) !== undefined;
  }

  /** The function around `node`, or the module, whose later text is then searched for `name` (a read of it). */
  private enclosingOrModule(node: ts.Node, name: string): ts.Node {
    const fn = enclosingFunction(node);
    if (fn) return fn;
    this.scope.reads.mentions(name);
    return node.getSourceFile();
  }

  /** A catch has no type: it catches every error. What it does with a 429 is decided in decide/walk.ts. */
  private catchFacts(call: JsCall, tryNode: ts.TryStatement, clause: ts.CatchClause): CatchFacts<ts.Node> {
    const text = codeText(clause.block.getText(), "js");
    return {
      catches: true,
      name: "the catch",
      caught: "the catch",
      catchesAll: "the catch",
      handler: () => ({ text, namesRateLimitType: false }),
      wrongShape: () => catchShapeTrap(JS_ERROR_SHAPES.get(call.raises), text, this.hasVersion),
      retry: () => this.catchRetry(tryNode, clause),
    };
  }

  /** What a catch leads to: a recursive call of the function around it, or a loop around the try. */
  private catchRetry(tryNode: ts.TryStatement, clause: ts.CatchClause): HandlerRetryFacts<ts.Node> {
    const fn = enclosingFunction(tryNode);
    const name = fn ? functionName(fn) : undefined;
    const block = clause.block;
    const last = block.statements[block.statements.length - 1];
    const facts: HandlerRetryFacts<ts.Node> = {
      exitsAtOnce: !!last && (ts.isThrowStatement(last) || ts.isReturnStatement(last) || ts.isBreakStatement(last)),
    };
    if (callsItself(name, calleeNames(block))) {
      facts.recursion = () => ({ anchor: fn!, traits: { ...this.handWritten(fn!, undefined), handles429: true } });
      return facts;
    }
    for (let p: ts.Node | undefined = tryNode.parent; p && p !== fn; p = p.parent) {
      // decide/handWritten.ts: `for (const name of CANDIDATES)` tries something else each round, a fallback.
      if (isLoop(p) && retriesAround(loopFacts(p).header)) {
        const loop = p;
        facts.loop = () => ({ anchor: loop, traits: { ...this.handWritten(loop, loop), handles429: true } });
        break;
      }
    }
    return facts;
  }

  /** `const res = await fetch(...)` then `if (res.status === 429)`. */
  private statusBranch(call: JsCall): StatusBranchFacts<ts.Node> | undefined {
    if (call.raises !== "fetch") return undefined;
    const name = resultName(call.node);
    if (!name) return undefined;
    const fn = this.enclosingOrModule(call.node, name);
    const after = codeText(fn.getText().slice(call.node.getEnd() - fn.getStart()), "js");
    if (!branchesOn429(name, after)) return undefined;
    const facts: StatusBranchFacts<ts.Node> = {
      // When that branch throws, the retry around the call (a retry library, a helper, a loop with a catch) is
      // what handles the 429.
      raises: statusRaise(name, statusChecks(fn, call.node)) !== undefined,
    };
    for (let p: ts.Node | undefined = call.node.parent; p && p !== fn; p = p.parent) {
      if (isLoop(p)) {
        const loop = p;
        facts.loop = () => ({ anchor: loop, traits: { ...this.handWritten(loop, loop), handles429: true } });
        break;
      }
    }
    return facts;
  }

  private helperArgument(
    call: JsCall,
    helperCall: ts.CallExpression,
    arg: ts.Node,
    raises: boolean,
  ): AppliedRetry<ts.Node> | undefined {
    if (!isFunctionLike(arg) && arg !== call.node && !ts.isIdentifier(arg)) return undefined;
    const q = this.scope.qualify(helperCall.expression) ?? helperCall.expression.getText();
    const lib = libraryRetry(this.scope, helperCall, arg, raises);
    if (lib) {
      const { anchor, library, kind, ...traits } = lib;
      return { kind: "library", retry: kind, found: { anchor, traits }, by: library };
    }
    if (neverRetryHelper(q, "js")) return undefined;
    const name = ts.isPropertyAccessExpression(helperCall.expression)
      ? helperCall.expression.name.text
      : helperCall.expression.getText();
    const def = this.scope.functionNamed(name);
    const helper = def ? this.classifyHelper(def) : undefined;
    if (helper)
      return { kind: "helper", name, decorator: false, found: { anchor: helper.anchor, traits: helper.traits } };
    const imported = ts.isIdentifier(helperCall.expression)
      ? this.scope.importOf(helperCall.expression.text)
      : undefined;
    if (imported && imported.module.startsWith("."))
      return { kind: "imported", module: imported.module, name: imported.name };
    return undefined;
  }

  /** Where a function is called from, outside itself. */
  private *callers(fn: ts.Node): Iterable<ts.Node> {
    const name = functionName(fn as ts.FunctionLikeDeclaration);
    if (!name) return;
    for (const site of this.scope.callSites(name)) if (site.pos < fn.pos || site.end > fn.end) yield site;
  }

  /** A retry around building the call's client (decide/walk.ts wrapsInRetry; decide/verdict.ts: it protects nothing). */
  private retryAroundConstruction(call: JsCall, raises: boolean): boolean {
    const node = call.client?.node;
    return node !== undefined && wrapsInRetry(this.regions(call, node, raises));
  }

  /** A local function that retries a callable parameter: loop or recursion around a call of the parameter. */
  classifyHelper(fn: ts.FunctionLikeDeclaration): JsHelper | undefined {
    if (this.classifying.has(fn)) return undefined; // a helper that reaches itself
    this.classifying.add(fn);
    try {
      return this.scope.reads.memo(this.helperCache, fn, () => this.helper(fn));
    } finally {
      this.classifying.delete(fn);
    }
  }

  private helper(fn: ts.FunctionLikeDeclaration): JsHelper | undefined {
    const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : "")).filter(Boolean);
    // Parameters that hold the operation to retry: typed as a function, or named like one.
    const callables = fn.parameters
      .filter(
        (p) =>
          ts.isIdentifier(p.name) && ((p.type && ts.isFunctionTypeNode(p.type)) || CALLABLE_NAME.test(p.name.text)),
      )
      .map((p) => (p.name as ts.Identifier).text);
    const body = fn.body;
    if (!body || params.length === 0) return undefined;
    const callsParam = (n: ts.Node): boolean => {
      let hit = false;
      const visit = (x: ts.Node): void => {
        if (hit) return;
        // `fn()`, or `fn` handed to a wrapper that calls it (`withRateLimit(fn)`).
        if (ts.isCallExpression(x) && ts.isIdentifier(x.expression) && params.includes(x.expression.text)) hit = true;
        else if (ts.isCallExpression(x) && x.arguments.some((a) => ts.isIdentifier(a) && callables.includes(a.text)))
          hit = true;
        else ts.forEachChild(x, visit);
      };
      visit(n);
      return hit;
    };
    if (!callsParam(body)) return undefined;
    let loop: ts.Node | undefined;
    const findLoop = (x: ts.Node): void => {
      if (loop) return;
      if (isLoop(x) && callsParam(x)) loop = x;
      else ts.forEachChild(x, findLoop);
    };
    findLoop(body);
    const name = functionName(fn);
    const recursive = !loop && callsItself(name, calleeNames(body));
    if (!loop && !recursive) return undefined;
    const retrying = loop ?? body;
    const text = this.scope.expandedText(codeText(retrying.getText(), "js"));
    const decided = decideRetryHelper({
      retriesBy: loop ? "loop" : "recursion",
      text,
      // A catch names no type: it catches HTTP errors with the rest.
      handlers: catchClauses(retrying).map((c) => {
        const last = c.block.statements[c.block.statements.length - 1];
        const exitsAtOnce =
          last !== undefined && (ts.isThrowStatement(last) || ts.isReturnStatement(last) || ts.isBreakStatement(last));
        return { exitsAtOnce };
      }),
    });
    if (!decided) return undefined;
    const traits = helperTraits(decided.handles429, this.handWritten(fn, loop));
    return {
      facts: exportedHelperFacts(traits),
      traits,
      anchor: loop ?? fn,
    };
  }

  /** Traits of a hand-written retry: this reports its facts, decide/handWritten.ts decides. */
  private handWritten(scopeNode: ts.Node, loop: ts.Node | undefined): Omit<Traits, "handles429"> {
    const text = this.scope.expandedText(codeText(scopeNode.getText(), "js"));
    const wait = findWait(scopeNode);
    const traits = decideHandWritten({
      text,
      wait: wait ? this.waitContext(wait) : undefined,
      loop: loop ? loopFacts(loop) : undefined,
      // A catch names no type: each catches every error.
      handlers: catchHandlers(scopeNode),
    });
    return { ...traits, waitNode: wait, limitNode: loop ? loopLimit(loop) : undefined };
  }

  /** The delay expression plus what its identifiers were assigned, so `setTimeout(r, delay)` sees `delay = ... Math.random()`. */
  private waitContext(wait: ts.Node): string {
    let text = wait.getText();
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n)) {
        const v = this.scope.valueOf(n);
        if (v) text += " " + v.getText();
      }
      ts.forEachChild(n, visit);
    };
    visit(wait);
    return this.scope.expandedText(text);
  }

  /** Registers a helper defined here even when no HF call in this file uses it (it is judged where it is written). */
  registerHelper(fn: ts.FunctionLikeDeclaration, name: string): void {
    const helper = this.classifyHelper(fn);
    if (!helper) return;
    this.registry.register(
      "helper",
      helper.anchor,
      helper.traits,
      helperIsRelevant(codeText(fn.getText(), "js")),
      name,
    );
  }
}

/** Where diagnostics about a retry anchored on `anchor` go: a loop's header, a function's name, the call. */
function anchorSpan(anchor: ts.Node): Span {
  const src = anchor.getSourceFile();
  const start = anchor.getStart(src);
  const headerEnd = isLoop(anchor)
    ? start + anchor.getText(src).split("\n")[0].length
    : isFunctionLike(anchor) && anchor.name
      ? anchor.name.getEnd()
      : anchor.getEnd();
  const spanStart = isFunctionLike(anchor) && anchor.name ? anchor.name.getStart(src) : start;
  return { start: spanStart, end: Math.max(spanStart, headerEnd) };
}

/** The `if` statements after `after` inside `scope` (not in nested functions), in source order, lazily. */
function* statusChecks(scope: ts.Node, after: ts.Node): Iterable<StatusCheck> {
  const ifs: ts.IfStatement[] = [];
  const end = after === scope ? scope.getStart() : after.getEnd();
  const visit = (n: ts.Node): void => {
    if (n !== scope && isFunctionLike(n)) return;
    if (ts.isIfStatement(n) && n.getStart() >= end) ifs.push(n);
    ts.forEachChild(n, visit);
  };
  visit(scope);
  for (const stmt of ifs)
    yield {
      test: stmt.expression.getText(),
      get raises() {
        return throwsIn(stmt.thenStatement);
      },
    };
}

/** The error class names a statement throws (not in nested functions), or undefined when it does not throw. */
function throwsIn(stmt: ts.Node): string[] | undefined {
  const out: string[] = [];
  let found = false;
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n)) return;
    if (ts.isThrowStatement(n)) {
      found = true;
      const value = n.expression;
      const callee = ts.isNewExpression(value) || ts.isCallExpression(value) ? value.expression : value;
      const last = callee.getText().split(".").pop();
      if (last && /^[A-Z]\w*$/.test(last)) out.push(last);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(stmt);
  return found ? out : undefined;
}

function isLoop(n: ts.Node): boolean {
  return (
    ts.isForStatement(n) ||
    ts.isWhileStatement(n) ||
    ts.isDoStatement(n) ||
    ts.isForOfStatement(n) ||
    ts.isForInStatement(n)
  );
}

/** The part of a loop header that bounds it: `attempt < 5`, the iterated list. */
function loopLimit(loop: ts.Node): ts.Node | undefined {
  const node = ts.isForStatement(loop)
    ? loop.condition
    : ts.isWhileStatement(loop) || ts.isDoStatement(loop)
      ? loop.expression
      : ts.isForOfStatement(loop)
        ? loop.expression
        : undefined;
  return node && node.getText() !== "true" && node.getText() !== "1" ? node : undefined;
}

/** A loop's header as written: what a for-of/for-in iterates, what the others test (decide/handWritten.ts reads it). */
function loopFacts(loop: ts.Node): LoopFacts {
  const body = loop.getText();
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop))
    return { header: { iterates: loop.expression.getText() }, body };
  const cond = ts.isForStatement(loop)
    ? (loop.condition?.getText() ?? "true")
    : ts.isWhileStatement(loop) || ts.isDoStatement(loop)
      ? loop.expression.getText()
      : "true";
  return { header: { tests: cond }, body };
}

/** The last names of the callees called inside a node (`f` of `f()`, `this.f()`), nested functions included. */
function* calleeNames(node: ts.Node): Iterable<string> {
  const stack: ts.Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isCallExpression(n)) {
      const e = n.expression;
      if (ts.isIdentifier(e)) yield e.text;
      else if (ts.isPropertyAccessExpression(e)) yield e.name.text;
    }
    ts.forEachChild(n, (c) => {
      stack.push(c);
    });
  }
}

/** The handlers inside a node, each untyped: its catch clauses and its `.catch(...)` callbacks. */
function catchHandlers(node: ts.Node): undefined[] {
  const out: undefined[] = [];
  const visit = (n: ts.Node): void => {
    if (
      ts.isCatchClause(n) ||
      (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "catch")
    )
      out.push(undefined);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

/** The catch clauses inside a node, nested ones included. */
function catchClauses(node: ts.Node): ts.CatchClause[] {
  const out: ts.CatchClause[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCatchClause(n)) out.push(n);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

/** The delay of the first wait in `scope` (decide/wait.ts: `setTimeout(resolve, delay)`, `sleep(ms)`, ...). */
function findWait(scope: ts.Node): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const name = ts.isIdentifier(n.expression)
        ? n.expression.text
        : ts.isPropertyAccessExpression(n.expression)
          ? n.expression.name.text
          : "";
      const index = waitArgument(name, n.arguments[0]?.getText());
      if (index !== undefined && n.arguments[index]) found = n.arguments[index];
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

export function resultName(call: ts.Node): string | undefined {
  let node: ts.Node = call;
  // `fetch(...).finally(cleanup)` settles with what the call settles with (a timeout's timer cleared there).
  while (
    node.parent &&
    ts.isPropertyAccessExpression(node.parent) &&
    node.parent.name.text === "finally" &&
    node.parent.parent &&
    ts.isCallExpression(node.parent.parent) &&
    node.parent.parent.expression === node.parent
  )
    node = node.parent.parent;
  if (node.parent && ts.isAwaitExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (
    parent &&
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === Kind.EqualsToken &&
    ts.isIdentifier(parent.left)
  )
    return parent.left.text;
  return undefined;
}

export { unwrap };

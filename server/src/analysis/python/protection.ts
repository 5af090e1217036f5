// The verdict for each HF call: does something in its path really retry or surface a 429?
// Walks outward from the call: try/except clauses, retry helpers it is passed into, retry decorators on the
// enclosing functions, tenacity Retrying loops, session retry configs, callers that protect the function, and
// the library's own retries. The first thing that really protects wins; the first trap met explains HF001.
import { decidingTests } from "./errorShape";
import { statusRaise } from "./statusRaise";
import type { PyNode } from "./tree";
import type { Protection } from "../model";
import type { PyCall } from "./calls";
import { caughtTypes, describeTypes, isBroad, isRateLimitType, matches } from "./exceptions";
import type { HelperIndex, LocalHelper } from "./helpers";
import { codeText } from "../retryHeuristics";
import { retriesAround } from "../decide/handWritten";
import {
  backoffTraits,
  handWrittenTraits,
  isBackoff,
  isTenacity,
  loopFacts,
  tenacityTraits,
  type Traits,
} from "./retryTraits";
import type { Scope } from "./scope";
import { sessionRetry } from "./sessionRetry";
import { helperIsRelevant, neverRetryHelper } from "../decide/retryHelper";
import { decideProtection } from "../decide/verdict";
import { callsItself } from "../decide/recursion";
import { exceptShapeTrap } from "../decide/errorShape";
import { branchesOn429 } from "../decide/statusCheck";
import { RetryRegistry, type Registration } from "../decide/registry";
import {
  walkOutward,
  wrapsInRetry,
  type AppliedRetry,
  type CatchFacts,
  type HandlerRetryFacts,
  type Region,
  type RetryFound,
  type StatusBranchFacts,
  type WalkSource,
} from "../decide/walk";
import { libraryDecoratorTraits, retryDecoratorProfile } from "./libraryRetry";
import { PY_ERROR_SHAPES, PY_RAISES_THROUGH } from "../profiles";
import { calleeNames, headerSpan, isInside } from "./syntax";

/** A client or call option that makes every response raise on an error status (`raise_for_status=True`). */
const RAISING_OPTION = PY_RAISES_THROUGH.options.size
  ? new RegExp(`(${[...PY_RAISES_THROUGH.options].join("|")})\\s*=\\s*True`)
  : undefined;

interface Verdict {
  protection: Protection;
  /** The retries that cover the call (their anchors). */
  retries: PyNode[];
}

export class ProtectionAnalyzer {
  private readonly registry = new RetryRegistry<PyNode>(
    (anchor) =>
      anchor.type === "for_statement" || anchor.type === "while_statement" ? headerSpan(anchor) : spanOf(anchor),
    spanOf,
  );

  constructor(
    private readonly scope: Scope,
    private readonly helpers: HelperIndex,
    private readonly path: string,
    private readonly hubMajor1: boolean,
  ) {}

  /** Where the registrations of retry constructs go (the statement being analysed collects them). */
  set sink(sink: Registration<PyNode>[]) {
    this.registry.sink = sink;
  }

  verdict(call: PyCall): Verdict {
    const raisesOn429 = this.raisesOn429(call);
    const { found, covering } = walkOutward(this.walkSource(call, raisesOn429), call.node, this.registry);
    const protection = decideProtection(found, this.path, {
      builtinRetry: call.builtinRetry,
      configured: () => {
        const session = call.client && call.raises !== "hf" ? sessionRetry(this.scope, call) : undefined;
        if (session?.protects) return { kind: "protected", by: session.by };
        return session?.reason ? { kind: "trap", reason: session.reason } : undefined;
      },
      builtinDisabled: call.builtinDisabled,
      retryAroundConstruction: () => this.retryAroundConstruction(call, raisesOn429),
    });
    return { protection, retries: covering };
  }

  /** The facts the walk outward from `call` reads (decide/walk.ts), in Python's syntax and words. */
  private walkSource(call: PyCall, raisesOn429: boolean): WalkSource<PyNode> {
    return {
      call: { callee: call.callee, raisesOn429, raises: call.raises },
      wording: {
        handlerWith429: "an except clause with a 429 branch",
        reRaised: "re-raised",
        reRaises: "re-raises",
        notRaising: (c) =>
          `\`${c.callee}\` does not raise on 429 without raise_for_status(), so the except clause never runs`,
        noneCatches: (caught, c) => `the except clause catches ${caught}, which \`${c.callee}\` does not raise on 429`,
        neverFires: (by, whyNot, c) =>
          `${by.replace(/^a /, "the ")} never fires: ${whyNot}` +
          (call.raises === "response" && !call.statusRaise
            ? ` and \`${c.callee}\` does not raise on 429 without raise_for_status()`
            : ""),
        registersRetryThatNeverFires: true,
      },
      statusBranch: () => this.statusBranch(call),
      regions: (from) => this.regions(call, from, raisesOn429),
      callers: (fn) => this.callers(fn),
    };
  }

  /** The regions around `from`, innermost first. */
  private *regions(call: PyCall, from: PyNode, raisesOn429: boolean): Iterable<Region<PyNode>> {
    let child = from;
    for (let node = from.parent; node; child = node, node = node.parent) {
      const here = node;
      switch (here.type) {
        case "try_statement":
          if (child.id === here.childForFieldName("body")?.id)
            yield { kind: "try", clauses: () => this.clauses(call, here) };
          break;
        case "argument_list":
          if (child.type === "lambda" || child.id === call.node.id || child.type === "identifier")
            yield { kind: "retry", applied: () => this.helperArgument(call, here.parent!, raisesOn429) };
          break;
        case "for_statement":
          yield { kind: "retry", applied: () => this.retryingLoop(call, here, raisesOn429) };
          break;
        case "function_definition":
          yield { kind: "function", node: here, decorators: () => this.decorators(call, here, raisesOn429) };
          break;
      }
    }
  }

  /**
   * Response-returning calls (requests, httpx, aiohttp) raise on 429 only through what their profiles list
   * (`raisesThrough`: `r.raise_for_status()`, aiohttp's `raise_for_status=True`, `hf_raise_for_status(r)`).
   */
  private raisesOn429(call: PyCall): boolean {
    if (call.raises !== "response" && call.raises !== "aiohttp-response") return true;
    if (call.node.type !== "call") return false;
    const { methods, functions } = PY_RAISES_THROUGH;
    const parent = call.node.parent;
    if (parent?.type === "attribute" && methods.has(parent.childForFieldName("attribute")?.text ?? "")) return true;
    if (RAISING_OPTION?.test(call.node.text)) return true;
    if (call.client && RAISING_OPTION?.test(call.client.node.text)) return true;
    const name = resultName(call.node);
    if (!name) return false;
    const fn = this.enclosingOrModule(call.node, name);
    const later = fn.text.slice(call.node.endIndex - fn.startIndex);
    for (const method of methods) if (new RegExp(`\\b${name}\\.${method}\\s*\\(`).test(later)) return true;
    for (const [helper, raises] of functions) {
      if (new RegExp(`\\b${helper}\\(\\s*${name}\\b`).test(later)) {
        call.raises = raises;
        return true;
      }
    }
    // `if not r.ok: raise ...` (or a 429 branch that raises): the call raises on 429 through the user's check.
    call.statusRaise = statusRaise(fn, call.node, name);
    return call.statusRaise !== undefined;
  }

  /** The function around `node`, or the module, whose later text is then searched for `name` (a read of it). */
  private enclosingOrModule(node: PyNode, name: string): PyNode {
    const fn = this.scope.enclosingFunction(node);
    if (fn) return fn;
    this.scope.reads.mentions(name);
    return node.root;
  }

  /** The except clauses of a try whose body holds the call. */
  private clauses(call: PyCall, tryNode: PyNode): CatchFacts<PyNode>[] {
    return tryNode.namedChildren
      .filter((c) => c.type === "except_clause")
      .map((clause) => {
        const types = caughtTypes(this.scope, clause);
        const block = clause.namedChildren.find((c) => c.type === "block");
        const rateLimitType = (types ?? []).some(isRateLimitType);
        return {
          catches: types === undefined || types.some((t) => matches(t, call.raises, this.hubMajor1)),
          name: `the except clause for ${describeTypes(types)}`,
          caught: describeTypes(types),
          catchesAll: isBroad(types) ? `\`${clause.text.split(":")[0].trim()}\`` : undefined,
          handler: block
            ? () => ({ text: codeText(block.text, "python"), namesRateLimitType: rateLimitType })
            : undefined,
          wrongShape: () => {
            if (rateLimitType || !block) return undefined;
            // The test that decides the 429 branch must read the status where the error keeps it.
            const alias = clause.namedChildren.find((c) => c.type === "as_pattern")?.childForFieldName("alias")?.text;
            return exceptShapeTrap(PY_ERROR_SHAPES.get(call.raises), alias ?? asName(clause), decidingTests(block));
          },
          retry: () => this.handlerRetry(tryNode, block!),
        };
      });
  }

  /** What a handler leads to: a recursive call of the function around it, or a loop that counts attempts. */
  private handlerRetry(tryNode: PyNode, block: PyNode): HandlerRetryFacts<PyNode> {
    const fn = this.scope.enclosingFunction(tryNode);
    const fnName = fn?.childForFieldName("name")?.text;
    const last = block.namedChildren[block.namedChildren.length - 1];
    const facts: HandlerRetryFacts<PyNode> = {
      exitsAtOnce: !!last && ["raise_statement", "return_statement", "break_statement"].includes(last.type),
    };
    if (callsItself(fnName, calleeNames(block))) {
      facts.recursion = () => ({
        anchor: fn!.childForFieldName("name")!,
        traits: { ...handWrittenTraits(this.scope, fn!, undefined), handles429: true },
      });
      return facts;
    }
    for (let p = tryNode.parent; p && p.id !== fn?.id; p = p.parent) {
      // decide/handWritten.ts: `for name in CANDIDATES:` tries something else each round, a fallback.
      if ((p.type === "while_statement" || p.type === "for_statement") && retriesAround(loopFacts(p).header)) {
        facts.loop = this.loopRetry(p);
        break;
      }
    }
    return facts;
  }

  /** A loop around the call that goes round on its 429 (from an except clause or a status branch). */
  private loopRetry(loop: PyNode): () => RetryFound<PyNode> {
    return () => ({ anchor: loop, traits: { ...handWrittenTraits(this.scope, loop, loop), handles429: true } });
  }

  /** `r = requests.post(...)` followed by `if r.status_code == 429:` in the same function. */
  private statusBranch(call: PyCall): StatusBranchFacts<PyNode> | undefined {
    if (call.raises !== "response" && call.raises !== "aiohttp-response") return undefined;
    const name = resultName(call.node);
    if (!name) return undefined;
    const fn = this.enclosingOrModule(call.node, name);
    const after = codeText(fn.text.slice(call.node.endIndex - fn.startIndex), "python");
    if (!branchesOn429(name, after)) return undefined;
    const facts: StatusBranchFacts<PyNode> = {
      // When that branch raises, the retry around the call (a decorator, a helper, a loop with try) handles the 429.
      raises: statusRaise(fn, call.node, name) !== undefined,
    };
    for (let p = call.node.parent; p && p.id !== fn.id; p = p.parent) {
      if (p.type === "for_statement" || p.type === "while_statement") {
        facts.loop = this.loopRetry(p);
        break;
      }
    }
    return facts;
  }

  /** The call sits in a lambda (or is a method reference / function name) passed to `helper(...)`. */
  private helperArgument(call: PyCall, helperCall: PyNode, raisesOn429: boolean): AppliedRetry<PyNode> | undefined {
    const fn = helperCall.childForFieldName("function");
    if (!fn) return undefined;
    const tenacity = this.tenacityInstance(fn);
    if (tenacity) return this.tenacity(call, tenacity, helperCall, raisesOn429, "a tenacity Retrying call");
    const q = this.scope.qualify(fn) ?? fn.text;
    if (neverRetryHelper(q, "python")) return undefined;
    const name = fn.type === "attribute" ? fn.childForFieldName("attribute")!.text : fn.text;
    const local = this.helpers.byName(name);
    if (local) return this.localHelper(local, name, false);
    return this.imported(fn);
  }

  private localHelper(local: LocalHelper, name: string, decorator: boolean): AppliedRetry<PyNode> {
    const anchor = local.def.childForFieldName("name") ?? local.def;
    return { kind: "helper", name, decorator, found: { anchor, traits: local.traits } };
  }

  /** A helper or decorator imported from another workspace module: the workspace decides with its facts. */
  private imported(callee: PyNode | null | undefined): AppliedRetry<PyNode> | undefined {
    const imported = callee?.type === "identifier" ? this.scope.importOf(callee.text) : undefined;
    if (imported && !neverRetryHelper(imported.module, "python"))
      return { kind: "imported", module: imported.module, name: imported.name };
    return undefined;
  }

  private tenacity(
    call: PyCall,
    args: PyNode | undefined,
    anchor: PyNode,
    raisesOn429: boolean,
    by: string,
  ): AppliedRetry<PyNode> {
    const traits = tenacityTraits(this.scope, args, call.raises, raisesOn429, this.hubMajor1, call.statusRaise);
    return { kind: "library", retry: "tenacity", found: { anchor, traits }, by };
  }

  private tenacityInstance(fn: PyNode): PyNode | undefined {
    const value = this.scope.resolve(fn);
    if (value.type === "call" && isTenacity(this.scope, value.childForFieldName("function")) === "retrying")
      return value;
    return undefined;
  }

  /** `for attempt in Retrying(...): with attempt: <call>` */
  private retryingLoop(call: PyCall, loop: PyNode, raisesOn429: boolean): AppliedRetry<PyNode> | undefined {
    const right = loop.childForFieldName("right");
    const value = right ? this.scope.resolve(right) : undefined;
    if (value?.type !== "call" || isTenacity(this.scope, value.childForFieldName("function")) !== "retrying")
      return undefined;
    return this.tenacity(call, value, value, raisesOn429, "a tenacity Retrying loop");
  }

  private decorators(call: PyCall, fn: PyNode, raisesOn429: boolean): AppliedRetry<PyNode> | undefined {
    const decorated = fn.parent?.type === "decorated_definition" ? fn.parent : undefined;
    if (!decorated) return undefined;
    for (const dec of decorated.namedChildren.filter((n) => n.type === "decorator")) {
      const expr = dec.namedChildren[0];
      if (!expr) continue;
      const callee = expr.type === "call" ? expr.childForFieldName("function") : expr;
      if (isTenacity(this.scope, callee) === "decorator")
        return this.tenacity(call, expr.type === "call" ? expr : undefined, dec, raisesOn429, "a tenacity @retry");
      const style = isBackoff(this.scope, callee);
      if (style && expr.type === "call") {
        const traits = backoffTraits(
          this.scope,
          expr,
          style,
          call.raises,
          style === "on_predicate" ? true : raisesOn429,
          this.hubMajor1,
          call.statusRaise,
        );
        return {
          kind: "library",
          retry: "backoff",
          found: { anchor: dec, traits },
          by: `a backoff.${style} decorator`,
        };
      }
      const library = retryDecoratorProfile(this.scope, callee);
      if (library) {
        const traits = libraryDecoratorTraits(
          this.scope,
          library,
          expr,
          call.raises,
          raisesOn429,
          this.hubMajor1,
          call.statusRaise,
        );
        return {
          kind: "library",
          retry: library.retryDecorator!.defaults.kind,
          found: { anchor: dec, traits },
          by: `a ${library.id} @retry`,
        };
      }
      const name = callee?.text.split(".").pop() ?? "";
      const local = this.helpers.byName(name);
      if (local && local.facts.style === "decorator") return this.localHelper(local, name, true);
      const imported = this.imported(callee);
      if (imported) return imported;
    }
    return undefined;
  }

  /** Where a function is called from, outside itself: its calls, and its name handed to a helper. */
  private *callers(fn: PyNode): Iterable<PyNode> {
    const name = fn.childForFieldName("name")?.text;
    if (!name) return;
    for (const site of this.scope.callSites(name)) {
      if (isInside(site, fn)) continue;
      if (site.type === "call") {
        const f = site.childForFieldName("function");
        if (f && (f.text === name || f.text.endsWith(`.${name}`))) yield site;
      } else if (site.text === name && site.parent?.type === "argument_list") {
        yield site; // passed by name: `with_backoff(ask)`
      }
    }
  }

  /** Registers a helper defined here as a retry construct even when no HF call in this file uses it. */
  registerHelper(def: PyNode, traits: Traits, name: string): void {
    const relevant = helperIsRelevant(codeText(def.text, "python"));
    this.registry.register("helper", def.childForFieldName("name") ?? def, traits, relevant, name);
  }

  /** A retry around building the call's client (decide/walk.ts wrapsInRetry; decide/verdict.ts: it protects nothing). */
  private retryAroundConstruction(call: PyCall, raisesOn429: boolean): boolean {
    const node = call.client?.node;
    return node?.type === "call" && wrapsInRetry(this.regions(call, node, raisesOn429));
  }
}

function spanOf(node: PyNode): { start: number; end: number } {
  return { start: node.startIndex, end: node.endIndex };
}

/** The name a call's result is bound to: `r = requests.post(...)`, `r = await client.post(...)`, `async with s.post(...) as r`. */
export function resultName(call: PyNode): string | undefined {
  let node = call;
  if (node.parent?.type === "await") node = node.parent;
  const parent = node.parent;
  if (parent?.type === "assignment" && parent.childForFieldName("right")?.id === node.id) {
    const left = parent.childForFieldName("left");
    return left?.type === "identifier" ? left.text : undefined;
  }
  if (parent?.type === "as_pattern") {
    const target = parent.namedChildren.find((c) => c.type === "as_pattern_target")?.namedChildren[0];
    return target?.type === "identifier" ? target.text : undefined;
  }
  return undefined;
}

/** The name an except clause binds (`except HfHubHTTPError as err:`). */
function asName(clause: PyNode): string | undefined {
  return /\bas\s+([A-Za-z_]\w*)\s*:/.exec(clause.text.split("\n")[0])?.[1];
}

// The verdict for each HF call: does something in its path really retry or surface a 429?
// Walks outward from the call: try/except clauses, retry helpers it is passed into, retry decorators on the
// enclosing functions, tenacity Retrying loops, session retry configs, callers that protect the function, and
// the library's own retries. The first thing that really protects wins; the first trap met explains HF001.
import { wrongShapeOnly } from "./errorShape";
import { statusRaise } from "./statusRaise";
import type { PyNode } from "./tree";
import type { Protection, RetryConstruct } from "../model";
import type { PyCall } from "./calls";
import { caughtTypes, describeTypes, isBroad, isRateLimitType, matches } from "./exceptions";
import type { HelperIndex } from "./helpers";
import { codeText, countsAttempts } from "../retryHeuristics";
import {
  backoffTraits,
  handWrittenTraits,
  isBackoff,
  isTenacity,
  makeConstruct,
  tenacityTraits,
  type Traits,
} from "./retryTraits";
import type { Scope } from "./scope";
import { sessionRetry } from "./sessionRetry";
import { decideHandler } from "../decide/handler";
import { helperIsRelevant } from "../decide/retryHelper";
import { decideProtection, type Found as DecidedFound } from "../decide/verdict";
import { libraryDecoratorTraits, retryDecoratorProfile } from "./libraryRetry";
import { PY_PROFILE_MODULES } from "../profiles";
import { headerSpan, isInside } from "./syntax";

/**
 * Modules whose functions are never user retry helpers (so `asyncio.to_thread(lambda: ...)` is looked through): the
 * standard library's and every Python profile's.
 */
const LIBRARY_ROOTS = new RegExp(
  `^(asyncio|concurrent|functools|itertools|os|time|json|typing|threading|multiprocessing|contextlib|random|math|logging|anyio|trio|builtins|langchain\\w*|${PY_PROFILE_MODULES.join("|")})(\\.|$)`,
);

interface Verdict {
  protection: Protection;
  retries: number[];
}

/** A walk step's finding (decide/verdict.ts), with the retry construct that protects, when one does. */
type Found =
  | (Exclude<DecidedFound, { kind: "protected" } | undefined> | { kind: "protected"; by: string; retry?: number })
  | undefined;

export class ProtectionAnalyzer {
  /** Anchor node id -> the index `covering` lists use in this analysis. */
  private readonly constructs = new Map<number, number>();
  private readonly anchors: PyNode[] = [];
  /**
   * Where each registration of a retry construct goes (the statement being analysed collects them): the model
   * keeps the first registration per anchor, relevant when any registration is.
   */
  sink: { anchor: PyNode; construct: RetryConstruct }[] = [];

  constructor(
    private readonly scope: Scope,
    private readonly helpers: HelperIndex,
    private readonly path: string,
    private readonly hubMajor1: boolean,
  ) {}

  verdict(call: PyCall): Verdict {
    const raisesOn429 = this.raisesOn429(call);
    const covering: number[] = [];
    const found = this.walk(call, call.node, raisesOn429, covering, 0);
    const protection = decideProtection(found, this.path, {
      builtinRetry: call.builtinRetry,
      configured: () => {
        const session = call.client && call.raises !== "hf" ? sessionRetry(this.scope, call) : undefined;
        if (session?.protects) return { kind: "protected", by: session.by };
        return session?.reason ? { kind: "trap", reason: session.reason } : undefined;
      },
      builtinDisabled: call.builtinDisabled,
      misplacedRetry: () => this.constructorRetryReason(call),
    });
    return { protection, retries: covering };
  }

  /** Response-returning calls (requests, httpx, aiohttp) raise on 429 only through raise_for_status. */
  private raisesOn429(call: PyCall): boolean {
    if (call.raises !== "response" && call.raises !== "aiohttp-response") return true;
    if (call.node.type !== "call") return false;
    const parent = call.node.parent;
    if (parent?.type === "attribute" && parent.childForFieldName("attribute")?.text === "raise_for_status") return true;
    if (/raise_for_status\s*=\s*True/.test(call.node.text)) return true;
    if (call.client && /raise_for_status\s*=\s*True/.test(call.client.node.text)) return true;
    const name = resultName(call.node);
    if (!name) return false;
    const fn = this.enclosingOrModule(call.node, name);
    const later = fn.text.slice(call.node.endIndex - fn.startIndex);
    if (new RegExp(`\\b${name}\\.raise_for_status\\s*\\(`).test(later)) return true;
    // huggingface_hub's `hf_raise_for_status(r)` raises HfHubHTTPError (what except clauses must catch).
    if (new RegExp(`\\bhf_raise_for_status\\(\\s*${name}\\b`).test(later)) {
      call.raises = "hf";
      return true;
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

  private walk(call: PyCall, from: PyNode, raisesOn429: boolean, covering: number[], depth: number): Found {
    let trap: Found;
    const keep = (f: Found): Found => (
      f?.kind === "trap" && !trap ? (trap = f) : undefined,
      f?.kind === "trap" ? undefined : f
    );
    // A status branch on the returned response: `if r.status_code == 429: ...`. When that branch raises, the
    // retry around the call (a decorator, a helper, a loop with try) is what handles the 429: judge that one.
    const status = this.statusBranch(call, covering);
    if (status && !this.branchRaises(call)) return status;
    let child = from;
    for (let node = from.parent; node; child = node, node = node.parent) {
      let result: Found;
      switch (node.type) {
        case "try_statement":
          if (child.id === node.childForFieldName("body")?.id)
            result = keep(this.tryStatement(call, node, raisesOn429, covering));
          break;
        case "argument_list":
          if (child.type === "lambda" || child.id === call.node.id || child.type === "identifier")
            result = keep(this.helperArgument(call, node.parent!, raisesOn429, covering));
          break;
        case "for_statement":
          result = keep(this.retryingLoop(call, node, raisesOn429, covering));
          break;
        case "function_definition": {
          result = keep(this.decorators(call, node, raisesOn429, covering));
          if (!result && depth < 2) result = keep(this.callers(call, node, raisesOn429, covering, depth));
          break;
        }
      }
      if (result) return result;
    }
    return status ?? trap;
  }

  /** The 429 branch after a response-returning call raises (`if r.status_code == 429: raise RateLimited()`). */
  private branchRaises(call: PyCall): boolean {
    const name = resultName(call.node);
    if (!name) return false;
    return statusRaise(this.enclosingOrModule(call.node, name), call.node, name) !== undefined;
  }

  private tryStatement(call: PyCall, tryNode: PyNode, raisesOn429: boolean, covering: number[]): Found {
    const clauses = tryNode.namedChildren.filter((c) => c.type === "except_clause");
    for (const clause of clauses) {
      const types = caughtTypes(this.scope, clause);
      const catches = types === undefined || types.some((t) => matches(t, call.raises, this.hubMajor1));
      if (!catches) continue;
      if (!raisesOn429) {
        return {
          kind: "trap",
          reason: `\`${call.callee}\` does not raise on 429 without raise_for_status(), so the except clause never runs`,
        };
      }
      const block = clause.namedChildren.find((c) => c.type === "block");
      if (!block) continue;
      const rateLimitType = (types ?? []).some(isRateLimitType);
      if (!rateLimitType && (call.raises === "hf" || call.raises === "response")) {
        // The test that decides the 429 branch must read the status where the error keeps it.
        const alias = clause.namedChildren.find((c) => c.type === "as_pattern")?.childForFieldName("alias")?.text;
        if (wrongShapeOnly(block, alias ?? asName(clause))) {
          return {
            kind: "trap",
            reason: `the except clause tests the wrong error shape (${call.raises === "hf" ? "HfHubHTTPError" : "HTTPError"} exposes err.response.status_code), so its 429 branch never fires`,
          };
        }
      }
      const retry = this.handlerRetry(call, tryNode, block);
      const outcome = decideHandler({
        text: codeText(block.text, "python"),
        namesRateLimitType: (types ?? []).some(isRateLimitType),
        retry: retry?.kind,
      });
      switch (outcome.kind) {
        case "retries-other-statuses":
          return { kind: "trap", reason: `the retry only goes on for ${outcome.only}; a 429 is re-raised` };
        case "retries": {
          const index = this.construct(
            retry!.kind === "loop" ? "loop" : "recursion",
            retry!.anchor,
            { ...retry!.traits, handles429: true },
            true,
          );
          covering.push(index);
          return { kind: "protected", by: retry!.kind === "loop" ? "a retry loop" : "a recursive retry", retry: index };
        }
        case "handles-429":
          return { kind: "protected", by: "an except clause with a 429 branch" };
        case "swallows":
          return {
            kind: "trap",
            reason: isBroad(types)
              ? `\`${clause.text.split(":")[0].trim()}\` swallows every error, the 429 included, instead of retrying`
              : `the except clause for ${describeTypes(types)} has no 429 branch and no retry`,
          };
        case "re-raises":
          return {
            kind: "trap",
            reason: `the except clause for ${describeTypes(types)} re-raises without handling 429`,
          };
      }
    }
    if (clauses.length && raisesOn429) {
      const names = clauses.map((c) => describeTypes(caughtTypes(this.scope, c))).join(", ");
      return {
        kind: "trap",
        reason: `the except clause catches ${names}, which \`${call.callee}\` does not raise on 429`,
      };
    }
    return undefined;
  }

  /** A handler that leads to another attempt: a loop that goes on, or a recursive call. */
  private handlerRetry(
    call: PyCall,
    tryNode: PyNode,
    block: PyNode,
  ): { kind: "loop" | "recursion"; anchor: PyNode; traits: Omit<Traits, "handles429"> } | undefined {
    const fn = this.scope.enclosingFunction(tryNode);
    const fnName = fn?.childForFieldName("name")?.text;
    if (fnName && new RegExp(`\\b${fnName}\\s*\\(`).test(block.text)) {
      return {
        kind: "recursion",
        anchor: fn!.childForFieldName("name")!,
        traits: handWrittenTraits(this.scope, fn!, undefined),
      };
    }
    const last = block.namedChildren[block.namedChildren.length - 1];
    if (last && ["raise_statement", "return_statement", "break_statement"].includes(last.type)) return undefined;
    for (let p = tryNode.parent; p && p.id !== fn?.id; p = p.parent) {
      // `for name in CANDIDATES:` tries something else each round: a fallback, not a retry.
      if (
        p.type === "while_statement" ||
        (p.type === "for_statement" && countsAttempts(p.childForFieldName("right")?.text ?? ""))
      ) {
        return { kind: "loop", anchor: p, traits: handWrittenTraits(this.scope, p, p) };
      }
    }
    return undefined;
  }

  /** `r = requests.post(...)` followed by `if r.status_code == 429:` in the same function. */
  private statusBranch(call: PyCall, covering: number[]): Found {
    if (call.raises !== "response" && call.raises !== "aiohttp-response") return undefined;
    const name = resultName(call.node);
    if (!name) return undefined;
    const fn = this.enclosingOrModule(call.node, name);
    const after = codeText(fn.text.slice(call.node.endIndex - fn.startIndex), "python");
    const re = new RegExp(
      `\\b${name}\\.status(_code)?\\s*(==|in|!=|>=|>)\\s*[^\\n]*\\b(429|TOO_MANY_REQUESTS)\\b|\\b(429|TOO_MANY_REQUESTS)\\b[^\\n]*(==|in)\\s*${name}\\.status`,
    );
    if (!re.test(after)) return undefined;
    for (let p = call.node.parent; p && p.id !== fn.id; p = p.parent) {
      if (p.type === "for_statement" || p.type === "while_statement") {
        const index = this.construct("loop", p, { ...handWrittenTraits(this.scope, p, p), handles429: true }, true);
        covering.push(index);
        return { kind: "protected", by: "a retry loop on the response status", retry: index };
      }
    }
    return { kind: "protected", by: "a 429 branch on the response status" };
  }

  /** The call sits in a lambda (or is a method reference / function name) passed to `helper(...)`. */
  private helperArgument(call: PyCall, helperCall: PyNode, raisesOn429: boolean, covering: number[]): Found {
    const fn = helperCall.childForFieldName("function");
    if (!fn) return undefined;
    const tenacity = this.tenacityInstance(fn);
    if (tenacity)
      return this.fromTraits(
        call,
        "tenacity",
        helperCall,
        tenacityTraits(this.scope, tenacity, call.raises, raisesOn429, this.hubMajor1, call.statusRaise),
        covering,
        "a tenacity Retrying call",
      );
    const q = this.scope.qualify(fn) ?? fn.text;
    if (LIBRARY_ROOTS.test(q)) return undefined;
    const name = fn.type === "attribute" ? fn.childForFieldName("attribute")!.text : fn.text;
    const local = this.helpers.byName(name);
    if (local) {
      if (!local.facts.handles429) return { kind: "trap", reason: `the helper ${name} does not retry 429` };
      const index = this.construct(
        "helper",
        local.def.childForFieldName("name") ?? local.def,
        local.traits,
        true,
        name,
      );
      covering.push(index);
      return { kind: "protected", by: `the retry helper ${name}`, retry: index };
    }
    const imported = fn.type === "identifier" ? this.scope.importOf(fn.text) : undefined;
    if (imported && !LIBRARY_ROOTS.test(imported.module))
      return { kind: "imported", module: imported.module, name: imported.name };
    return undefined;
  }

  private tenacityInstance(fn: PyNode): PyNode | undefined {
    const value = this.scope.resolve(fn);
    if (value.type === "call" && isTenacity(this.scope, value.childForFieldName("function")) === "retrying")
      return value;
    return undefined;
  }

  /** `for attempt in Retrying(...): with attempt: <call>` */
  private retryingLoop(call: PyCall, loop: PyNode, raisesOn429: boolean, covering: number[]): Found {
    const right = loop.childForFieldName("right");
    const value = right ? this.scope.resolve(right) : undefined;
    if (value?.type !== "call" || isTenacity(this.scope, value.childForFieldName("function")) !== "retrying")
      return undefined;
    return this.fromTraits(
      call,
      "tenacity",
      value,
      tenacityTraits(this.scope, value, call.raises, raisesOn429, this.hubMajor1, call.statusRaise),
      covering,
      "a tenacity Retrying loop",
    );
  }

  private decorators(call: PyCall, fn: PyNode, raisesOn429: boolean, covering: number[]): Found {
    const decorated = fn.parent?.type === "decorated_definition" ? fn.parent : undefined;
    if (!decorated) return undefined;
    for (const dec of decorated.namedChildren.filter((n) => n.type === "decorator")) {
      const expr = dec.namedChildren[0];
      if (!expr) continue;
      const callee = expr.type === "call" ? expr.childForFieldName("function") : expr;
      if (isTenacity(this.scope, callee) === "decorator") {
        return this.fromTraits(
          call,
          "tenacity",
          dec,
          tenacityTraits(
            this.scope,
            expr.type === "call" ? expr : undefined,
            call.raises,
            raisesOn429,
            this.hubMajor1,
            call.statusRaise,
          ),
          covering,
          "a tenacity @retry",
        );
      }
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
        return this.fromTraits(call, "backoff", dec, traits, covering, `a backoff.${style} decorator`);
      }
      const library = retryDecoratorProfile(this.scope, callee);
      if (library) {
        const traits = libraryDecoratorTraits(this.scope, library, expr, call.raises, raisesOn429, this.hubMajor1);
        return this.fromTraits(
          call,
          library.retryDecorator!.defaults.kind,
          dec,
          traits,
          covering,
          `a ${library.id} @retry`,
        );
      }
      const name = callee?.text.split(".").pop() ?? "";
      const local = this.helpers.byName(name);
      if (local && local.facts.style === "decorator") {
        if (!local.facts.handles429) return { kind: "trap", reason: `the decorator ${name} does not retry 429` };
        const index = this.construct(
          "helper",
          local.def.childForFieldName("name") ?? local.def,
          local.traits,
          true,
          name,
        );
        covering.push(index);
        return { kind: "protected", by: `the retry decorator ${name}`, retry: index };
      }
      const imported = callee?.type === "identifier" ? this.scope.importOf(callee.text) : undefined;
      if (imported && !LIBRARY_ROOTS.test(imported.module))
        return { kind: "imported", module: imported.module, name: imported.name };
    }
    return undefined;
  }

  /** One level of callers: the function holding the call is itself called from protected code. */
  private callers(call: PyCall, fn: PyNode, raisesOn429: boolean, covering: number[], depth: number): Found {
    const name = fn.childForFieldName("name")?.text;
    if (!name) return undefined;
    for (const site of this.scope.callSites(name)) {
      if (isInside(site, fn)) continue;
      let anchor: PyNode | undefined;
      if (site.type === "call") {
        const f = site.childForFieldName("function");
        if (f && (f.text === name || f.text.endsWith(`.${name}`))) anchor = site;
      } else if (site.text === name && site.parent?.type === "argument_list") {
        anchor = site; // passed by name: `with_backoff(ask)`
      }
      if (!anchor) continue;
      const found = this.walk(call, anchor, raisesOn429, covering, depth + 1);
      if (found && found.kind !== "trap")
        return found.kind === "protected" ? { ...found, by: `${found.by} around its caller` } : found;
    }
    return undefined;
  }

  private fromTraits(
    call: PyCall,
    kind: RetryConstruct["kind"],
    anchor: PyNode,
    traits: Traits,
    covering: number[],
    by: string,
  ): Found {
    const index = this.construct(kind, anchor, traits, true);
    covering.push(index);
    if (traits.handles429) return { kind: "protected", by, retry: index };
    return {
      kind: "trap",
      reason:
        `${by.replace(/^a /, "the ")} never fires: ${traits.whyNot}` +
        (call.raises === "response" && !call.statusRaise
          ? ` and \`${call.callee}\` does not raise on 429 without raise_for_status()`
          : ""),
    };
  }

  private construct(
    kind: RetryConstruct["kind"],
    anchor: PyNode,
    traits: Traits,
    relevant: boolean,
    name?: string,
  ): number {
    const c = makeConstruct(kind, anchor, traits, relevant, name);
    if (anchor.type === "for_statement" || anchor.type === "while_statement") c.span = headerSpan(anchor);
    this.sink.push({ anchor, construct: c });
    const existing = this.constructs.get(anchor.id);
    if (existing !== undefined) return existing;
    this.anchors.push(anchor);
    this.constructs.set(anchor.id, this.anchors.length - 1);
    return this.anchors.length - 1;
  }

  /** The anchor node of a construct index from a verdict's `retries`. */
  anchorOf(index: number): PyNode {
    return this.anchors[index];
  }

  /** Registers a helper defined here as a retry construct even when no HF call in this file uses it. */
  registerHelper(def: PyNode, traits: Traits, name: string): void {
    const relevant = helperIsRelevant(codeText(def.text, "python"));
    this.construct("helper", def.childForFieldName("name") ?? def, traits, relevant, name);
  }

  /** A retry wrapped around building the client protects nothing: the construction never calls HF. */
  private constructorRetryReason(call: PyCall): string | undefined {
    const node = call.client?.node;
    if (!node || node.type !== "call") return undefined;
    for (let fn = this.scope.enclosingFunction(node); fn; fn = this.scope.enclosingFunction(fn)) {
      const decorated = fn.parent?.type === "decorated_definition" ? fn.parent : undefined;
      const hasRetry = decorated?.namedChildren.some((d) => {
        if (d.type !== "decorator") return false;
        const expr = d.namedChildren[0];
        const callee = expr?.type === "call" ? expr.childForFieldName("function") : expr;
        return isTenacity(this.scope, callee) === "decorator" || isBackoff(this.scope, callee) !== undefined;
      });
      if (hasRetry) return "the retry wraps the client's construction, which never calls HF; wrap the call instead";
    }
    return undefined;
  }
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

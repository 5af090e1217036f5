// The walk outward from an HF call, run once for both languages. A frontend reports the regions around the call,
// innermost first (a try whose body holds it, a call it is handed to, a tenacity Retrying loop, the function that
// holds it with its decorators), a status test on the response it returns, and where a function is called from.
// This decides what each region does for the call, registers the retries that cover it, and keeps the first trap
// met to explain HF001. The first region that really protects wins; a caller's protection counts for the callee.
import type { RetryKind } from "../model";
import type { RetryTraits } from "./facts";
import { decideHandler, type HandlerFacts } from "./handler";
import type { RetryRegistry } from "./registry";
import { errorCarriesHeaders } from "./retryAfter";
import type { Found } from "./verdict";

/** Callers are followed this many levels out (the function's callers, and theirs). */
const CALLER_DEPTH = 2;

/** A retry the frontend found in a region, registered only when the walk judges it. */
export interface RetryFound<N> {
  anchor: N;
  traits: RetryTraits<N>;
}

/** What an exception handler leads to: another attempt through recursion or a loop around the try. */
export interface HandlerRetryFacts<N> {
  /** The handler calls the function that holds the try again: that function's traits. */
  recursion?: () => RetryFound<N>;
  /** Its last statement raises, returns or breaks: a loop around it does not go round again. */
  exitsAtOnce: boolean;
  /** The innermost loop around the try, inside the same function, that counts attempts (not `for x in LIST`). */
  loop?: () => RetryFound<N>;
}

/** One `except` clause or `catch`, in order. */
export interface CatchFacts<N> {
  /** It catches what the call raises on 429 (a JS catch has no type: it catches everything). */
  catches: boolean;
  /** How messages name it: "the except clause for HfHubHTTPError", "the catch". */
  name: string;
  /** What it names, when none catches the call's error: "HfHubHTTPError", "a bare except". */
  caught: string;
  /** When it catches every error, how messages quote it: "`except Exception`", "the catch". */
  catchesAll?: string;
  /** Its code; undefined when it has none (error recovery), and it is passed over. */
  handler?: () => HandlerFacts;
  /** Why its 429 test can never fire (it reads the status where the error does not keep it); undefined: it can. */
  wrongShape?: () => string | undefined;
  retry: () => HandlerRetryFacts<N>;
}

/** A retry a region applies to the call: a library's, a helper or decorator written in the file, an imported one. */
export type AppliedRetry<N> =
  | { kind: "library"; retry: RetryKind; found: RetryFound<N>; by: string }
  | { kind: "helper"; name: string; decorator: boolean; found: RetryFound<N> }
  | { kind: "imported"; module: string; name: string };

export type Region<N> =
  /** The call is in a try's body. */
  | { kind: "try"; clauses: () => CatchFacts<N>[] }
  /** The call is handed to another call (`with_backoff(lambda: ...)`, `pRetry(() => ...)`), or loops in a retry. */
  | { kind: "retry"; applied: () => AppliedRetry<N> | undefined }
  /** The function holding the call: its decorators, then its callers. */
  | { kind: "function"; node: N; decorators?: () => AppliedRetry<N> | undefined };

/** A test of the returned response's status for 429 after the call (`if r.status_code == 429`). */
export interface StatusBranchFacts<N> {
  /** The loop around the call, inside its function, that goes round on that test. */
  loop?: () => RetryFound<N>;
  /**
   * The 429 branch raises, so the retry around the call (a decorator, a helper, a loop with a try) is what
   * handles the 429: the walk goes on to judge that one (decide/statusCheck.ts decides whether it raises).
   */
  raises: boolean;
}

/** The call walked from, as the messages and the Retry-After decision need it. */
export interface WalkedCall {
  callee: string;
  /** It raises (throws) on 429, so handlers and exception-driven retries see it. */
  raisesOn429: boolean;
  /** The error family it raises on 429 (decide/retryAfter.ts: errors without headers). */
  raises?: string;
}

/** How a language words the outcomes (the decision is the same). */
export interface Wording {
  /** "an except clause with a 429 branch" / "a catch with a 429 branch" */
  handlerWith429: string;
  /** "re-raised" / "re-thrown" */
  reRaised: string;
  /** "re-raises" / "re-throws" */
  reRaises: string;
  /** A try around a call that does not raise on 429. */
  notRaising(call: WalkedCall): string;
  /** No clause catches what the call raises on 429 (`caught`: what the clauses name); a JS catch always catches. */
  noneCatches(caught: string, call: WalkedCall): string;
  /** A library retry that cannot fire for this call (`by`: how the region names it). */
  neverFires(by: string, whyNot: string | undefined, call: WalkedCall): string;
  /**
   * Whether a library retry that cannot fire is still registered (and judged by HF002-HF006 for its wait). Python
   * registers it, JS/TS leaves it to HF001's reason alone: the languages differ here, and this keeps both as they were.
   */
  registersRetryThatNeverFires: boolean;
}

/** What the frontend reports for the walk from one call. */
export interface WalkSource<N> {
  call: WalkedCall;
  wording: Wording;
  statusBranch(): StatusBranchFacts<N> | undefined;
  /** The regions around `from`, innermost first. */
  regions(from: N): Iterable<Region<N>>;
  /** Where a function is called from, outside itself (the call, or the name passed: `with_backoff(ask)`). */
  callers(fn: N): Iterable<N>;
}

/** Walks outward from the call; returns what was found and the retries that cover the call (their anchors). */
export function walkOutward<N>(
  src: WalkSource<N>,
  start: N,
  registry: RetryRegistry<N>,
): { found: Found; covering: N[] } {
  const walk = new Walk(src, registry);
  return { found: walk.from(start, 0), covering: walk.covering };
}

class Walk<N> {
  readonly covering: N[] = [];
  constructor(
    private readonly src: WalkSource<N>,
    private readonly registry: RetryRegistry<N>,
  ) {}

  from(from: N, depth: number): Found {
    let trap: Found;
    const keep = (f: Found): Found => {
      if (f?.kind !== "trap") return f;
      trap ??= f;
      return undefined;
    };
    const branch = this.src.statusBranch();
    const status = branch && this.statusBranch(branch);
    if (status && !branch.raises) return status;
    for (const region of this.src.regions(from)) {
      let result = keep(this.region(region));
      if (!result && region.kind === "function" && depth < CALLER_DEPTH)
        result = keep(this.callers(region.node, depth));
      if (result) return result;
    }
    return status ?? trap;
  }

  private region(region: Region<N>): Found {
    switch (region.kind) {
      case "try":
        return this.tryStatement(region.clauses());
      case "retry":
        return this.applied(region.applied());
      case "function":
        return region.decorators ? this.applied(region.decorators()) : undefined;
    }
  }

  private register(kind: RetryKind, found: RetryFound<N>, name?: string): void {
    this.registry.register(kind, found.anchor, found.traits, true, name);
    this.covering.push(found.anchor);
  }

  /** Retries that wait by catching the error cannot read Retry-After from an error without headers. */
  private withoutHeaders(traits: RetryTraits<N>): RetryTraits<N> {
    return errorCarriesHeaders(this.src.call.raises) ? traits : { ...traits, honorsRetryAfter: false };
  }

  private statusBranch(branch: StatusBranchFacts<N>): Found {
    if (!branch.loop) return { kind: "protected", by: "a 429 branch on the response status" };
    const loop = branch.loop();
    this.register("loop", { ...loop, traits: { ...loop.traits, handles429: true } });
    return { kind: "protected", by: "a retry loop on the response status" };
  }

  private tryStatement(clauses: CatchFacts<N>[]): Found {
    const { call, wording } = this.src;
    for (const clause of clauses) {
      if (!clause.catches) continue;
      if (!call.raisesOn429) return { kind: "trap", reason: wording.notRaising(call) };
      if (!clause.handler) continue;
      const wrong = clause.wrongShape?.();
      if (wrong) return { kind: "trap", reason: wrong };
      const facts = clause.handler();
      const retry = this.handlerRetry(clause.retry());
      const outcome = decideHandler({ ...facts, retry: retry?.kind });
      switch (outcome.kind) {
        case "retries-other-statuses":
          return { kind: "trap", reason: `the retry only goes on for ${outcome.only}; a 429 is ${wording.reRaised}` };
        case "retries": {
          const found = retry!.found();
          this.register(retry!.kind, { ...found, traits: this.withoutHeaders({ ...found.traits, handles429: true }) });
          return { kind: "protected", by: retry!.kind === "loop" ? "a retry loop" : "a recursive retry" };
        }
        case "handles-429":
          return { kind: "protected", by: wording.handlerWith429 };
        case "swallows":
          return {
            kind: "trap",
            reason: clause.catchesAll
              ? `${clause.catchesAll} swallows every error, the 429 included, instead of retrying`
              : `${clause.name} has no 429 branch and no retry`,
          };
        case "re-raises":
          return { kind: "trap", reason: `${clause.name} ${wording.reRaises} without handling 429` };
      }
    }
    if (clauses.length && call.raisesOn429)
      return { kind: "trap", reason: wording.noneCatches(clauses.map((c) => c.caught).join(", "), call) };
    return undefined;
  }

  /** A handler leads to another attempt by recursion, or by a loop when it does not leave at once. */
  private handlerRetry(
    facts: HandlerRetryFacts<N>,
  ): { kind: "loop" | "recursion"; found: () => RetryFound<N> } | undefined {
    if (facts.recursion) return { kind: "recursion", found: facts.recursion };
    if (facts.exitsAtOnce || !facts.loop) return undefined;
    return { kind: "loop", found: facts.loop };
  }

  private applied(applied: AppliedRetry<N> | undefined): Found {
    if (!applied) return undefined;
    const { call, wording } = this.src;
    switch (applied.kind) {
      case "imported":
        return { kind: "imported", module: applied.module, name: applied.name };
      case "helper": {
        const what = applied.decorator ? "decorator" : "helper";
        if (!applied.found.traits.handles429)
          return { kind: "trap", reason: `the ${what} ${applied.name} does not retry 429` };
        this.register("helper", applied.found, applied.name);
        return { kind: "protected", by: `the retry ${what} ${applied.name}` };
      }
      case "library": {
        const { traits } = applied.found;
        if (traits.handles429) {
          this.register(applied.retry, { ...applied.found, traits: this.withoutHeaders(traits) });
          return { kind: "protected", by: applied.by };
        }
        if (wording.registersRetryThatNeverFires) this.register(applied.retry, applied.found);
        return { kind: "trap", reason: wording.neverFires(applied.by, traits.whyNot, call) };
      }
    }
  }

  /** The function holding the call is itself called from protected code. */
  private callers(fn: N, depth: number): Found {
    for (const site of this.src.callers(fn)) {
      const found = this.from(site, depth + 1);
      if (found && found.kind !== "trap")
        return found.kind === "protected" ? { ...found, by: `${found.by} around its caller` } : found;
    }
    return undefined;
  }
}

/**
 * Whether a retry is wrapped around `regions` (those around a client's construction, innermost first): a library
 * retry, a helper or a decorator written in the file, whatever it retries. Such a retry protects nothing, since
 * building a client never calls HF (decide/verdict.ts says so when nothing protects the call). An imported helper is
 * not known to retry, and does not count.
 */
export function wrapsInRetry<N>(regions: Iterable<Region<N>>): boolean {
  for (const region of regions) {
    const applied =
      region.kind === "retry" ? region.applied() : region.kind === "function" ? region.decorators?.() : undefined;
    if (applied && applied.kind !== "imported") return true;
  }
  return false;
}

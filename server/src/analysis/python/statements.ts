// Results per top-level statement, kept across edits. A statement's result is reused when the statement is the
// same node (tree.ts keeps unchanged statements) and, for every scope key it read while being judged, the same
// statements contribute to that key now (Scope.fingerprint). Spans are kept relative to the statement they
// fall in, because statements after an edit move.
import type { BillToEvidence, ClientConstruction, FileModel, HfCall, RetryConstruct, RetryHelperFacts, Span } from "../model";
import type { Registration } from "./protection";
import type { Scope } from "./scope";
import type { PyNode } from "./tree";

/** A value whose top-level spans are pinned to the statements they fall in. */
export interface Pinned<T> {
  value: T;
  pins: { key: string; statement: PyNode; start: number; end: number }[];
}

export interface StatementResult {
  clients: { node: PyNode; construction: Pinned<ClientConstruction> }[];
  /** HF calls; `client` is the construction node (indexes are assigned when the model is assembled). */
  calls: { call: Pinned<HfCall>; client?: PyNode; covering: PyNode[] }[];
  /** Retry constructs registered while judging this statement (they may sit in other statements). */
  registrations: Registration[];
  helpers: [string, RetryHelperFacts][];
}

interface Stored {
  context: string;
  result: StatementResult;
  pinnedRegistrations: { anchor: PyNode; construct: Pinned<RetryConstruct> }[];
  reads: [string, string][];
}

const stored = new WeakMap<PyNode, Stored>();

function isSpan(v: unknown): v is Span {
  return typeof v === "object" && v !== null && typeof (v as Span).start === "number" && typeof (v as Span).end === "number";
}

export function pin<T extends object>(scope: Scope, value: T): Pinned<T> {
  const pins: Pinned<T>["pins"] = [];
  for (const [key, v] of Object.entries(value)) {
    if (!isSpan(v)) continue;
    const statement = scope.statementAt(v.start);
    pins.push({ key, statement, start: v.start - statement.startIndex, end: v.end - statement.startIndex });
  }
  return { value, pins };
}

function unpin<T extends object>(p: Pinned<T>): T {
  const out = { ...p.value } as Record<string, unknown>;
  for (const { key, statement, start, end } of p.pins) out[key] = { start: statement.startIndex + start, end: statement.startIndex + end };
  return out as T;
}

/** The kept result of `statement` when it is still valid here, else undefined. */
export function reusable(scope: Scope, statement: PyNode, context: string): Stored | undefined {
  const s = stored.get(statement);
  if (!s || s.context !== context) return undefined;
  for (const [key, print] of s.reads) if (scope.fingerprint(key) !== print) return undefined;
  return s;
}

/** Judges a statement (recording its reads) and keeps the result for later versions of the file. */
export function remember(scope: Scope, statement: PyNode, context: string, compute: () => StatementResult): Stored {
  const { value, reads } = scope.record(compute);
  const s: Stored = {
    context,
    result: value,
    pinnedRegistrations: value.registrations.map((r) => ({ anchor: r.anchor, construct: pin(scope, r.construct) })),
    reads: [...reads].map((key) => [key, scope.fingerprint(key)]),
  };
  stored.set(statement, s);
  return s;
}

/** Builds the file's model from its statements' results, in source order. */
export function assemble(model: FileModel, results: Stored[]): void {
  const clientIndex = new Map<number, number>();
  const retryIndex = new Map<number, number>();
  for (const { result } of results) {
    for (const c of result.clients) {
      if (clientIndex.has(c.node.id)) continue;
      clientIndex.set(c.node.id, model.clients.length);
      model.clients.push(unpin(c.construction));
    }
  }
  for (const { pinnedRegistrations } of results) {
    for (const r of pinnedRegistrations) {
      const existing = retryIndex.get(r.anchor.id);
      if (existing === undefined) {
        retryIndex.set(r.anchor.id, model.retries.length);
        model.retries.push(unpin(r.construct));
      } else if (r.construct.value.relevant) {
        model.retries[existing].relevant = true;
      }
    }
  }
  for (const { result } of results) {
    for (const c of result.calls) {
      const call = unpin(c.call);
      if (c.client) call.client = clientIndex.get(c.client.id);
      call.retries = c.covering.map((a) => retryIndex.get(a.id)!);
      model.calls.push(call);
    }
    for (const [name, facts] of result.helpers) model.exports.retryHelpers[name] = facts;
  }
  model.billToEvidence = evidence(model);
}

function evidence(model: FileModel): BillToEvidence[] {
  const out: BillToEvidence[] = [];
  for (const c of model.clients) if (c.billTo.org) out.push({ org: c.billTo.org, span: c.span });
  for (const c of model.calls) if (c.billTo.org && c.client === undefined) out.push({ org: c.billTo.org, span: c.span });
  return out;
}

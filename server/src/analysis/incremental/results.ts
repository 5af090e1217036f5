// Results per top-level statement, kept across edits (see reads.ts for when a kept result is still valid).
// Spans are kept relative to the statement they fall in, because the statements after an edit move; nodes are
// referred to by identity, and indexes into the model's lists are assigned only when the model is assembled.
import type {
  BillToEvidence,
  ClientConstruction,
  ExportedClient,
  FileModel,
  FrontendInput,
  HfCall,
  RetryConstruct,
  RetryHelperFacts,
  Span,
} from "../model";
import { detach } from "../text";
import type { ReadKey } from "./keys";
import type { ReadTracker } from "./reads";

/** Where statements are: the one holding an offset, and where one starts now. */
export interface Layout<N> {
  statementAt(offset: number): N;
  startOf(statement: N): number;
}

/** A value whose top-level spans are pinned to the statements they fall in. */
export interface Pinned<T, N> {
  value: T;
  /** Numbered when first unpinned (see Origins). */
  id?: number;
  pins: { key: string; statement: N; start: number; end: number }[];
  /** The pins' keys alone, made when first unpinned: what a model's origins hold (see `assemble`). */
  keys?: readonly { key: string }[];
}

/** What judging one statement adds to the model. */
export interface StatementResult<N> {
  clients: { node: N; construction: ClientConstruction }[];
  /** HF calls; `client` is the construction node. */
  calls: { call: HfCall; client?: N; covering: N[] }[];
  /** Retry constructs registered while judging this statement (they may sit in other statements). */
  registrations: { anchor: N; construct: RetryConstruct }[];
  helpers: [string, RetryHelperFacts][];
  /** Module-level clients and client factories other files can import. */
  exportedClients?: [string, ExportedClient][];
  /** Bill-to written in the statement, attached to a call we follow or not (see billToEvidence.ts). */
  evidence?: BillToEvidence[];
}

export interface Kept<N> {
  context: string;
  clients: { node: N; construction: Pinned<ClientConstruction, N> }[];
  calls: { call: Pinned<HfCall, N>; client?: N; covering: N[] }[];
  registrations: { anchor: N; construct: Pinned<RetryConstruct, N> }[];
  helpers: [string, RetryHelperFacts][];
  exportedClients: [string, ExportedClient][];
  evidence: Pinned<BillToEvidence, N>[];
  /** The keys read and the statements contributing to each then (see ReadTracker.fingerprint). */
  reads: [ReadKey, readonly number[]][];
  /** Judged while the file had no syntax errors: a last good result (see resultOf). */
  good: boolean;
}

const kept = new WeakMap<object, Kept<object>>();

/**
 * Where the entities of an assembled model came from, list by list: the number of the kept (pinned) value each was
 * unpinned from, and its pinned fields. Two entities with the same origin hold the same data, up to where their
 * statements now sit: what lets the rules' diagnostics of an untouched statement be kept (see rules/run.ts).
 */
export interface OriginList {
  /** The entities as assembled (a list a model made later from this one may hold other objects). */
  entities: readonly object[];
  ids: number[];
  pins: (readonly { key: string }[])[];
}
export interface Origins {
  calls: OriginList;
  retries: OriginList;
  clients: OriginList;
}

const origins = new WeakMap<FileModel, Origins>();
let nextPinId = 1;

/** The origins of an assembled model's entities (undefined for a model not assembled from kept results). */
export function originsOf(model: FileModel): Origins | undefined {
  return origins.get(model);
}

/** How many statements were judged and how many kept results reused, for tests and profiling. */
export const judgeCounts = { judged: 0, reused: 0 };

function isSpan(v: unknown): v is Span {
  return (
    typeof v === "object" && v !== null && typeof (v as Span).start === "number" && typeof (v as Span).end === "number"
  );
}

/**
 * A deep copy of plain data with every string detached from the text it was sliced from: a result kept for later
 * versions must not keep its own version of the file in memory (see text.ts: detach).
 */
function detached<T>(value: T): T {
  if (typeof value === "string") return detach(value) as T;
  if (Array.isArray(value)) return value.map(detached) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = detached(v);
    return out as T;
  }
  return value;
}

function pin<T extends object, N>(layout: Layout<N>, value: T): Pinned<T, N> {
  const pins: Pinned<T, N>["pins"] = [];
  for (const [key, v] of Object.entries(value)) {
    if (!isSpan(v)) continue;
    const statement = layout.statementAt(v.start);
    const base = layout.startOf(statement);
    pins.push({ key, statement, start: v.start - base, end: v.end - base });
  }
  return { value, pins };
}

function unpin<T extends object, N>(layout: Layout<N>, p: Pinned<T, N>): T {
  const out = { ...p.value } as Record<string, unknown>;
  for (const { key, statement, start, end } of p.pins) {
    const base = layout.startOf(statement);
    out[key] = { start: base + start, end: base + end };
  }
  return out as T;
}

/**
 * The statement's kept result when it is still valid, else the result of `judge` (recorded, and kept for the
 * next version of the file). `context` holds everything else the result depends on (path, package versions).
 *
 * While the file has syntax errors (`broken`), an unchanged statement keeps its last good result even when what it
 * read changed: the change comes from a statement being typed (a function half-written is no function), and
 * diagnostics elsewhere that vanish and return with each keystroke help nobody. Once the file parses again, the
 * kept result's own reads decide as usual, against the state it was judged in.
 */
function resultOf<N extends object>(
  tracker: ReadTracker<N>,
  layout: Layout<N>,
  statement: N,
  context: string,
  judge: () => StatementResult<N>,
  keep = true,
  broken = false,
): Kept<N> {
  const previous = keep ? (kept.get(statement) as Kept<N> | undefined) : undefined;
  if (
    previous &&
    previous.context === context &&
    ((broken && previous.good) || previous.reads.every(([key, print]) => tracker.unchanged(key, print)))
  ) {
    judgeCounts.reused++;
    return previous;
  }
  judgeCounts.judged++;
  // A one-shot analysis (keep false) has no next version to reuse results in: nothing is recorded or kept.
  const { value, reads } = keep ? tracker.record(judge) : { value: judge(), reads: new Set<ReadKey>() };
  const result: Kept<N> = {
    context,
    clients: value.clients.map((c) => ({
      node: c.node,
      construction: pin(layout, keep ? detached(c.construction) : c.construction),
    })),
    calls: value.calls.map((c) => ({
      call: pin(layout, keep ? detached(c.call) : c.call),
      client: c.client,
      covering: c.covering,
    })),
    registrations: value.registrations.map((r) => ({
      anchor: r.anchor,
      construct: pin(layout, keep ? detached(r.construct) : r.construct),
    })),
    helpers: keep ? detached(value.helpers) : value.helpers,
    exportedClients: keep ? detached(value.exportedClients ?? []) : (value.exportedClients ?? []),
    evidence: (value.evidence ?? []).map((e) => pin(layout, keep ? detached(e) : e)),
    reads: [...reads].map((key) => [key, tracker.fingerprint(key)]),
    good: !broken,
  };
  if (keep) kept.set(statement, result as Kept<object>);
  return result;
}

/**
 * What both frontends do once their scope is built: judge each top-level statement (or reuse its kept result) and
 * assemble the file's model from the results.
 */
export function judgeStatements<N extends object>(
  model: FileModel,
  input: FrontendInput,
  statements: readonly N[],
  tracker: ReadTracker<N>,
  layout: Layout<N>,
  judge: (index: number) => () => StatementResult<N>,
): void {
  // Everything besides the statements themselves that a result depends on.
  const context = `${input.path}\n${JSON.stringify(input.versions)}`;
  const keep = input.keep !== false;
  assemble(
    model,
    layout,
    statements.map((statement, i) =>
      resultOf(tracker, layout, statement, context, judge(i), keep, model.hasSyntaxErrors),
    ),
  );
}

/**
 * Builds the file's model from its statements' results, in source order: the first registration of a retry
 * construct gives its data (relevant when any registration is), client and retry indexes follow list order.
 */
function assemble<N extends object>(model: FileModel, layout: Layout<N>, results: Kept<N>[]): void {
  const clientIndex = new Map<N, number>();
  const retryIndex = new Map<N, number>();
  const list = (entities: object[]): OriginList => ({ entities, ids: [], pins: [] });
  const from: Origins = { calls: list(model.calls), retries: list(model.retries), clients: list(model.clients) };
  origins.set(model, from);
  const note = (l: OriginList, p: Pinned<object, N>) => {
    l.ids.push((p.id ??= nextPinId++));
    // Keys only: a pin's statement is a node of the file's tree, and origins holding it would keep the whole tree
    // alive as long as the model (a one-shot check holds every file's model to the end: 65 MB of trees measured
    // over 2,000 files).
    l.pins.push((p.keys ??= p.pins.map(({ key }) => ({ key }))));
  };
  for (const r of results) {
    for (const c of r.clients) {
      if (clientIndex.has(c.node)) continue;
      clientIndex.set(c.node, model.clients.length);
      model.clients.push(unpin(layout, c.construction));
      note(from.clients, c.construction);
    }
  }
  for (const r of results) {
    for (const reg of r.registrations) {
      const existing = retryIndex.get(reg.anchor);
      if (existing === undefined) {
        retryIndex.set(reg.anchor, model.retries.length);
        model.retries.push(unpin(layout, reg.construct));
        note(from.retries, reg.construct);
      } else if (reg.construct.value.relevant) {
        model.retries[existing].relevant = true;
      }
    }
  }
  for (const r of results) {
    for (const c of r.calls) {
      const call = unpin(layout, c.call);
      if (c.client) call.client = clientIndex.get(c.client);
      // A last good result kept while the file is broken may name a retry whose statement is being typed.
      // A loop, not map and filter: this runs for every call of the file on every keystroke.
      const retries: number[] = [];
      for (const a of c.covering) {
        const i = retryIndex.get(a);
        if (i !== undefined) retries.push(i);
      }
      call.retries = retries;
      model.calls.push(call);
      note(from.calls, c.call);
    }
    for (const [name, facts] of r.helpers) model.exports.retryHelpers[name] = facts;
    for (const [name, facts] of r.exportedClients) model.exports.clients[name] = facts;
  }
  model.billToEvidence = evidence(model);
  for (const r of results) for (const e of r.evidence) model.billToEvidence.push(unpin(layout, e));
}

function evidence(model: FileModel): BillToEvidence[] {
  const out: BillToEvidence[] = [];
  // Named orgs only: dynamic values are found in the text, where a forwarded parameter can be told apart.
  for (const c of model.clients) if (c.billTo.org) out.push({ org: c.billTo.org, span: c.span });
  for (const c of model.calls)
    if (c.billTo.org && c.client === undefined) out.push({ org: c.billTo.org, span: c.span });
  return out;
}

// Where a finding is shown and which places explain it, decided once for every rule. A finding on a call underlines
// its callee (`client.chat_completion`), not every line of its arguments; one on a client construction underlines
// the class. Related places are what a reader needs next: the retry that does not protect a call, the calls a
// retry covers or a client bills, where the organization is named.
import {
  needsBillTo,
  type ClientConstruction,
  type FileModel,
  type HfCall,
  type RetryConstruct,
  type Span,
} from "../model";
import { describe } from "./retryWording";
import type { Finding, OrgContext } from "./types";

export interface Related {
  message: string;
  span: Span;
  /** Another workspace file; absent means this one. */
  path?: string;
}

export function callSpan(call: HfCall): Span {
  return call.calleeSpan ?? call.span;
}

/** The class (or `new Class`) of a construction: everything before its argument parenthesis. */
export function clientSpan(client: ClientConstruction): Span {
  const end = client.argsSpan.start - 1;
  return end > client.span.start ? { start: client.span.start, end } : client.span;
}

/**
 * Who refers to whom in a model, listed once per check: a finding's related places are looked up here instead of
 * by a scan of every call (which made placing every finding of a large file quadratic).
 */
export class ModelLinks {
  /** Indexes into the model's calls, by the index of the client they go through and of the retries covering them. */
  private byClient?: Map<number, number[]>;
  private byRetry?: Map<number, number[]>;
  private clientIndex?: Map<ClientConstruction, number>;
  private retryIndex?: Map<RetryConstruct, number>;

  // Each table is made when first asked for: a one-shot check of a file whose findings are all on calls (most files
  // with any) never asks.
  constructor(readonly model: FileModel) {}

  /** The calls by client and by retry (one pass over the calls for both). */
  private indexCalls(): void {
    const byClient = (this.byClient = new Map<number, number[]>());
    const byRetry = (this.byRetry = new Map<number, number[]>());
    this.model.calls.forEach((call, i) => {
      if (call.client !== undefined) push(byClient, call.client, i);
      const retries = call.retries;
      if (retries.length === 1) push(byRetry, retries[0], i);
      else if (retries.length > 1) for (const r of new Set(retries)) push(byRetry, r, i);
    });
  }

  /** The calls made through the client at `index` of the model's list. */
  callsOf(index: number): readonly HfCall[] {
    return this.callIndexesOf(index).map((i) => this.model.calls[i]);
  }

  /** The calls the retry at `index` covers. */
  callsRetriedBy(index: number): readonly HfCall[] {
    return this.callIndexesRetriedBy(index).map((i) => this.model.calls[i]);
  }

  callIndexesOf(client: number): readonly number[] {
    if (!this.byClient) this.indexCalls();
    return this.byClient!.get(client) ?? NONE;
  }

  callIndexesRetriedBy(retry: number): readonly number[] {
    if (!this.byRetry) this.indexCalls();
    return this.byRetry!.get(retry) ?? NONE;
  }

  indexOfClient(client: ClientConstruction): number {
    this.clientIndex ??= new Map(this.model.clients.map((c, i) => [c, i]));
    return this.clientIndex.get(client) ?? -1;
  }

  indexOfRetry(retry: RetryConstruct): number {
    this.retryIndex ??= new Map(this.model.retries.map((r, i) => [r, i]));
    return this.retryIndex.get(retry) ?? -1;
  }
}

const NONE: readonly number[] = Object.freeze([]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function placeFinding(
  model: FileModel,
  finding: Finding,
  orgContext: OrgContext | undefined,
  links: ModelLinks = new ModelLinks(model),
): { span: Span; related: Related[] } {
  let span = finding.span;
  if (finding.call && span === finding.call.span) span = callSpan(finding.call);
  else if (finding.client && span === finding.client.span) span = clientSpan(finding.client);
  const related: Related[] = [];
  if (finding.code === "HF001" && finding.call) retriesAround(model, finding.call, related);
  if (finding.retry) aboutRetry(links, finding.retry, finding.span, related);
  if (finding.code === "HF003") {
    if (finding.client) {
      for (const call of links.callsOf(links.indexOfClient(finding.client))) {
        if (needsBillTo(call.surface) && !call.billTo.present)
          related.push({ span: callSpan(call), message: `\`${call.callee}\` bills through this client.` });
      }
    }
    if (orgContext?.at)
      related.push({
        span: orgContext.at.span,
        path: orgContext.at.path,
        message:
          orgContext.org !== undefined
            ? `Bills "${orgContext.org}" here: the workspace's organization.`
            : "Bills an organization here (a dynamic value): the project's organization.",
      });
  }
  return { span, related };
}

/** User-written retries around an unprotected call, added to `out`: each is a retry that does not protect it. */
function retriesAround(model: FileModel, call: HfCall, out: Related[]): void {
  const why = call.protection.kind === "unprotected" ? call.protection.reason : undefined;
  for (const i of call.retries) {
    const retry = model.retries[i];
    if (retry)
      out.push({
        span: retry.span,
        message: `This ${describe(retry.kind)} does not protect the call${why ? `: ${why}` : ""}.`,
      });
  }
}

/** The HF calls a retry covers, and the retry itself when the finding sits on its wait, added to `out`. */
function aboutRetry(links: ModelLinks, retry: RetryConstruct, findingSpan: Span, out: Related[]): void {
  if (findingSpan !== retry.span)
    out.push({ span: retry.span, message: `The ${describe(retry.kind)} this wait belongs to.` });
  for (const call of links.callsRetriedBy(links.indexOfRetry(retry)))
    out.push({ span: callSpan(call), message: `Retried here: \`${call.callee}\`.` });
}

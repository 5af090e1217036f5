// Runs the rules over a model's subjects (HF calls, retry constructs, client constructions), keeping the
// diagnostics of the subjects whose inputs did not change since the file's last check.
//
// Typing re-judges one statement; the model is assembled again from every statement's kept result, but an entity of
// an untouched statement comes from the same kept value (incremental/results.ts: originsOf). A subject's diagnostics
// depend only on itself, the entities it is linked to (a call's client and the retries around it, a retry's calls,
// a client's calls), where those sit in the text now (lines and columns, not offsets: a character typed above moves
// offsets, not lines) and what holds for the whole file (enabled rules, severities, the org context, package
// versions: `scope`). When all of that is as it was, the subject keeps the same Diagnostic objects, which also lets
// the language server reuse their encoding.
import type { Diagnostic } from "../diagnostic";
import type { ClientConstruction, FileModel, RetryConstruct, Span } from "../model";
import type { OriginList, Origins } from "../incremental/results";
import type { LineIndex } from "../text";
import type { Finding, Rule, SubjectContext } from "./types";
import type { ModelLinks } from "./where";

/** What a file keeps of its last check's diagnostics, per subject (by the origin of the subject's entity). */
export class RuleMemo {
  scope = "";
  bySubject = new Map<number, { inputs: Signature[]; diagnostics: Diagnostic[] }>();
}

/** An entity's origin and where its spans are: [origin id, relevant flag, then line, column of each span end]. */
type Signature = readonly number[];

/** How many subjects the rules were run over (tests count them: a keystroke runs them over its statement's). */
export const ruleWork = { subjects: 0 };

export interface RuleRun {
  model: FileModel;
  links: ModelLinks;
  ctx: SubjectContext;
  /** The enabled rules. */
  rules: readonly Rule[];
  lines: LineIndex;
  /** A finding as the diagnostic it becomes (placed and ranged; suppressions are applied by the caller). */
  diagnose(finding: Finding): Diagnostic;
}

/**
 * Every subject's diagnostics. With a memo, a subject whose inputs are unchanged (same origins, same places, same
 * `scope`) keeps its diagnostics from the last check, and the memo is replaced by this check's.
 */
export function runRules(run: RuleRun, memo?: RuleMemo, scope = "", origins?: Origins): Diagnostic[] {
  if (!memo) return runOnce(run);
  const { model, links, ctx, rules } = run;
  const previous = memo.scope === scope ? memo.bySubject : undefined;
  const next = new Map<number, { inputs: Signature[]; diagnostics: Diagnostic[] }>();
  // Every entity's signature, list by list.
  const signatures = (entities: readonly object[], from: OriginList | undefined) =>
    entities.map((e, i) => (from ? signature(e, i, from, run.lines) : undefined));
  const calls = signatures(model.calls, origins?.calls);
  const retries = signatures(model.retries, origins?.retries);
  const clients = signatures(model.clients, origins?.clients);
  const out: Diagnostic[] = [];
  /** `inputs[0]` is the subject's own signature, the others those of what its diagnostics also read. */
  const subject = (inputs: (Signature | undefined)[], findings: () => Finding[]) => {
    const complete = inputs.every((s) => s !== undefined);
    const id = complete ? inputs[0]![0] : undefined;
    const kept = id !== undefined ? previous?.get(id) : undefined;
    let diagnostics: Diagnostic[];
    if (kept && complete && sameInputs(kept.inputs, inputs as Signature[])) diagnostics = kept.diagnostics;
    else {
      ruleWork.subjects++;
      diagnostics = findings().map(run.diagnose);
    }
    if (id !== undefined) next.set(id, { inputs: inputs as Signature[], diagnostics });
    for (const d of diagnostics) out.push(d);
  };
  // Each kind of subject runs only the rules that look at it.
  const { call: callRules, retry: retryRules, client: clientRules } = rulesBySubject(rules);
  model.calls.forEach((call, i) => {
    const inputs = [calls[i]];
    if (call.client !== undefined) inputs.push(clients[call.client]);
    for (const r of call.retries) inputs.push(retries[r]);
    subject(inputs, () => callRules.flatMap((rule) => rule.checkCall!(call, ctx)));
  });
  model.retries.forEach((retry: RetryConstruct, i) =>
    subject([retries[i], ...links.callIndexesRetriedBy(i).map((c) => calls[c])], () =>
      retryRules.flatMap((rule) => rule.checkRetry!(retry, ctx)),
    ),
  );
  model.clients.forEach((client: ClientConstruction, i) =>
    subject([clients[i], ...links.callIndexesOf(i).map((c) => calls[c])], () =>
      clientRules.flatMap((rule) => rule.checkClient!(client, i, ctx)),
    ),
  );
  memo.scope = scope;
  memo.bySubject = next;
  return out;
}

/**
 * A one-shot check (nothing kept for a next version, as in a CLI scan of every file): each subject's rules run once,
 * their findings going straight into the list, with no signatures, closures or per-subject lists.
 */
function runOnce(run: RuleRun): Diagnostic[] {
  const { model, ctx } = run;
  const { call: callRules, retry: retryRules, client: clientRules } = rulesBySubject(run.rules);
  const out: Diagnostic[] = [];
  const report = (findings: readonly Finding[]) => {
    for (let i = 0; i < findings.length; i++) out.push(run.diagnose(findings[i]));
  };
  for (const call of model.calls) {
    ruleWork.subjects++;
    for (const rule of callRules) report(rule.checkCall!(call, ctx));
  }
  for (const retry of model.retries) {
    ruleWork.subjects++;
    for (const rule of retryRules) report(rule.checkRetry!(retry, ctx));
  }
  for (let i = 0; i < model.clients.length; i++) {
    ruleWork.subjects++;
    for (const rule of clientRules) report(rule.checkClient!(model.clients[i], i, ctx));
  }
  return out;
}

/** The rules that look at each kind of subject. */
function rulesBySubject(rules: readonly Rule[]): { call: Rule[]; retry: Rule[]; client: Rule[] } {
  return {
    call: rules.filter((rule) => rule.checkCall),
    retry: rules.filter((rule) => rule.checkRetry),
    client: rules.filter((rule) => rule.checkClient),
  };
}

function sameInputs(a: readonly Signature[], b: readonly Signature[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
  }
  return true;
}

/**
 * The signature of the entity at `index` of a model's list, or undefined when it is not the entity assembled there
 * (a model made from the assembled one, with calls on imported clients resolved, holds new objects).
 */
function signature(entity: object, index: number, from: OriginList, lines: LineIndex): Signature | undefined {
  if (from.entities[index] !== entity) return undefined;
  // `relevant` is set on the assembled model when another statement registers the same retry as relevant.
  const out = [from.ids[index], (entity as RetryConstruct).relevant ? 1 : 0];
  for (const { key } of from.pins[index]) {
    const span = (entity as Record<string, Span>)[key];
    // Lines and columns as `lines.position` gives them, without two objects per span on every keystroke.
    const a = lines.lineOf(span.start);
    const b = lines.lineOf(span.end);
    out.push(a, span.start - lines.lineStart(a), b, span.end - lines.lineStart(b));
  }
  return out;
}

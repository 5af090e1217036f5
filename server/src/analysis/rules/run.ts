// Runs the rules over a model's subjects (HF calls, retry constructs, client constructions), keeping the
// diagnostics of the subjects whose inputs did not change since the file's last check.
//
// Typing re-judges one statement; the model is assembled again from every statement's kept result, but an entity of
// an untouched statement comes from the same kept value (incremental/results.ts: originOf). A subject's diagnostics
// depend only on itself, the entities it is linked to (a call's client and the retries around it, a retry's calls,
// a client's calls), where those sit in the text now (lines and columns, not offsets: a character typed above moves
// offsets, not lines) and what holds for the whole file (enabled rules, severities, the org context, package
// versions: `scope`). When all of that is as it was, the subject keeps the same Diagnostic objects, which also lets
// the language server reuse their encoding.
import type { Diagnostic } from "../diagnostic";
import type { ClientConstruction, FileModel, RetryConstruct, Span } from "../model";
import { originOf } from "../incremental/results";
import type { LineIndex } from "../text";
import type { Finding, Rule, SubjectContext } from "./types";
import type { ModelLinks } from "./where";

/** What a file keeps of its last check's diagnostics, per subject. */
export class RuleMemo {
  scope = "";
  bySubject = new Map<string, Diagnostic[]>();
}

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
export function runRules(run: RuleRun, memo?: RuleMemo, scope = ""): Diagnostic[] {
  const { model, links, ctx, rules } = run;
  const previous = memo && memo.scope === scope ? memo.bySubject : undefined;
  const next = memo ? new Map<string, Diagnostic[]>() : undefined;
  const keys = new Map<object, string | undefined>();
  const keyOf = (entity: object) => {
    if (!keys.has(entity)) keys.set(entity, entityKey(entity, run.lines));
    return keys.get(entity);
  };
  const out: Diagnostic[] = [];
  const subject = (kind: string, linked: readonly object[], findings: () => Finding[]) => {
    let key: string | undefined = kind;
    if (next) {
      for (const e of linked) {
        const k = keyOf(e);
        if (k === undefined) {
          key = undefined;
          break;
        }
        key += `|${k}`;
      }
    }
    const kept = key !== undefined ? previous?.get(key) : undefined;
    const diagnostics = kept ?? (ruleWork.subjects++, findings().map(run.diagnose));
    if (key !== undefined) next?.set(key, diagnostics);
    out.push(...diagnostics);
  };
  for (const call of model.calls) {
    const linked: object[] = [call];
    if (call.client !== undefined && model.clients[call.client]) linked.push(model.clients[call.client]);
    for (const r of call.retries) if (model.retries[r]) linked.push(model.retries[r]);
    subject("call", linked, () => rules.flatMap((rule) => rule.checkCall?.(call, ctx) ?? []));
  }
  model.retries.forEach((retry: RetryConstruct, i) =>
    subject("retry", [retry, ...links.callsRetriedBy(i)], () =>
      rules.flatMap((rule) => rule.checkRetry?.(retry, ctx) ?? []),
    ),
  );
  model.clients.forEach((client: ClientConstruction, i) =>
    subject("client", [client, ...links.callsOf(i)], () =>
      rules.flatMap((rule) => rule.checkClient?.(client, i, ctx) ?? []),
    ),
  );
  if (memo && next) {
    memo.scope = scope;
    memo.bySubject = next;
  }
  return out;
}

/** An entity's origin and where its spans are now (line:column), or undefined when it has no origin. */
function entityKey(entity: object, lines: LineIndex): string | undefined {
  const origin = originOf(entity);
  if (!origin) return undefined;
  let key = `${origin.id}`;
  for (const { key: field } of origin.pins) {
    const span = (entity as Record<string, Span>)[field];
    const a = lines.position(span.start);
    const b = lines.position(span.end);
    key += `,${a.line}:${a.character}-${b.line}:${b.character}`;
  }
  // Set on the assembled model when another statement registers the same retry as relevant.
  if ((entity as RetryConstruct).relevant !== undefined) key += (entity as RetryConstruct).relevant ? "+" : "-";
  return key;
}

// One rule = one module made by createRule (the shape of typescript-eslint's createRule): its code, name,
// default severity, summary, message templates, docs link and the fixes it offers, next to its check. Settings,
// the config schema, the README table, SARIF metadata and the docs headings are generated from these modules
// (scripts/generate-rules.ts; a test fails when a generated file is stale).
//
// A check is written per subject (one HF call, one retry construct, one client construction), so the analyzer can
// run the rules over only the subjects whose inputs changed since the last check (typing re-judges one statement;
// the other subjects' diagnostics are kept).
import { docsUrl, type RuleCode, type Severity } from "../../../../shared/src/rules";
import type { Fix } from "../diagnostic";
import type { FixContext } from "../fixes/context";
import type { ClientConstruction, HfCall, RetryConstruct, Span } from "../model";
import type { Finding, Rule, RuleContext, SubjectContext } from "./types";
import { ModelLinks } from "./where";

/** What a check reports: a message by id with the values for its `{{placeholders}}`, and its subject. */
export interface Report<MessageId extends string> {
  messageId: MessageId;
  data?: Record<string, string>;
  span: Span;
  call?: HfCall;
  client?: ClientConstruction;
  retry?: RetryConstruct;
}

export interface RuleDefinition<Code extends RuleCode, MessageId extends string> {
  meta: {
    code: Code;
    name: string;
    defaultSeverity: Severity;
    summary: string;
    /** Message templates; `{{name}}` is replaced from a report's data. */
    messages: Record<MessageId, string>;
  };
  /** Reports about one HF call, one retry construct, one client construction (`index` in the model's list). */
  call?(call: HfCall, ctx: SubjectContext): Report<MessageId>[];
  retry?(retry: RetryConstruct, ctx: SubjectContext): Report<MessageId>[];
  client?(client: ClientConstruction, index: number, ctx: SubjectContext): Report<MessageId>[];
  fixes?: (ctx: FixContext, finding: Finding) => Fix[];
}

export function createRule<const Code extends RuleCode, MessageId extends string>(
  def: RuleDefinition<Code, MessageId>,
): Rule<Code> & { messages: Record<MessageId, string> } {
  const { code, name, defaultSeverity, summary, messages } = def.meta;
  const templates = new Map<string, Template>();
  for (const id of Object.keys(messages) as MessageId[]) templates.set(id, compile(messages[id]));
  // Most subjects give a rule nothing to report: a one-shot check of a workspace runs every rule over every subject
  // of every file, so neither an empty list nor a finding is copied through rest/spread objects here.
  const findings = (reports: Report<MessageId>[]): Finding[] => {
    if (reports.length === 0) return NO_FINDINGS;
    const out: Finding[] = [];
    for (const r of reports) {
      const finding: Finding = { code, message: fill(templates.get(r.messageId)!, r.data), span: r.span };
      if (r.call) finding.call = r.call;
      if (r.client) finding.client = r.client;
      if (r.retry) finding.retry = r.retry;
      out.push(finding);
    }
    return out;
  };
  const rule: Rule<Code> & { messages: Record<MessageId, string> } = {
    code,
    meta: { code, name, defaultSeverity, summary, docs: docsUrl(code), fixable: def.fixes !== undefined },
    messages,
    check(ctx) {
      const subjects = withLinks(ctx);
      return [
        ...ctx.model.calls.flatMap((c) => rule.checkCall?.(c, subjects) ?? []),
        ...ctx.model.retries.flatMap((r) => rule.checkRetry?.(r, subjects) ?? []),
        ...ctx.model.clients.flatMap((c, i) => rule.checkClient?.(c, i, subjects) ?? []),
      ];
    },
    fixes: def.fixes,
  };
  if (def.call) rule.checkCall = (c, ctx) => findings(def.call!(c, ctx));
  if (def.retry) rule.checkRetry = (r, ctx) => findings(def.retry!(r, ctx));
  if (def.client) rule.checkClient = (c, i, ctx) => findings(def.client!(c, i, ctx));
  return rule;
}

/** A rule context with the model's links (the calls of each client). */
export function withLinks(ctx: RuleContext, links = new ModelLinks(ctx.model)): SubjectContext {
  return { ...ctx, callsOf: (client) => links.callsOf(client) };
}

/** What a rule with nothing to say returns (shared: never added to). */
const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

/**
 * A message template cut at its `{{placeholders}}`, once per rule: [text, key, placeholder as written, text, ...].
 * Filling it joins the pieces instead of running a regex with a callback per finding.
 */
type Template = readonly string[];

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

function compile(template: string): Template {
  const parts: string[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, m.index), m[1], m[0]);
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}

/** The template with each placeholder replaced from `data`; one without a value stays as written. */
function fill(template: Template, data: Record<string, string> = {}): string {
  let out = template[0];
  for (let i = 1; i < template.length; i += 3) out += (data[template[i]] ?? template[i + 1]) + template[i + 2];
  return out;
}

// One rule = one module made by createRule (the shape of typescript-eslint's createRule): its code, name,
// default severity, summary, message templates, docs link and the fixes it offers, next to its check. Settings,
// the config schema, the README table, SARIF metadata and the docs headings are generated from these modules
// (scripts/generate-rules.ts; a test fails when a generated file is stale).
import { docsUrl, type RuleCode, type Severity } from "../../../../shared/src/rules";
import type { Fix } from "../diagnostic";
import type { FixContext } from "../fixes/context";
import type { ClientConstruction, HfCall, RetryConstruct, Span } from "../model";
import type { Finding, Rule, RuleContext } from "./types";

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
  check(ctx: RuleContext): Report<MessageId>[];
  fixes?: (ctx: FixContext, finding: Finding) => Fix[];
}

export function createRule<const Code extends RuleCode, MessageId extends string>(
  def: RuleDefinition<Code, MessageId>,
): Rule<Code> & { messages: Record<MessageId, string> } {
  const { code, name, defaultSeverity, summary, messages } = def.meta;
  return {
    code,
    meta: { code, name, defaultSeverity, summary, docs: docsUrl(code), fixable: def.fixes !== undefined },
    messages,
    check(ctx) {
      return def
        .check(ctx)
        .map(({ messageId, data, ...subject }) => ({ code, message: fill(messages[messageId], data), ...subject }));
    },
    fixes: def.fixes,
  };
}

function fill(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => data[key] ?? whole);
}

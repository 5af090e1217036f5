// HF003: add the org where the client or call already takes it: `bill_to=` (huggingface_hub >= 0.30, smolagents),
// `billTo` (@huggingface/inference >= 3.7), or an X-HF-Bill-To header, merged into an existing headers literal.
import type { Fix } from "../diagnostic";
import type { ClientConstruction, HfCall, Span } from "../model";
import { atLeast } from "../versions/semver";
import { makeFix, type FixContext } from "./context";
import { appendItem, insert, type OffsetEdit } from "./edits";

export function billToFixes(ctx: FixContext, client: ClientConstruction | undefined, call: HfCall | undefined): Fix[] {
  const value = billToValue(ctx);
  if (!value) return [];
  const edit = client ? clientEdit(ctx, client, value) : call ? callEdit(ctx, call, value) : undefined;
  const title =
    ctx.orgContext?.org !== undefined
      ? `HF003: Bill "${ctx.orgContext.org}" (X-HF-Bill-To)`
      : `HF003: Bill ${value} (X-HF-Bill-To)`;
  return edit ? [makeFix(ctx, title, "quickfix", true, [edit])] : [];
}

/**
 * The source text of the value to bill: the org as a string literal, or the dynamic expression the project bills
 * with elsewhere when it means the same here (an env var read; in Python only where `os` is imported).
 */
function billToValue(ctx: FixContext): string | undefined {
  const org = ctx.orgContext?.org;
  if (org) return JSON.stringify(org);
  const expression = ctx.orgContext?.expression;
  if (!expression || expression.language !== ctx.model.language) return undefined;
  if (expression.language === "python" && !/^import os\b|^import [\w, ]*\bos\b/m.test(ctx.text)) return undefined;
  return expression.text;
}

function header(_ctx: FixContext, value: string): string {
  return `"X-HF-Bill-To": ${value}`;
}

/** Adds the header as the first entry of an existing `{...}` literal. */
function intoLiteral(ctx: FixContext, literal: Span, org: string): OffsetEdit {
  const body = ctx.text.slice(literal.start + 1, literal.end - 1);
  return insert(literal.start + 1, body.trim() ? `${header(ctx, org)}, ` : header(ctx, org));
}

function clientEdit(ctx: FixContext, client: ClientConstruction, org: string): OffsetEdit | undefined {
  const q = org; // already source text (see billToValue)
  if (ctx.model.language === "python") {
    switch (client.className) {
      case "InferenceClient":
      case "AsyncInferenceClient":
        if (atLeast(ctx.versions.huggingface_hub, "0.30.0"))
          return appendItem(ctx.text, client.argsSpan, `bill_to=${q}`);
        return client.headersSpan
          ? intoLiteral(ctx, client.headersSpan, org)
          : appendItem(ctx.text, client.argsSpan, `headers={${header(ctx, org)}}`);
      case "InferenceClientModel":
      case "HfApiModel":
        return appendItem(ctx.text, client.argsSpan, `bill_to=${q}`);
      case "HuggingFaceEndpoint":
        return /server_kwargs\s*=/.test(ctx.text.slice(client.argsSpan.start, client.argsSpan.end))
          ? undefined
          : appendItem(ctx.text, client.argsSpan, `server_kwargs={"bill_to": ${q}}`);
      case "OpenAI":
      case "AsyncOpenAI":
        return client.headersSpan
          ? intoLiteral(ctx, client.headersSpan, org)
          : appendItem(ctx.text, client.argsSpan, `default_headers={${header(ctx, org)}}`);
      default:
        return undefined;
    }
  }
  const args = ctx.text.slice(client.argsSpan.start, client.argsSpan.end);
  if (client.library === "@huggingface/inference") {
    const close = args.lastIndexOf("}");
    if (close !== -1 && args.includes(",")) {
      const inner = args.slice(0, close).replace(/\s+$/, "");
      return insert(client.argsSpan.start + inner.length, inner.endsWith("{") ? ` billTo: ${q} ` : `, billTo: ${q}`);
    }
    return appendItem(ctx.text, client.argsSpan, args.trim() ? `{ billTo: ${q} }` : `undefined, { billTo: ${q} }`);
  }
  if (client.className === "OpenAI") {
    if (client.headersSpan) return intoLiteral(ctx, client.headersSpan, org);
    const open = args.indexOf("{");
    if (open === -1)
      return args.trim() ? undefined : insert(client.argsSpan.start, `{ defaultHeaders: { ${header(ctx, org)} } }`);
    return insert(client.argsSpan.start + open + 1, ` defaultHeaders: { ${header(ctx, org)} },`);
  }
  return undefined;
}

/** A raw HTTP call: merge into its `headers` literal, or add one. */
function callEdit(ctx: FixContext, call: HfCall, org: string): OffsetEdit | undefined {
  const text = ctx.text.slice(call.span.start, call.span.end);
  const literal = ctx.model.language === "python" ? /\bheaders\s*=\s*\{/.exec(text) : /\bheaders\s*:\s*\{/.exec(text);
  if (literal) {
    const open = call.span.start + literal.index + literal[0].length - 1;
    const close = matchingBrace(ctx.text, open);
    return close === undefined ? undefined : intoLiteral(ctx, { start: open, end: close + 1 }, org);
  }
  const named =
    ctx.model.language === "python"
      ? /\bheaders\s*=\s*(\w+)\s*[,)]/.exec(text)
      : /\bheaders\s*(?::\s*(\w+)|,|\s*})/.exec(text);
  if (named) {
    // `headers=headers`: the dict literal last assigned to that name before the call, when there is one.
    const name = named[1] ?? "headers";
    const before = ctx.text.slice(0, call.span.start);
    const defs = [
      ...before.matchAll(
        new RegExp(`(?:^|\\n)[ \\t]*(?:(?:const|let|var)\\s+)?${name}\\s*(?::[^=\\n]+)?=\\s*\\{`, "g"),
      ),
    ];
    const def = defs[defs.length - 1];
    if (!def) return undefined;
    const open = def.index! + def[0].length - 1;
    const close = matchingBrace(ctx.text, open);
    return close === undefined ? undefined : intoLiteral(ctx, { start: open, end: close + 1 }, org);
  }
  if (/\bheaders\s*[=:]/.test(text)) return undefined; // headers built elsewhere: no safe place to add it
  const open = text.indexOf("(");
  if (open === -1 || !text.endsWith(")")) return undefined;
  const args = { start: call.span.start + open + 1, end: call.span.end - 1 };
  if (ctx.model.language === "python") return appendItem(ctx.text, args, `headers={${header(ctx, org)}}`);
  return undefined;
}

function matchingBrace(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return undefined;
}

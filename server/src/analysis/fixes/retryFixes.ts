// HF001 and the retry-shape rules: wrap the call in the inserted Retry-After-aware helper, give an
// @huggingface/inference client a retrying fetch (its errors carry no headers), call hfFetch instead of fetch,
// restore the OpenAI SDK's own retries, or mend a tenacity decorator's wait and stop.
import type { Fix } from "../diagnostic";
import type { HfCall, RetryConstruct } from "../model";
import { isTypeScript, makeFix, eol, once, type FixContext } from "./context";
import { appendItem, insert, removeItem, replace, type OffsetEdit } from "./edits";
import { jsInsertionOffset, pythonInsertionOffset } from "./insertionPoint";
import { jsHelper, JS_HELPER_MARKER, jsRetryAfter, JS_RETRY_AFTER_MARKER } from "./templates/javascript";
import {
  PY_BACKOFF_WAIT,
  PY_BACKOFF_WAIT_MARKER,
  PY_HELPER,
  PY_HELPER_MARKER,
  PY_RETRY_AFTER,
  PY_RETRY_AFTER_MARKER,
  PY_TENACITY_RETRY,
  PY_TENACITY_RETRY_MARKER,
  PY_TENACITY_WAIT,
  PY_TENACITY_WAIT_MARKER,
} from "./templates/python";

function withEol(ctx: FixContext, block: string): string {
  return block.replace(/\n/g, eol(ctx));
}

/** A helper block inserted once per file, after the imports, unless the file already has it. */
function blockOnce(ctx: FixContext, marker: string, block: string): OffsetEdit[] {
  if (has(ctx, marker)) return [];
  const python = ctx.model.language === "python";
  const at = insertionOffset(ctx);
  return [insert(at, withEol(ctx, (at > 0 ? (python ? "\n\n" : "\n") : "") + block + (python ? "\n\n\n" : "\n\n")))];
}

function insertionOffset(ctx: FixContext): number {
  return once(ctx, "insertAt", () => (ctx.model.language === "python" ? pythonInsertionOffset(ctx.text) : jsInsertionOffset(ctx.text)));
}

function has(ctx: FixContext, marker: string): boolean {
  return once(ctx, `has:${marker}`, () => ctx.text.includes(marker));
}

/** The helper block, once per file: reused when the file already has it. */
function helperEdit(ctx: FixContext): OffsetEdit[] {
  if (ctx.model.language === "python") {
    if (has(ctx, PY_HELPER_MARKER)) return [];
    const at = insertionOffset(ctx);
    return [insert(at, once(ctx, "pyHelper", () => withEol(ctx, (at > 0 ? "\n\n" : "") + PY_HELPER + "\n\n")))];
  }
  if (has(ctx, JS_HELPER_MARKER)) return [];
  const at = insertionOffset(ctx);
  return [insert(at, once(ctx, "jsHelper", () => withEol(ctx, (at > 0 ? "\n" : "") + jsHelper(isTypeScript(ctx.path)) + "\n")))];
}

export function unhandledRateLimitFixes(ctx: FixContext, call: HfCall): Fix[] {
  const text = ctx.text;
  const callText = text.slice(call.span.start, call.span.end);
  if (!callText.includes("(")) return []; // a method passed by reference: nothing to wrap here
  const client = call.client !== undefined ? ctx.model.clients[call.client] : undefined;

  if (client?.retriesDisabledSpan && (client.library === "openai" || client.library === "@langchain/community")) {
    return [makeFix(ctx, "HF001: Restore the SDK's built-in retries", "quickfix", true, [removeItem(text, client.retriesDisabledSpan)])];
  }
  if (ctx.model.language === "js" && client && client.library === "@huggingface/inference") {
    return [makeFix(ctx, "HF001: Give the client a Retry-After-aware fetch", "quickfix", true, [...helperEdit(ctx), fetchOption(ctx, client.argsSpan)])];
  }
  if (ctx.model.language === "js" && call.library === "fetch" && /^fetch\s*\(/.test(callText)) {
    return [makeFix(ctx, "HF001: Use hfFetch (retries 429, honours Retry-After)", "quickfix", true, [...helperEdit(ctx), replace({ start: call.span.start, end: call.span.start + 5 }, "hfFetch")])];
  }
  const target = call.awaitSpan ?? call.span;
  // An `await` inside the call (in its arguments, or its callee) cannot go into a plain lambda or arrow:
  // SyntaxError in Python, TS1308 in TypeScript.
  const awaits = /\bawait\b/.test(callText);
  let wrapped: string;
  if (ctx.model.language === "python") {
    const before = text.slice(ctx.lines.lineStart(ctx.lines.position(call.span.start).line), call.span.start);
    const inAsyncWith = /async\s+with\s+$/.test(before);
    const name = call.awaitSpan || inAsyncWith || call.isAsync ? "_hf_retry_async" : "_hf_retry";
    // Python has no async lambda: the helper takes the callee and its arguments, which are then evaluated (and
    // awaited) once, in the caller's async function.
    const inner = awaits ? passArguments(callText, ctx) : `lambda: ${callText}`;
    if (inner === undefined) return [];
    wrapped = `${call.awaitSpan || inAsyncWith ? "await " : ""}${name}(${inner})`;
  } else {
    const arrow = awaits ? `async () => ${callText}` : `() => ${callText}`;
    wrapped = call.awaitSpan ? `await hfRetry(${arrow})` : `hfRetry(${arrow})`;
  }
  const fixes = [makeFix(ctx, "HF001: Retry with backoff that honours Retry-After", "quickfix", true, [...helperEdit(ctx), replace(target, wrapped)])];
  // Projects that already use tenacity may prefer it: the same policy, written with tenacity.
  const usesTenacity = ctx.versions.tenacity !== undefined || once(ctx, "tenacity", () => /^\s*(from tenacity import|import tenacity)/m.test(text));
  if (ctx.model.language === "python" && usesTenacity && !call.isAsync && !call.awaitSpan) {
    const edits = [...blockOnce(ctx, PY_TENACITY_WAIT_MARKER, PY_TENACITY_WAIT + "\n\n\n" + PY_TENACITY_RETRY)];
    if (edits.length === 0) edits.push(...blockOnce(ctx, PY_TENACITY_RETRY_MARKER, PY_TENACITY_RETRY));
    fixes.push(makeFix(ctx, "HF001: Retry with tenacity, waiting on Retry-After", "quickfix", false, [...edits, replace(call.span, `_hf_retry_tenacity(lambda: ${callText})`)]));
  }
  return fixes;
}

/**
 * `callee(arguments)` as `callee, arguments` for a helper that calls `call(*args, **kwargs)`; undefined when that
 * is not the same code: a lone generator argument (it needs its own parentheses once a comma precedes it), or a
 * file whose helper predates that signature.
 */
function passArguments(callText: string, ctx: FixContext): string | undefined {
  if (/def _hf_retry\(call, attempts/.test(ctx.text)) return undefined;
  const open = openingParen(callText);
  if (open === undefined) return undefined;
  const callee = callText.slice(0, open).trimEnd();
  const args = callText.slice(open + 1, -1);
  if (/\bfor\b/.test(args) && !/^\s*[([{]/.test(args)) return undefined;
  return args.trim() ? `${callee}, ${args.trim().replace(/,$/, "")}` : callee;
}

/** Offset of the `(` matching a call text's final `)`, skipping string literals; undefined when unbalanced. */
function openingParen(callText: string): number | undefined {
  if (!callText.endsWith(")")) return undefined;
  // Forward scan, so strings are skipped correctly; the last top-level `(` that closes at the end wins.
  const stack: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < callText.length; i++) {
    const c = callText[i];
    if (quote) {
      if (c === "\\") i++;
      else if (callText.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = undefined;
      }
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      quote = callText.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length - 1;
    }
    else if (c === "#" && !callText.startsWith("#{", i)) {
      while (i < callText.length && callText[i] !== "\n") i++;
    } else if (c === "(") stack.push(i);
    else if (c === ")") {
      const at = stack.pop();
      if (at === undefined) return undefined;
      if (i === callText.length - 1) return stack.length === 0 ? at : undefined;
    }
  }
  return undefined;
}

/**
 * HF002/HF004 on a hand-written loop or recursion: its sleep waits what Retry-After says, else full jitter over
 * the loop's own backoff. The error or response to read is the nearest `except ... as e` / `catch (e)` or the
 * response variable before the wait.
 */
export function handWrittenWaitFixes(ctx: FixContext, retry: RetryConstruct, code: "HF002" | "HF004"): Fix[] {
  if (!retry.waitSpan || !["loop", "recursion", "helper"].includes(retry.kind)) return [];
  const before = ctx.text.slice(retry.span.start, retry.waitSpan.start);
  const original = ctx.text.slice(retry.waitSpan.start, retry.waitSpan.end);
  const python = ctx.model.language === "python";
  const sources = python
    ? [...before.matchAll(/except\b[^\n:]*\bas\s+(\w+)\s*:|\b(\w+)\s*=\s*(?:await\s+)?[\w.]+\.(?:post|get|put|request|patch)\(/g)]
    : [...before.matchAll(/catch\s*\(\s*(\w+)|\b(?:const|let|var)\s+(\w+)\s*=\s*await\s+(?:fetch|hfFetch|[\w.]+\.(?:post|get|put|request))\(/g)];
  const last = sources[sources.length - 1];
  const source = last?.[1] ?? last?.[2];
  if (!source) return [];
  const helper = python ? blockOnce(ctx, PY_RETRY_AFTER_MARKER, PY_RETRY_AFTER) : blockOnce(ctx, JS_RETRY_AFTER_MARKER, jsRetryAfter(isTypeScript(ctx.path)));
  const call = python ? `_hf_retry_after(${source}, ${original})` : `hfRetryAfterMs(${source}, ${original})`;
  return [makeFix(ctx, `${code}: Wait on Retry-After, else full jitter`, "quickfix", true, [...helper, replace(retry.waitSpan, call)])];
}

/** `new InferenceClient(token)` -> `new InferenceClient(token, { fetch: hfFetch })`; merges into an options object. */
function fetchOption(ctx: FixContext, args: { start: number; end: number }): OffsetEdit {
  const body = ctx.text.slice(args.start, args.end);
  const close = body.lastIndexOf("}");
  const commas = body.split(",").length - 1;
  if (close !== -1 && commas >= 1) {
    const inner = body.slice(0, close).replace(/\s+$/, "");
    const at = args.start + inner.length;
    return insert(at, inner.endsWith("{") ? " fetch: hfFetch " : inner.endsWith(",") ? " fetch: hfFetch" : ", fetch: hfFetch");
  }
  return appendItem(ctx.text, args, body.trim() ? "{ fetch: hfFetch }" : "undefined, { fetch: hfFetch }");
}

/** tenacity: wait -> the Retry-After-aware full-jitter wait (HF002, HF004); no stop -> stop after 5 (HF006). */
export function tenacityFixes(ctx: FixContext, retry: RetryConstruct, code: "HF002" | "HF004" | "HF006"): Fix[] {
  if (retry.kind !== "tenacity" || ctx.model.language !== "python") return [];
  const text = ctx.text;
  if (code === "HF006") {
    const decorator = text.slice(retry.span.start, retry.span.end);
    const open = decorator.indexOf("(");
    if (open === -1 || !decorator.endsWith(")")) return [];
    const args = { start: retry.span.start + open + 1, end: retry.span.end - 1 };
    const edits = [appendItem(text, args, "stop=stop_after_attempt(5)"), ...importFromTenacity(ctx, "stop_after_attempt")];
    return [makeFix(ctx, "HF006: Stop after 5 attempts", "quickfix", true, edits)];
  }
  const edits: OffsetEdit[] = [];
  if (!has(ctx, PY_TENACITY_WAIT_MARKER)) {
    const at = insertionOffset(ctx);
    edits.push(insert(at, withEol(ctx, (at > 0 ? "\n\n" : "") + PY_TENACITY_WAIT + "\n\n")));
  }
  if (retry.waitSpan) edits.push(replace(retry.waitSpan, "_hf_tenacity_wait"));
  else {
    const decorator = text.slice(retry.span.start, retry.span.end);
    const open = decorator.indexOf("(");
    if (open === -1) return [];
    edits.push(appendItem(text, { start: retry.span.start + open + 1, end: retry.span.end - 1 }, "wait=_hf_tenacity_wait"));
  }
  return [makeFix(ctx, `${code}: Wait on Retry-After, else full-jitter backoff`, "quickfix", true, edits)];
}

function importFromTenacity(ctx: FixContext, name: string): OffsetEdit[] {
  const m = /^from\s+tenacity\s+import\s+([^\n(]+)$/m.exec(ctx.text);
  if (!m) return [insert(pythonInsertionOffset(ctx.text), `from tenacity import ${name}${eol(ctx)}`)];
  if (new RegExp(`\\b${name}\\b`).test(m[1])) return [];
  const end = m.index + m[0].length;
  return [insert(end - (m[0].length - m[0].trimEnd().length), `, ${name}`)];
}

/** backoff decorators: wait with backoff.runtime on Retry-After (jitter=None so the server's wait is kept). */
export function backoffWaitFixes(ctx: FixContext, retry: RetryConstruct, code: "HF002" | "HF004"): Fix[] {
  if (retry.kind !== "backoff" || !retry.waitSpan || ctx.model.language !== "python") return [];
  const decorator = ctx.text.slice(retry.span.start, retry.span.end);
  const open = decorator.indexOf("(");
  if (open === -1 || !decorator.trimEnd().endsWith(")") || /\bvalue\s*=|\bjitter\s*=/.test(decorator)) return [];
  const close = retry.span.start + decorator.trimEnd().length - 1;
  const edits = [
    ...blockOnce(ctx, PY_BACKOFF_WAIT_MARKER, PY_BACKOFF_WAIT),
    replace(retry.waitSpan, "backoff.runtime"),
    appendItem(ctx.text, { start: retry.span.start + open + 1, end: close }, "value=_hf_backoff_wait, jitter=None"),
  ];
  return [makeFix(ctx, `${code}: Wait on Retry-After (backoff.runtime)`, "quickfix", true, edits)];
}

/**
 * HF002 where the wait is not a pattern we can rewrite: wrap the HF calls the retry covers in the Retry-After-aware
 * helper, so each throttled call waits as HF asks before the outer retry sees an error. Not preferred: the outer
 * retry stays as written.
 */
export function wrapCoveredCalls(ctx: FixContext, retry: RetryConstruct): Fix[] {
  const index = ctx.model.retries.indexOf(retry);
  const calls = ctx.model.calls.filter((c) => c.retries.includes(index));
  const edits = calls.flatMap((c) => {
    const fix = unhandledRateLimitFixes(ctx, c).find((f) => f.isPreferred);
    return fix ? [fix] : [];
  });
  if (edits.length === 0) return [];
  // The helper insertion is shared: keep it once, then each call's own edit.
  const [first, ...rest] = edits;
  const all = [...first.edits, ...rest.flatMap((f) => f.edits.slice(-1))];
  return [{ title: "HF002: Wrap the calls in the Retry-After-aware helper", kind: "quickfix", isPreferred: false, edits: all }];
}

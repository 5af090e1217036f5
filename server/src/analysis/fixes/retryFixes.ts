// HF001 and the retry-shape rules: wrap the call in the inserted Retry-After-aware helper, give an
// @huggingface/inference client a retrying fetch (its errors carry no headers), call hfFetch instead of fetch,
// restore the OpenAI SDK's own retries, or mend a tenacity decorator's wait and stop.
import type { Fix } from "../diagnostic";
import type { HfCall, RetryConstruct } from "../model";
import { isTypeScript, makeFix, once, type FixContext } from "./context";
import { appendItem, insert, removeItem, replace, type OffsetEdit } from "./edits";
import { insertBlocks } from "./blocks";
import { jsInsertionOffset } from "./insertionPoint";
import { moduleOffers } from "./helperModule";
import { pRetryEdits, pRetryPlan } from "./pRetryFix";
import { addFromImport, addImportLine, removeUnusedImports } from "./pythonImports";
import { jsBlocks } from "./templates/javascript";
import {
  PY_BACKOFF_RETRY,
  PY_BACKOFF_WAIT,
  PY_HELPER,
  PY_HELPER_ASYNC,
  PY_RETRY_AFTER,
  PY_TENACITY_RETRY,
  PY_TENACITY_WAIT,
  type Block,
} from "./templates/python";
import { escapeRegExp } from "../text";

function js(ctx: FixContext) {
  return once(ctx, "jsBlocks", () => jsBlocks(isTypeScript(ctx.path)));
}

/** Raw HTTP clients return a 429 instead of raising it: only our own helper retries those. */
const RAW_HTTP = new Set(["requests", "httpx", "aiohttp", "urllib", "urllib3", "fetch", "axios", "got", "ky"]);

/** Whether the file's project depends on a retry library (manifest) or the file already imports it. */
function dependsOn(ctx: FixContext, name: "tenacity" | "backoff" | "p-retry"): boolean {
  if (ctx.versions[name] !== undefined) return true;
  const pattern =
    name === "p-retry"
      ? /from\s+["']p-retry["']|require\(\s*["']p-retry["']\s*\)/
      : new RegExp(`^\\s*(from ${name}\\b|import ${name}\\b)`, "m");
  return once(ctx, `imports:${name}`, () => pattern.test(ctx.text));
}

export function unhandledRateLimitFixes(ctx: FixContext, call: HfCall): Fix[] {
  const text = ctx.text;
  const callText = text.slice(call.span.start, call.span.end);
  if (!callText.includes("(")) return []; // a method passed by reference: nothing to wrap here
  const client = call.client !== undefined ? ctx.model.clients[call.client] : undefined;

  if (client?.retriesDisabledSpan && (client.library === "openai" || client.library === "@langchain/community")) {
    return [
      makeFix(ctx, "HF001: Restore the SDK's built-in retries", "quickfix", true, [
        removeItem(text, client.retriesDisabledSpan),
      ]),
    ];
  }
  // A project that depends on p-retry gets the fix written with it, preferred over our own helper.
  const pRetry = ctx.model.language === "js" ? pRetryPlan(ctx, dependsOn(ctx, "p-retry")) : undefined;
  if (ctx.model.language === "js" && client && client.library === "@huggingface/inference") {
    const { edits, files } = helperFor(ctx, "hfFetch", [js(ctx).fetch]);
    const helper = makeFix(
      ctx,
      "HF001: Give the client a Retry-After-aware fetch",
      "quickfix",
      true,
      [...edits, fetchOption(ctx, client.argsSpan, "hfFetch")],
      files,
    );
    if (!pRetry) return [helper];
    const viaPRetry = makeFix(ctx, "HF001: Give the client a fetch retried with p-retry", "quickfix", true, [
      ...pRetryEdits(ctx, pRetry, [pRetry.blocks.fetch]),
      fetchOption(ctx, client.argsSpan, "hfPRetryFetch"),
    ]);
    return [viaPRetry, { ...helper, isPreferred: false }];
  }
  if (ctx.model.language === "js" && call.library === "fetch" && /^fetch\s*\(/.test(callText)) {
    const fetchName = { start: call.span.start, end: call.span.start + 5 };
    const { edits, files } = helperFor(ctx, "hfFetch", [js(ctx).fetch]);
    const helper = makeFix(
      ctx,
      "HF001: Use hfFetch (retries 429, honours Retry-After)",
      "quickfix",
      true,
      [...edits, replace(fetchName, "hfFetch")],
      files,
    );
    if (!pRetry) return [helper];
    const viaPRetry = makeFix(ctx, "HF001: Use hfPRetryFetch (p-retry, waiting on Retry-After)", "quickfix", true, [
      ...pRetryEdits(ctx, pRetry, [pRetry.blocks.fetch]),
      replace(fetchName, "hfPRetryFetch"),
    ]);
    return [viaPRetry, { ...helper, isPreferred: false }];
  }
  const target = call.awaitSpan ?? call.span;
  // An `await` inside the call (in its arguments, or its callee) cannot go into a plain lambda or arrow:
  // SyntaxError in Python, TS1308 in TypeScript.
  const awaits = /\bawait\b/.test(callText);
  if (ctx.model.language === "js") {
    const arrow = awaits ? `async () => ${callText}` : `() => ${callText}`;
    const wrapped = call.awaitSpan ? `await hfRetry(${arrow})` : `hfRetry(${arrow})`;
    const { edits, files } = helperFor(ctx, "hfRetry", [js(ctx).retry]);
    const helper = makeFix(
      ctx,
      "HF001: Retry with backoff that honours Retry-After",
      "quickfix",
      true,
      [...edits, replace(target, wrapped)],
      files,
    );
    // p-retry retries what throws: every JS client here but fetch (not `fetch(` itself, say `globalThis.fetch`).
    if (!pRetry || call.library === "fetch") return [helper];
    const viaPRetry = makeFix(ctx, "HF001: Retry with p-retry, waiting on Retry-After", "quickfix", true, [
      ...pRetryEdits(ctx, pRetry, [pRetry.blocks.options]),
      replace(target, `${call.awaitSpan ? "await " : ""}${pRetry.name}(${arrow}, hfPRetryOptions)`),
    ]);
    return [viaPRetry, { ...helper, isPreferred: false }];
  }
  const before = text.slice(ctx.lines.lineStart(ctx.lines.position(call.span.start).line), call.span.start);
  const inAsyncWith = /async\s+with\s+$/.test(before);
  const async = Boolean(call.awaitSpan) || inAsyncWith || call.isAsync;
  // Python has no async lambda: the helper takes the callee and its arguments, which are then evaluated (and
  // awaited) once, in the caller's async function.
  // Inside a loop a lambda would capture the loop variables late (ruff's B023), so the arguments are passed too.
  const inner =
    awaits || insideLoop(text, call.span.start)
      ? (passArguments(callText, ctx) ?? (awaits ? undefined : `lambda: ${callText}`))
      : `lambda: ${callText}`;
  if (inner === undefined) return [];
  const awaitKw = call.awaitSpan || inAsyncWith ? "await " : "";
  const name = async ? "_hf_retry_async" : "_hf_retry";
  const chosen = helperFor(ctx, name.slice(1), [async ? PY_HELPER_ASYNC : PY_HELPER]);
  const called = chosen.files !== undefined || chosen.imported ? name.slice(1) : name;
  const helper = makeFix(
    ctx,
    "HF001: Retry with backoff that honours Retry-After",
    "quickfix",
    true,
    [...chosen.edits, replace(target, `${awaitKw}${called}(${inner})`)],
    chosen.files,
  );
  // A project that depends on tenacity or backoff gets the fix written with it, preferred over our own loop. Those
  // retry what raises, so not raw HTTP clients (they return a 429), and they are sync here.
  const library =
    async || RAW_HTTP.has(call.library)
      ? undefined
      : dependsOn(ctx, "tenacity")
        ? PY_TENACITY_RETRY
        : dependsOn(ctx, "backoff")
          ? PY_BACKOFF_RETRY
          : undefined;
  if (!library) return [helper];
  const lib = library === PY_TENACITY_RETRY ? "tenacity" : "backoff";
  const viaLibrary = makeFix(ctx, `HF001: Retry with ${lib}, waiting on Retry-After`, "quickfix", true, [
    ...insertBlocks(ctx, [library]),
    replace(call.span, `_hf_retry_${lib}(${inner})`),
  ]);
  return [viaLibrary, { ...helper, isPreferred: false }];
}

/**
 * The helper `name` for a fix: imported from the project's helper module when the analyzer chose one (created
 * by this fix when it does not exist yet), else the blocks inserted into the file.
 */
function helperFor(
  ctx: FixContext,
  name: string,
  blocks: Block[],
): { edits: OffsetEdit[]; files?: Fix["files"]; imported?: boolean } {
  const module = ctx.helperModule;
  if (!module || !moduleOffers(module, name)) return { edits: insertBlocks(ctx, blocks) };
  const files =
    module.existing === undefined && module.create !== undefined
      ? [{ path: module.path, text: module.create }]
      : undefined;
  if (ctx.model.language === "python")
    return { edits: addImportLine(ctx, module.specifier, name, module.firstParty === true), files, imported: true };
  return { edits: jsImport(ctx, module.specifier, name), files, imported: true };
}

/** `import { hfRetry } from "./hfRetry";`, merged into an existing import of that module, after the imports. */
function jsImport(ctx: FixContext, specifier: string, name: string): OffsetEdit[] {
  const text = ctx.text;
  const quoted = escapeRegExp(specifier);
  const existing = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*["']${quoted}["']`).exec(text);
  if (existing) {
    const names = existing[1]
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean);
    if (names.includes(name)) return [];
    const open = existing.index + existing[0].indexOf("{") + 1;
    return [{ start: open, end: open + existing[1].length, newText: ` ${[...names, name].join(", ")} ` }];
  }
  const at = jsInsertionOffset(text);
  const nl = ctx.lines.lineText(0).endsWith("\r") ? "\r\n" : "\n";
  const line = `import { ${name} } from "${specifier}";${nl}`;
  // After the last import; a file without imports gets a blank line between the import and its code.
  return [
    insert(
      at,
      at > 0 && text[at - 1] !== "\n"
        ? nl + line
        : at === 0 || !/^\s*(import|const .*require)/m.test(text.slice(0, at))
          ? line + nl
          : line,
    ),
  ];
}

/**
 * `callee(arguments)` as `callee, arguments` for a helper that calls `call(*args, **kwargs)`; undefined when that
 * is not the same code: a lone generator argument (it needs its own parentheses once a comma precedes it), or a
 * file whose helper predates that signature.
 */
/** Whether the Python statement at `offset` sits in a `for`/`while` body of its own function (read by indentation). */
function insideLoop(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  let indent = /^[ \t]*/.exec(text.slice(lineStart, offset))![0].length;
  let end = lineStart - 1;
  while (indent > 0 && end > 0) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    const body = line.trimStart();
    const own = line.length - body.length;
    if (!body || body.startsWith("#") || own >= indent) continue;
    if (/^(async\s+)?(for|while)\b/.test(body)) return true;
    if (/^(async\s+def|def|class)\b/.test(body)) return false;
    indent = own;
  }
  return false;
}

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
    } else if (c === "#" && !callText.startsWith("#{", i)) {
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
    ? [
        ...before.matchAll(
          /except\b[^\n:]*\bas\s+(\w+)\s*:|\b(\w+)\s*=\s*(?:await\s+)?[\w.]+\.(?:post|get|put|request|patch)\(/g,
        ),
      ]
    : [
        ...before.matchAll(
          /catch\s*\(\s*(\w+)|\b(?:const|let|var)\s+(\w+)\s*=\s*await\s+(?:fetch|hfFetch|[\w.]+\.(?:post|get|put|request))\(/g,
        ),
      ];
  const last = sources[sources.length - 1];
  const source = last?.[1] ?? last?.[2];
  if (!source) return [];
  const helper = insertBlocks(ctx, [python ? PY_RETRY_AFTER : js(ctx).retryAfter]);
  const call = python ? `_hf_retry_after(${source}, ${original})` : `hfRetryAfterMs(${source}, ${original})`;
  return [
    makeFix(ctx, `${code}: Wait on Retry-After, else full jitter`, "quickfix", true, [
      ...helper,
      replace(retry.waitSpan, call),
    ]),
  ];
}

/** `new InferenceClient(token)` -> `new InferenceClient(token, { fetch: hfFetch })`; merges into an options object. */
function fetchOption(ctx: FixContext, args: { start: number; end: number }, hfFetch: string): OffsetEdit {
  const body = ctx.text.slice(args.start, args.end);
  const close = body.lastIndexOf("}");
  const commas = body.split(",").length - 1;
  if (close !== -1 && commas >= 1) {
    const inner = body.slice(0, close).replace(/\s+$/, "");
    const at = args.start + inner.length;
    return insert(
      at,
      inner.endsWith("{") ? ` fetch: ${hfFetch} ` : inner.endsWith(",") ? ` fetch: ${hfFetch}` : `, fetch: ${hfFetch}`,
    );
  }
  return appendItem(ctx.text, args, body.trim() ? `{ fetch: ${hfFetch} }` : `undefined, { fetch: ${hfFetch} }`);
}

/** The argument list of a decorator call `@retry(...)`, or undefined for a bare decorator. */
function decoratorArgs(ctx: FixContext, retry: RetryConstruct): { start: number; end: number } | undefined {
  const decorator = ctx.text.slice(retry.span.start, retry.span.end).trimEnd();
  const open = decorator.indexOf("(");
  if (open === -1 || !decorator.endsWith(")")) return undefined;
  return { start: retry.span.start + open + 1, end: retry.span.start + decorator.length - 1 };
}

/** tenacity: wait -> the Retry-After-aware full-jitter wait (HF002, HF004); no stop -> stop after 5 (HF006). */
export function tenacityFixes(ctx: FixContext, retry: RetryConstruct, code: "HF002" | "HF004" | "HF006"): Fix[] {
  if (retry.kind !== "tenacity" || ctx.model.language !== "python") return [];
  const text = ctx.text;
  const args = decoratorArgs(ctx, retry);
  if (code === "HF006") {
    if (!args) return [];
    const edits = [
      appendItem(text, args, "stop=stop_after_attempt(5)"),
      ...addFromImport(ctx, "tenacity", "stop_after_attempt"),
    ];
    return [makeFix(ctx, "HF006: Stop after 5 attempts", "quickfix", true, edits)];
  }
  const edits: OffsetEdit[] = [...insertBlocks(ctx, [PY_TENACITY_WAIT])];
  if (retry.waitSpan) {
    edits.push(replace(retry.waitSpan, "_hf_tenacity_wait"));
    // The wait's own tenacity names (wait_exponential, ...) are unused once it is replaced (pyflakes F401).
    const replaced = text.slice(retry.waitSpan.start, retry.waitSpan.end);
    const rest = text.slice(0, retry.waitSpan.start) + text.slice(retry.waitSpan.end);
    const used = (name: string) =>
      new RegExp(`\\b${name}\\b`).test(rest.replace(/^from\s+tenacity\s+import\s*(\([^)]*\)|[^\n]*)/m, ""));
    edits.push(...removeUnusedImports(ctx, "tenacity", replaced.match(/\b\w+\b/g) ?? [], used));
  } else if (args) edits.push(appendItem(text, args, "wait=_hf_tenacity_wait"));
  else return [];
  return [makeFix(ctx, `${code}: Wait on Retry-After, else full-jitter backoff`, "quickfix", true, edits)];
}

/** backoff decorators: wait with backoff.runtime on Retry-After (jitter=None so the server's wait is kept). */
export function backoffWaitFixes(ctx: FixContext, retry: RetryConstruct, code: "HF002" | "HF004"): Fix[] {
  if (retry.kind !== "backoff" || !retry.waitSpan || ctx.model.language !== "python") return [];
  const args = decoratorArgs(ctx, retry);
  if (!args || /\bvalue\s*=|\bjitter\s*=/.test(ctx.text.slice(args.start, args.end))) return [];
  const edits = [
    ...insertBlocks(ctx, [PY_BACKOFF_WAIT]),
    replace(retry.waitSpan, "backoff.runtime"),
    appendItem(ctx.text, args, "value=_hf_backoff_wait, jitter=None"),
  ];
  return [makeFix(ctx, `${code}: Wait on Retry-After (backoff.runtime)`, "quickfix", true, edits)];
}

/**
 * HF006: bound the retry. tenacity gets `stop=stop_after_attempt(5)`, backoff `max_tries=5`, and a `while True`
 * loop an attempt counter that gives up after 5 attempts by raising (so code after the loop never runs with no
 * result, and TypeScript still sees a function that cannot fall off its end).
 */
export function boundFixes(ctx: FixContext, retry: RetryConstruct): Fix[] {
  if (retry.kind === "tenacity") return tenacityFixes(ctx, retry, "HF006");
  if (retry.kind === "backoff") {
    const args = decoratorArgs(ctx, retry);
    if (!args || /\bmax_(tries|time)\s*=/.test(ctx.text.slice(args.start, args.end))) return [];
    return [
      makeFix(ctx, "HF006: Stop after 5 tries (max_tries)", "quickfix", true, [
        appendItem(ctx.text, args, "max_tries=5"),
      ]),
    ];
  }
  if (retry.kind === "loop") return loopBound(ctx, retry);
  return [];
}

function loopBound(ctx: FixContext, retry: RetryConstruct): Fix[] {
  const text = ctx.text;
  const header = text.slice(retry.span.start, retry.span.end);
  const lineStart = ctx.lines.lineStart(ctx.lines.position(retry.span.start).line);
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  if (text.slice(lineStart, retry.span.start).trim() !== "") return [];
  const nl = ctx.lines.lineText(0).endsWith("\r") ? "\r\n" : "\n";
  const bodyLine = ctx.lines.position(retry.span.start).line + 1;
  const bodyIndent = /^[ \t]*/.exec(ctx.lines.lineText(bodyLine) ?? "")![0];
  if (bodyIndent.length <= indent.length) return [];
  // The counter's name must be free (a binding, not a word in a comment or docstring).
  if (
    /\b(let|const|var|for|def|global|nonlocal)\s+attempts\b|\battempts\s*(=[^=]|\+=|\+\+|,)|[(,]\s*attempts\b/.test(
      text,
    )
  )
    return [];
  if (ctx.model.language === "python") {
    if (!/^while\s+(True|1)\s*:/.test(header)) return [];
    return [
      makeFix(ctx, "HF006: Give up after 5 attempts", "quickfix", true, [
        insert(lineStart, `${indent}attempts = 0${nl}`),
        insert(
          ctx.lines.lineStart(bodyLine),
          `${bodyIndent}attempts += 1${nl}${bodyIndent}if attempts > 5:${nl}${bodyIndent}    raise RuntimeError("still failing after 5 attempts")${nl}`,
        ),
      ]),
    ];
  }
  const m = /^(while\s*\(\s*true\s*\)|for\s*\(\s*;\s*;\s*\))\s*\{/.exec(header);
  if (!m) return [];
  return [
    makeFix(ctx, "HF006: Give up after 5 attempts", "quickfix", true, [
      replace({ start: retry.span.start, end: retry.span.start + m[1].length }, "for (let attempts = 1; ; attempts++)"),
      insert(
        ctx.lines.lineStart(bodyLine),
        `${bodyIndent}if (attempts > 5) throw new Error("still failing after 5 attempts");${nl}`,
      ),
    ]),
  ];
}

/**
 * HF005: where the retry condition is a literal set of statuses (`in (402, 429, 503)`, `[429, 402]`,
 * `new Set([...])`), take 402 out of it. Any other condition (`>= 400`, an exception class) has no safe rewrite.
 */
export function paymentRequiredFixes(ctx: FixContext, retry: RetryConstruct): Fix[] {
  const text = ctx.text;
  const spans = [retry.span];
  // A tenacity/backoff predicate named in the decorator: its body holds the literal.
  for (const m of text
    .slice(retry.span.start, retry.span.end)
    .matchAll(/\b(?:retry_if_exception|retry_if_result|giveup)\s*(?:\(|=)\s*(\w+)/g)) {
    const def = new RegExp(`^([ \\t]*)def ${m[1]}\\(.*(?:\\n(?:\\1[ \\t]+.*|[ \\t]*))*`, "m").exec(text);
    if (def) spans.push({ start: def.index, end: def.index + def[0].length });
  }
  const edits: OffsetEdit[] = [];
  for (const span of spans) {
    const body = text.slice(span.start, span.end);
    for (const m of body.matchAll(/[([{]\s*(\d{3}\s*,\s*)*402\b[^)\]}]*[)\]}]/g)) {
      const literal = m[0];
      const items = literal
        .slice(1, -1)
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean);
      if (!items.every((x) => /^\d{3}$/.test(x))) continue;
      const kept = items.filter((x) => x !== "402");
      if (kept.length === 0) continue;
      const single = literal[0] === "(" && kept.length === 1 ? "," : "";
      edits.push(
        replace(
          { start: span.start + m.index!, end: span.start + m.index! + literal.length },
          `${literal[0]}${kept.join(", ")}${single}${literal[literal.length - 1]}`,
        ),
      );
    }
  }
  return edits.length ? [makeFix(ctx, "HF005: Do not retry 402 (credits exhausted)", "quickfix", true, edits)] : [];
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
  return [
    {
      title: "HF002: Wrap the calls in the Retry-After-aware helper",
      kind: "quickfix",
      isPreferred: false,
      edits: all,
    },
  ];
}

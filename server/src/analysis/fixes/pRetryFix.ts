// HF001 with p-retry, for JS/TS projects that depend on it (issue 15, "Use what the project already depends on"):
// the call goes into `pRetry(() => call, hfPRetryOptions)`, and `fetch` (which resolves a 429 instead of throwing,
// so p-retry alone would never see it) and @huggingface/inference clients (whose errors carry no headers, so
// Retry-After is only readable from the response) get `hfPRetryFetch`, which throws a 429 or 5xx response to p-retry.
//
// Supported: p-retry 5.0 and later (ESM-only from 5.0, which is why CommonJS files keep our own helper; see
// moduleKind.ts). The
// version comes from the lock file, else the range's floor (versions/detectVersions.ts): 7.0 and later, or an
// unknown version (the newest is assumed, docs/hf-facts.md "Version gates"), get the context argument of
// onFailedAttempt; 5.x and 6.x the error argument. Below 5.0 (CommonJS, a different export) there is no p-retry fix.
import { atLeast } from "../versions/semver";
import { eol, isTypeScript, once, type FixContext } from "./context";
import { insertBlocks, insertionOffset } from "./blocks";
import { insert, type OffsetEdit } from "./edits";
import { pRetryBlocks } from "./templates/javascript";
import type { Block } from "./templates/python";

export interface PRetryPlan {
  /** The local name p-retry's default export is (or will be) bound to. */
  name: string;
  /** The edit adding `import pRetry from "p-retry";` when the file lacks a default import. */
  importLine?: string;
  /** Where an existing named-only import (`import { AbortError } from "p-retry"`) takes the default name. */
  defaultAt?: number;
  blocks: { options: Block; fetch: Block };
}

const DEFAULT_IMPORT = /import\s+([A-Za-z_$][\w$]*)\s*(?:,\s*\{[^}]*\})?\s*from\s*["']p-retry["']/;
const NAMED_IMPORT = /import\s*(\{[^}]*\})\s*from\s*["']p-retry["']/;

/** How this file can use p-retry, or undefined when it cannot (no dependency, too old, CommonJS, name taken). */
export function pRetryPlan(ctx: FixContext, depends: boolean): PRetryPlan | undefined {
  return once(ctx, "pRetryPlan", () => {
    if (!depends || ctx.model.language !== "js") return undefined;
    const version = ctx.versions["p-retry"];
    const known = version !== undefined && version !== "*" ? version : undefined;
    if (known && !atLeast(known, "5.0.0")) return undefined;
    if (ctx.esModule !== true) return undefined; // p-retry 5+ is ESM-only
    const text = ctx.text;
    const blocksFor = (name: string) =>
      pRetryBlocks(isTypeScript(ctx.path), known === undefined || atLeast(known, "7.0.0"), name);
    const existing = DEFAULT_IMPORT.exec(text);
    if (existing) return { name: existing[1], blocks: blocksFor(existing[1]) };
    // `pRetry` must be free: a binding of that name that is not p-retry's import would be shadowed or clash.
    if (/\bpRetry\b/.test(text)) return undefined;
    const named = NAMED_IMPORT.exec(text);
    if (named) return { name: "pRetry", defaultAt: named.index + named[0].indexOf("{"), blocks: blocksFor("pRetry") };
    return { name: "pRetry", importLine: 'import pRetry from "p-retry";', blocks: blocksFor("pRetry") };
  });
}

/** The blocks `wanted` needs and the import of p-retry, as non-overlapping edits (one, when both go after the imports). */
export function pRetryEdits(ctx: FixContext, plan: PRetryPlan, wanted: Block[]): OffsetEdit[] {
  const blocks = insertBlocks(ctx, wanted);
  if (plan.defaultAt !== undefined) return [...blocks, insert(plan.defaultAt, `${plan.name}, `)];
  if (!plan.importLine) return blocks;
  const text = ctx.text;
  const nl = eol(ctx);
  const at = insertionOffset(ctx);
  const unended = at > 0 && text[at - 1] !== "\n"; // the last import ends the file without a newline
  const line = (unended ? nl : "") + plan.importLine + nl;
  const block = blocks.find((e) => e.start === at);
  if (block) {
    // placeText opens the blocks' edit with the end of the last import line and a blank line: the import goes first.
    const opening = at === 0 ? 0 : (unended ? 2 : 1) * nl.length;
    return [...blocks.filter((e) => e !== block), { ...block, newText: line + nl + block.newText.slice(opening) }];
  }
  const imports = at > 0 && /^\s*(import|const .*require)/m.test(text.slice(0, at));
  return [...blocks, insert(at, line + (imports ? "" : nl))];
}

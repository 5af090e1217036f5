// Inserting the helper blocks a fix needs: each once per file, the blocks it calls first, as one edit after the
// imports, with the blank lines the language's style asks for (two around top-level Python definitions, PEP 8;
// one in JS/TS) and no more: the blank lines already there are replaced, not added to.
import { eol, once, type FixContext } from "./context";
import type { OffsetEdit } from "./edits";
import { jsInsertionOffset, pythonInsertionOffset } from "./insertionPoint";
import type { Block } from "./templates/python";

export function insertionOffset(ctx: FixContext): number {
  return once(ctx, "insertAt", () =>
    ctx.model.language === "python" ? pythonInsertionOffset(ctx.text) : jsInsertionOffset(ctx.text),
  );
}

export function hasBlock(ctx: FixContext, block: Block): boolean {
  return once(ctx, `has:${block.marker}`, () => ctx.text.includes(block.marker));
}

/** The blocks `wanted` needs that the file lacks, in dependency order (a block after the ones it calls). */
export function missingBlocks(ctx: FixContext, wanted: Block[]): Block[] {
  const out: Block[] = [];
  const visit = (b: Block) => {
    if (out.includes(b) || hasBlock(ctx, b)) return;
    for (const n of b.needs) visit(n);
    out.push(b);
  };
  wanted.forEach(visit);
  return out;
}

/** One edit adding the missing blocks, or none when the file has them all. */
export function insertBlocks(ctx: FixContext, wanted: Block[]): OffsetEdit[] {
  const blocks = missingBlocks(ctx, wanted);
  if (blocks.length === 0) return [];
  return [
    once(ctx, `blocks:${blocks.map((b) => b.marker).join("|")}`, () =>
      placeText(
        ctx,
        blocks.map((b) => b.text),
      ),
    ),
  ];
}

/** An edit placing top-level code at the insertion point, with exactly the style's blank lines around it. */
export function placeText(ctx: FixContext, parts: string[]): OffsetEdit {
  const python = ctx.model.language === "python";
  const nl = eol(ctx);
  const gap = python ? nl + nl + nl : nl + nl; // ends the last line, then two (Python) or one blank line
  const at = insertionOffset(ctx);
  const text = ctx.text;
  const before = at === 0 ? "" : (text[at - 1] === "\n" ? "" : nl) + (python ? nl + nl : nl);
  const blank = /^(?:[ \t]*\r?\n)*/.exec(text.slice(at))![0];
  const rest = text.slice(at + blank.length);
  const after = rest === "" ? nl : gap;
  const body = parts.map((p) => p.replace(/\n/g, nl)).join(gap);
  return { start: at, end: at + blank.length, newText: before + body + after };
}

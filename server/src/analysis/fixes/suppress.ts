// "Disable HF00x for this line / for this file": a directive comment in the document's own style (indentation,
// line ending, comment marker), merged into an existing directive rather than stacking a second one.
import type { RuleCode } from "../../../../shared/src/rules";
import type { Fix } from "../diagnostic";
import { parseDirectives } from "../suppressions";
import { eol, makeFix, once, type FixContext } from "./context";
import { insert, type OffsetEdit } from "./edits";

export function suppressionFixes(ctx: FixContext, code: RuleCode, line: number): Fix[] {
  const marker = ctx.model.language === "python" ? "#" : "//";
  const directives = once(ctx, "directives", () => parseDirectives(ctx.text));
  const fixes: Fix[] = [];

  const lineEdit = (): OffsetEdit => {
    const existing = directives.find(
      (d) => !d.fileWide && (d.line === line || d.line === line - 1) && d.codes !== undefined,
    );
    if (existing) return mergeInto(ctx, existing.line, existing.end, code);
    const start = ctx.lines.lineStart(line);
    const indent = /^[ \t]*/.exec(ctx.lines.lineText(line))![0];
    return insert(start, `${indent}${marker} hf-rate-guard: ignore[${code}]${eol(ctx)}`);
  };
  fixes.push(makeFix(ctx, `Disable ${code} for this line`, "suppress-line", false, [lineEdit()]));

  const fileEdit = (): OffsetEdit => {
    const existing = directives.find((d) => d.fileWide && d.codes !== undefined);
    if (existing) return mergeInto(ctx, existing.line, existing.end, code);
    // After a shebang or an encoding line, which must stay first.
    let first = 0;
    while (first < 2 && /^(#!|#.*coding[:=])/.test(ctx.lines.lineText(first))) first++;
    return insert(ctx.lines.lineStart(first), `${marker} hf-rate-guard: ignore-file[${code}]${eol(ctx)}`);
  };
  fixes.push(makeFix(ctx, `Disable ${code} for this file`, "suppress-file", false, [fileEdit()]));
  return fixes;
}

/** Adds a code inside an existing directive's brackets: `ignore[HF001]` -> `ignore[HF001, HF003]`. */
function mergeInto(ctx: FixContext, line: number, endInLine: number, code: RuleCode): OffsetEdit {
  const at = ctx.lines.lineStart(line) + endInLine - 1; // before the closing bracket
  return insert(at, `, ${code}`);
}

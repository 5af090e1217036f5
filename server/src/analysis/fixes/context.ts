import type { Fix } from "../diagnostic";
import type { FileModel, PackageVersions } from "../model";
import type { OrgContext } from "../rules/types";
import { lineEnding, type LineIndex } from "../text";
import type { OffsetEdit } from "./edits";

export interface FixContext {
  path: string;
  text: string;
  lines: LineIndex;
  model: FileModel;
  versions: PackageVersions;
  orgContext?: OrgContext;
}

export function isTypeScript(path: string): boolean {
  return /\.(m|c)?tsx?$/.test(path);
}

export function eol(ctx: FixContext): string {
  return lineEnding(ctx.text);
}

/** A Fix from offset edits. */
export function makeFix(ctx: FixContext, title: string, kind: Fix["kind"], isPreferred: boolean, edits: OffsetEdit[]): Fix {
  return { title, kind, isPreferred, edits: edits.map((e) => ({ range: ctx.lines.range(e.start, e.end), newText: e.newText })) };
}

import type { Fix } from "../diagnostic";
import type { FileModel, PackageVersions } from "../model";
import type { OrgContext } from "../rules/types";
import { lineEnding, type LineIndex } from "../text";
import type { OffsetEdit } from "./edits";
import type { HelperModule } from "./helperModule";
import type { VersionRange } from "../versions/ranges";

export interface FixContext {
  path: string;
  text: string;
  lines: LineIndex;
  model: FileModel;
  versions: PackageVersions;
  orgContext?: OrgContext;
  /** Set when the HF001 fix imports the project's helper module instead of inserting the helper. */
  helperModule?: HelperModule;
  /** JS/TS: the file runs as an ES module (it may import ESM-only packages such as p-retry 5+). */
  esModule?: boolean;
  /** The manifest range a package's version comes from, when no lock file pins it (versions/ranges.ts). */
  versionRange?: (key: keyof PackageVersions) => VersionRange | undefined;
}

export function isTypeScript(path: string): boolean {
  return /\.(m|c)?tsx?$/.test(path);
}

/**
 * Per-file values every fix of the file needs (line ending, insertion points, directives), computed once per
 * analysis: a file can have hundreds of diagnostics, and each must not rescan the text.
 */
const memo = new WeakMap<FixContext, Map<string, unknown>>();

export function once<T>(ctx: FixContext, key: string, compute: () => T): T {
  let m = memo.get(ctx);
  if (!m) memo.set(ctx, (m = new Map()));
  if (!m.has(key)) m.set(key, compute());
  return m.get(key) as T;
}

export function eol(ctx: FixContext): string {
  return once(ctx, "eol", () => lineEnding(ctx.text));
}

/** A Fix from offset edits. */
export function makeFix(
  ctx: FixContext,
  title: string,
  kind: Fix["kind"],
  isPreferred: boolean,
  edits: OffsetEdit[],
  files?: Fix["files"],
): Fix {
  const fix: Fix = {
    title,
    kind,
    isPreferred,
    edits: edits.map((e) => ({ range: ctx.lines.range(e.start, e.end), newText: e.newText })),
  };
  if (files?.length) fix.files = files;
  return fix;
}

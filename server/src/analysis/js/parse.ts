// TypeScript's parser (5.9 compiler API: 7.x has none) for JS and TS alike: a syntax tree only, no Program or
// type checker, so one file parses in milliseconds and a broken file still yields a recovered tree. The last
// tree of each file is kept so the next version re-parses incrementally, as an editor does while typing.
import ts from "typescript";
import { changedRegion, ParseCache } from "../textDiff";
import { diagnosticsOf, spliceRegion } from "./splice";

const KINDS: Record<string, ts.ScriptKind> = {
  ".ts": ts.ScriptKind.TS,
  ".mts": ts.ScriptKind.TS,
  ".cts": ts.ScriptKind.TS,
  ".tsx": ts.ScriptKind.TSX,
  ".jsx": ts.ScriptKind.JSX,
  ".js": ts.ScriptKind.JS,
  ".mjs": ts.ScriptKind.JS,
  ".cjs": ts.ScriptKind.JS,
};

/** The last tree per file, and whether statements were spliced into it (see splice.ts). */
const files = new ParseCache<{ file: ts.SourceFile; spliced: boolean }>(16);

/** How parses went, for tests and profiling: from scratch, TypeScript's incremental parser, or a spliced region. */
export const jsParseCounts = { full: 0, incremental: 0, spliced: 0 };

export function parseJs(path: string, text: string, keep = true): { file: ts.SourceFile; hasSyntaxErrors: boolean } {
  const previous = keep ? files.take(path) : undefined;
  let file: ts.SourceFile | undefined;
  let spliced = false;
  if (previous && previous.text === text) ({ file, spliced } = previous.value);
  else if (previous) {
    const change = changedRegion(previous.text, text);
    // An edit re-parses just its statements when it can (see splice.ts); else TypeScript's incremental parser,
    // which cannot take a spliced tree: that one is parsed again from scratch.
    file = spliceRegion(previous.value.file, previous.text, text, change);
    spliced = file !== undefined;
    if (spliced) jsParseCounts.spliced++;
    if (!file && !previous.value.spliced) {
      const range = ts.createTextChangeRange(
        ts.createTextSpan(change.start, change.oldEnd - change.start),
        change.newEnd - change.start,
      );
      file = ts.updateSourceFile(previous.value.file, text, range);
      jsParseCounts.incremental++;
    }
  }
  if (!file) {
    const ext = path.slice(path.lastIndexOf(".")).toLowerCase();
    file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, KINDS[ext] ?? ts.ScriptKind.TS);
    jsParseCounts.full++;
  }
  if (keep) files.put(path, text, { file, spliced });
  return { file, hasSyntaxErrors: diagnosticsOf(file).length > 0 };
}

/** Drops what is kept for `path`, so its next parse starts from nothing (tests compare both ways). */
export function forgetJs(path: string): void {
  files.take(path);
}

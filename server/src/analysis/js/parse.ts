// TypeScript's parser (5.9 compiler API: 7.x has none) for JS and TS alike: a syntax tree only, no Program or
// type checker, so one file parses in milliseconds and a broken file still yields a recovered tree. The last
// tree of each file is kept so the next version re-parses incrementally, as an editor does while typing.
import ts from "typescript";
import { changedRegion, ParseCache } from "../textDiff";

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

const files = new ParseCache<ts.SourceFile>(16);

export function parseJs(path: string, text: string, keep = true): { file: ts.SourceFile; hasSyntaxErrors: boolean } {
  const previous = keep ? files.take(path) : undefined;
  let file: ts.SourceFile;
  if (previous && previous.text === text) file = previous.value;
  else if (previous) {
    const change = changedRegion(previous.text, text);
    const range = ts.createTextChangeRange(ts.createTextSpan(change.start, change.oldEnd - change.start), change.newEnd - change.start);
    file = ts.updateSourceFile(previous.value, text, range);
  } else {
    const ext = path.slice(path.lastIndexOf(".")).toLowerCase();
    file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, KINDS[ext] ?? ts.ScriptKind.TS);
  }
  if (keep) files.put(path, text, file);
  const diagnostics = (file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
  return { file, hasSyntaxErrors: diagnostics.length > 0 };
}

/** Drops what is kept for `path`, so its next parse starts from nothing (tests compare both ways). */
export function forgetJs(path: string): void {
  files.take(path);
}

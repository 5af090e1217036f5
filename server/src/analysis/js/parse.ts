// TypeScript's parser (5.9 compiler API: 7.x has none) for JS and TS alike: a syntax tree only, no Program or
// type checker, so one file parses in milliseconds and a broken file still yields a recovered tree.
import ts from "typescript";

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

export function parseJs(path: string, text: string): { file: ts.SourceFile; hasSyntaxErrors: boolean } {
  const ext = path.slice(path.lastIndexOf(".")).toLowerCase();
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, KINDS[ext] ?? ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
  return { file, hasSyntaxErrors: diagnostics.length > 0 };
}

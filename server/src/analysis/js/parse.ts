// TypeScript's parser (5.9 compiler API: 7.x has none) for JS and TS alike: a syntax tree only, no Program or
// type checker, so one file parses in milliseconds and a broken file still yields a recovered tree. An editor
// file's FileState keeps its last tree so the next version re-parses incrementally, as an editor does while typing.
import ts from "typescript";
import type { FileState } from "../incremental/fileState";
import { changedRegion } from "../textDiff";
import { setParents } from "./parents";
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

/**
 * JSDoc comments are not parsed: the analysis reads code only (nodes' starts exclude JSDoc, and nothing asks for
 * a node's JSDoc), and parsing them costs a tenth of the parse. TypeScript's incremental parser keeps the mode.
 */
const PARSE_OPTIONS: ts.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
};

/** What a FileState keeps for JS/TS (`parsed.tree`): the last tree, and whether statements were spliced into it. */
interface KeptTree {
  file: ts.SourceFile;
  spliced: boolean;
}

/** How parses went, for tests and profiling: from scratch, TypeScript's incremental parser, or a spliced region. */
export const jsParseCounts = { full: 0, incremental: 0, spliced: 0 };

/**
 * Parses `text` as `path` (its extension says TS, TSX, JSX or JS). With `state` (an editor file's), the tree of its
 * last version is reused when there is one, and the new one is kept there for the next version.
 */
export function parseJs(
  path: string,
  text: string,
  state?: FileState,
): { file: ts.SourceFile; hasSyntaxErrors: boolean } {
  const held = state?.parsed;
  const previous = held ? { text: held.text, value: held.tree as KeptTree } : undefined;
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
    // Parents are set below rather than by TypeScript (setParentNodes false): its walk queues every node's
    // children in a fresh array, a third of the parse on a cold scan.
    file = ts.createSourceFile(path, text, PARSE_OPTIONS, false, KINDS[ext] ?? ts.ScriptKind.TS);
    setParents(file);
    jsParseCounts.full++;
  }
  if (state) state.parsed = { text, tree: { file, spliced } satisfies KeptTree };
  return { file, hasSyntaxErrors: diagnosticsOf(file).length > 0 };
}

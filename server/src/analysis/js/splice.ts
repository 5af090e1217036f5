// Re-parsing only the top-level statements an edit falls in. TypeScript's incremental parser walks every node
// after the edit to move it (about 8 ms of the 9 it takes on a 5,000-line file); here the region is parsed alone
// and the statements after it are moved through flat lists of their positions.
//
// The result is a SourceFile whose statements were spliced in place. TypeScript's own incremental parser must not
// be given such a file (its bookkeeping, like JSDoc and identifier tables, was not updated), so parse.ts parses
// the next version from scratch unless it can splice again.
import ts from "typescript";
import { brokenSpans, lastStartingAtOrBefore, newGroup, touchedStatements, widenToGroups } from "../incremental/locate";
import type { TextChange } from "../textDiff";
import { setParents } from "./parents";

/** Statements spliced in from one region that parsed with a syntax error share a group (see locate.ts). */
const groupOf = new WeakMap<ts.Statement, number>();

/** Every node and node list in a statement (positions to move), gathered once per statement. */
const rangesOf = new WeakMap<ts.Node, ts.TextRange[]>();

function ranges(statement: ts.Node): ts.TextRange[] {
  let list = rangesOf.get(statement);
  if (list) return list;
  const out: ts.TextRange[] = [];
  const stack: ts.Node[] = [statement];
  const visitNode = (n: ts.Node) => void stack.push(n);
  const visitArray = (a: ts.NodeArray<ts.Node>) => {
    out.push(a);
    for (const n of a) stack.push(n);
  };
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    ts.forEachChild(node, visitNode, visitArray);
  }
  list = out;
  rangesOf.set(statement, list);
  return list;
}

function move(statement: ts.Node, delta: number): void {
  for (const r of ranges(statement)) {
    const m = r as { pos: number; end: number };
    m.pos += delta;
    m.end += delta;
  }
}

/**
 * How far the nodes inside a top-level statement lag behind it. A statement after an edit is moved at once (its own
 * `pos` and `end`: what finding, splicing and placing statements read), its inside only when something is about
 * to read it (`settle`): moving every node after each keystroke cost more than the rest of the analysis, and most
 * statements are never read again before the next one.
 */
const lag = new WeakMap<ts.Node, number>();

/** How many nodes `settle` moved (tests count them: a keystroke moves what is read, not the rest of the file). */
export const settleWork = { nodes: 0 };

/** Every statement's inside brought to where it is (a whole tree to compare, or to hand to other code). */
export function settleAll(file: ts.SourceFile): ts.SourceFile {
  for (const statement of file.statements) settle(statement);
  return file;
}

function shift(statement: ts.Node, delta: number): void {
  const m = statement as unknown as { pos: number; end: number };
  m.pos += delta;
  m.end += delta;
  lag.set(statement, (lag.get(statement) ?? 0) + delta);
}

/**
 * Brings the nodes inside a top-level statement to where the statement is. Every reader of a statement's inside
 * calls this first: the judging of that statement, lookups in the name tables (whose entries are nodes of other
 * statements), and questions about every call of the file (js/scope.ts).
 */
export function settle(statement: ts.Node): void {
  const delta = lag.get(statement);
  if (!delta) return;
  lag.delete(statement);
  const list = ranges(statement);
  settleWork.nodes += list.length - 1;
  // The first range is the statement itself, already where it belongs.
  for (let i = 1; i < list.length; i++) {
    const m = list[i] as { pos: number; end: number };
    m.pos += delta;
    m.end += delta;
  }
}

/**
 * A statement that nothing after it can continue, and that cannot continue what comes before: it ends with `;`,
 * or it is a declaration or a block-bodied statement closed by its `}`. Without this, automatic semicolon
 * insertion could join the region to its neighbours differently in the whole file than alone.
 */
function closed(statement: ts.Statement, text: string): boolean {
  // A node ends with its last token (trivia belongs to what follows), so its last character is that token's.
  const last = text.charAt(statement.end - 1);
  if (last === ";") return true;
  if (last !== "}") return false;
  switch (statement.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.ClassDeclaration:
    case ts.SyntaxKind.InterfaceDeclaration:
    case ts.SyntaxKind.EnumDeclaration:
    case ts.SyntaxKind.ModuleDeclaration:
    case ts.SyntaxKind.Block:
    case ts.SyntaxKind.IfStatement:
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.ForOfStatement:
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.WhileStatement:
    case ts.SyntaxKind.TryStatement:
    case ts.SyntaxKind.SwitchStatement:
      return true;
    default:
      return false;
  }
}

/**
 * `file` (the tree of `before`) updated to `text` by re-parsing only the statements the change touches, or
 * undefined when that cannot be done (the file is then left untouched).
 *
 * When the region alone parses cleanly, the result must be what a whole parse gives: the rest of the file has no
 * syntax errors, the statements on both sides of the region are closed, and the region's own last statement is
 * closed and ends the region.
 *
 * When it does not (a line half typed), and the file had no other errors than ones this splicing kept in their
 * regions, the region is spliced in with its errors and the rest is kept: a whole
 * parse would let error recovery run on (an open `(` or `{` takes in the statements after it), so every later
 * statement would change with each keystroke and its diagnostics come and go. One statement more on each side is
 * tried first, in case the edit joined the region to a neighbour (`else` typed after an `if`).
 */
export function spliceRegion(
  file: ts.SourceFile,
  before: string,
  text: string,
  change: TextChange,
): ts.SourceFile | undefined {
  const statements = file.statements;
  const found = touchedStatements(
    statements,
    (s) => s.pos,
    (s) => s.end,
    change,
  );
  if (!found) return undefined;
  const touched = widenToGroups(statements, found.from, found.to, (s) => groupOf.get(s));
  // An error elsewhere (a statement left broken while the user edits another, or a file opened broken) may be
  // healed or moved by this edit (a `}` typed here closes a block opened there): only a whole parse can say.
  if (errorsOutside(file, touched.from, touched.to)) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const region = parseAlone(file, text, touched.from, touched.to, delta);
  if (!sameModuleness(file, region, touched.from, touched.to)) return undefined;
  if (diagnosticsOf(region.file).length === 0)
    return exact(file, before, text, region, touched.from, touched.to, delta);
  const from = Math.max(0, touched.from - 1);
  const to = Math.min(statements.length - 1, touched.to + 1);
  if (from !== touched.from || to !== touched.to) {
    const wider = parseAlone(file, text, from, to, delta);
    if (diagnosticsOf(wider.file).length === 0 && sameModuleness(file, wider, from, to))
      return exact(file, before, text, wider, from, to, delta);
  }
  if (region.file.statements.length === 0 || !ownErrors(file)) return undefined;
  const group = newGroup();
  for (const s of region.file.statements) groupOf.set(s, group);
  return splice(file, text, region, touched.from, touched.to, delta);
}

/**
 * Whether every syntax error of `file` lies in statements spliced in by an earlier broken region (or there are
 * none). Only then are the statement boundaries around an error ones this file chose: after a whole parse, error
 * recovery drew them, and a region cut along them may be broken alone where the whole file is not.
 */
function ownErrors(file: ts.SourceFile): boolean {
  const statements = file.statements;
  for (const d of diagnosticsOf(file)) {
    const i = lastStartingAtOrBefore(statements, (s) => s.pos, d.start - 1);
    if (i < 0 || !groupOf.has(statements[i])) return false;
  }
  return true;
}

/**
 * Whether `file` has syntax errors outside statements `from`..`to`. An error belongs to the statement it falls in,
 * one at the boundary of two statements to the one ending there, and one in a gap between statements (a spliced
 * region's trailing trivia) to the region. An error at the first token of the region belongs to the statement
 * before it too: a class left open is reported where the parser gave up on it, at the next statement's first
 * token (`function` after `class Store { get() { ...`), and a region starting there would parse cleanly alone.
 */
function errorsOutside(file: ts.SourceFile, from: number, to: number): boolean {
  const statements = file.statements;
  const after = from > 0 ? statements[from].getStart(file) : -1;
  const before = to + 1 < statements.length ? statements[to + 1].pos : Infinity;
  return diagnosticsOf(file).some((d) => d.start <= after || d.start > before);
}

/**
 * Statements `from`..`to` of `file`, in their new text, parsed alone, from where the statement before ends to where
 * the one after starts (in a tree from a whole parse that is exactly their span; after a region that parsed with
 * errors there can be text no statement holds: a stray `}` skipped by error recovery, which belongs to the region
 * that must report it). The region with the last statement runs to the end of the text.
 */
function parseAlone(file: ts.SourceFile, text: string, from: number, to: number, delta: number): Region {
  const statements = file.statements;
  const start = from > 0 ? statements[from - 1].end : 0;
  const end = to < statements.length - 1 ? statements[to + 1].pos + delta : text.length;
  // A region of a module is parsed as part of a module even when it holds no import or export itself.
  const outside = moduleOutside(file, from, to);
  const options: ts.CreateSourceFileOptions = {
    languageVersion: file.languageVersion,
    jsDocParsingMode: ts.JSDocParsingMode.ParseNone, // as the whole file (parse.ts)
    setExternalModuleIndicator: (region) => {
      const own = region.statements.find(indicatesModule);
      (region as { externalModuleIndicator?: ts.Node }).externalModuleIndicator = own ?? (outside ? region : undefined);
    },
  };
  const region = ts.createSourceFile(file.fileName, text.slice(start, end), options, false, scriptKindOf(file));
  setParents(region); // a third of the region's parse when TypeScript sets them (parents.ts)
  return { start, file: region };
}

/** `ts.NodeFlags.PossiblyContainsImportMeta` (internal: the parser's hint that `import.meta` may occur). */
const POSSIBLY_CONTAINS_IMPORT_META = 1 << 23;

/**
 * Whether the file stays a module (or a script) with the region in it. That decides how a top-level `await` parses:
 * in a module it is an await expression (`const res = await` then a new line is an error), in a script an
 * identifier. The region was parsed as the file is; an edit that turns one into the other, or any `import.meta`
 * (which also makes a file a module, and is rare), re-parses everything.
 */
function sameModuleness(file: ts.SourceFile, region: Region, from: number, to: number): boolean {
  if ((file.flags | region.file.flags) & POSSIBLY_CONTAINS_IMPORT_META) return false;
  return isModule(file) === (moduleOutside(file, from, to) || region.file.statements.some(indicatesModule));
}

function isModule(file: ts.SourceFile): boolean {
  return (file as { externalModuleIndicator?: unknown }).externalModuleIndicator !== undefined;
}

/** Whether a statement outside `from`..`to` makes the file a module (TypeScript's rule, less `import.meta`). */
function moduleOutside(file: ts.SourceFile, from: number, to: number): boolean {
  const statements = file.statements;
  for (let i = 0; i < statements.length; i++) {
    if (i === from) i = to;
    else if (indicatesModule(statements[i])) return true;
  }
  return false;
}

function indicatesModule(statement: ts.Statement): boolean {
  if (ts.isImportDeclaration(statement) || ts.isExportAssignment(statement) || ts.isExportDeclaration(statement))
    return true;
  if (ts.isImportEqualsDeclaration(statement)) return ts.isExternalModuleReference(statement.moduleReference);
  return (
    ts.canHaveModifiers(statement) &&
    (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

/** A region parsed alone, and where it starts in the file. */
interface Region {
  start: number;
  file: ts.SourceFile;
}

/** A cleanly parsed region spliced in, when the whole file's parse is sure to be the same (see spliceRegion). */
function exact(
  file: ts.SourceFile,
  before: string,
  text: string,
  region: Region,
  from: number,
  to: number,
  delta: number,
): ts.SourceFile | undefined {
  const statements = file.statements;
  const parsed = region.file.statements;
  if (parsed.length === 0) return undefined;
  if (from > 0 && !closed(statements[from - 1], before)) return undefined;
  const last = parsed[parsed.length - 1];
  if (!closed(last, region.file.text)) return undefined;
  // Trivia after the last statement belongs to the next statement in the whole file: the region must end with it
  // (unless nothing follows: then the region ran to the end of the text).
  if (to < statements.length - 1 && last.end !== region.file.text.length) return undefined;
  // The wider region may reach a neighbour's error (the region's own were checked by the caller).
  if (errorsOutside(file, from, to)) return undefined;
  return splice(file, text, region, from, to, delta);
}

/** Replaces statements `from`..`to` of `file` by those of `region`, moving the rest; syntax errors follow along. */
function splice(
  file: ts.SourceFile,
  text: string,
  region: Region,
  from: number,
  to: number,
  delta: number,
): ts.SourceFile {
  const statements = file.statements;
  const parsed = region.file.statements;
  const start = region.start;
  for (const s of parsed) {
    move(s, start);
    (s as { parent: ts.Node }).parent = file;
  }
  for (let i = to + 1; i < statements.length; i++) shift(statements[i], delta);
  const list = ts.factory.createNodeArray([...statements.slice(0, from), ...parsed, ...statements.slice(to + 1)]);
  // The list ends with its last statement, and the end-of-file token holds the trivia after it (as a parse has it).
  const m = list as unknown as { pos: number; end: number };
  m.pos = statements.pos;
  m.end = list.length ? list[list.length - 1].end : statements.pos;
  // The file's syntax errors are the region's own, moved to where it starts: they are what `hasSyntaxErrors`
  // reports, and what the next edit checks (see errorsOutside).
  // (The caller made sure the old ones all lie in the region, so only the region's own remain.)
  const errors: SyntaxError[] = diagnosticsOf(region.file).map((d) => ({ ...d, start: d.start + start, file }));
  const f = file as unknown as {
    statements: ts.NodeArray<ts.Statement>;
    text: string;
    end: number;
    lineMap?: unknown;
    parseDiagnostics: SyntaxError[];
  };
  f.statements = list;
  f.text = text;
  f.end = text.length;
  f.lineMap = undefined;
  f.parseDiagnostics = errors;
  // The same module-ness (spliceRegion checked it), held by a statement that is still in the file.
  const indicator = file as unknown as { externalModuleIndicator?: ts.Node };
  indicator.externalModuleIndicator = isModule(file) ? (list.find(indicatesModule) ?? file) : undefined;
  const eof = file.endOfFileToken as unknown as { pos: number; end: number };
  eof.pos = m.end;
  eof.end = text.length;
  return file;
}

/**
 * The spans of the top-level statements holding `file`'s syntax errors, with their groups (see brokenSpans). An
 * error where one statement ends and the next starts counts for both (see errorsOutside).
 */
export function brokenStatements(file: ts.SourceFile): { start: number; end: number }[] {
  const statements = file.statements;
  const broken = new Set<number>();
  for (const d of diagnosticsOf(file)) {
    const i = Math.max(
      0,
      lastStartingAtOrBefore(statements, (s) => s.pos, d.start),
    );
    broken.add(i);
    if (i > 0 && statements[i].pos === d.start) broken.add(i - 1);
  }
  if (statements.length === 0) return [{ start: 0, end: file.text.length }];
  return brokenSpans(
    statements,
    (s) => s.pos,
    (s) => s.end,
    (i) => broken.has(i),
    (s) => groupOf.get(s),
  );
}

function scriptKindOf(file: ts.SourceFile): ts.ScriptKind {
  return (file as unknown as { scriptKind: ts.ScriptKind }).scriptKind;
}

/** A syntax error as the parser records it (only where it starts matters here). */
type SyntaxError = { start: number; file?: ts.SourceFile };

export function diagnosticsOf(file: ts.SourceFile): readonly SyntaxError[] {
  return (file as unknown as { parseDiagnostics?: SyntaxError[] }).parseDiagnostics ?? [];
}

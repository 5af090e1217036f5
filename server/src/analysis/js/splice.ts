// Re-parsing only the top-level statements an edit falls in. TypeScript's incremental parser walks every node
// after the edit to move it (about 8 ms of the 9 it takes on a 5,000-line file); here the region is parsed alone
// and the statements after it are moved through flat lists of their positions.
//
// The result is a SourceFile whose statements were spliced in place. TypeScript's own incremental parser must not
// be given such a file (its bookkeeping, like JSDoc and identifier tables, was not updated), so parse.ts parses
// the next version from scratch unless it can splice again.
import ts from "typescript";
import { touchedStatements } from "../incremental/locate";
import type { TextChange } from "../textDiff";

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
 * `file` (the tree of `before`, free of syntax errors) updated to `text` by re-parsing only the statements the
 * change touches, or undefined when that would not be sure to give what a whole parse gives (the file is then left
 * untouched). Sure means: the statements on both sides of the region are closed, the region's own first and last
 * statements are closed, and the region alone parses without errors.
 */
export function spliceRegion(file: ts.SourceFile, before: string, text: string, change: TextChange): ts.SourceFile | undefined {
  const statements = file.statements;
  const touched = touchedStatements(statements, (s) => s.pos, (s) => s.end, change);
  if (!touched) return undefined;
  const { from, to } = touched;
  if (from > 0 && !closed(statements[from - 1], before)) return undefined;
  const start = statements[from].pos;
  const delta = change.newEnd - change.oldEnd;
  const end = statements[to].end + delta;
  const region = ts.createSourceFile(file.fileName, text.slice(start, end), file.languageVersion, true, scriptKindOf(file));
  const parsed = region.statements;
  if (diagnosticsOf(region).length || parsed.length === 0) return undefined;
  const last = parsed[parsed.length - 1];
  if (!closed(last, region.text)) return undefined;
  // Trivia after the last statement belongs to the next statement in the whole file: the region must end with it.
  if (last.end !== region.text.length) return undefined;

  for (const s of parsed) {
    move(s, start);
    (s as { parent: ts.Node }).parent = file;
  }
  for (let i = to + 1; i < statements.length; i++) move(statements[i], delta);
  const list = ts.factory.createNodeArray([...statements.slice(0, from), ...parsed, ...statements.slice(to + 1)]);
  const m = list as unknown as { pos: number; end: number };
  m.pos = statements.pos;
  m.end = statements.end + delta;
  const f = file as unknown as { statements: ts.NodeArray<ts.Statement>; text: string; end: number; lineMap?: unknown };
  f.statements = list;
  f.text = text;
  f.end = text.length;
  f.lineMap = undefined;
  const eof = file.endOfFileToken as unknown as { pos: number; end: number };
  eof.pos += delta;
  eof.end += delta;
  return file;
}

function scriptKindOf(file: ts.SourceFile): ts.ScriptKind {
  return (file as unknown as { scriptKind: ts.ScriptKind }).scriptKind;
}

export function diagnosticsOf(file: ts.SourceFile): readonly unknown[] {
  return (file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
}

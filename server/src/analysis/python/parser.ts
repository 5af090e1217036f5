// web-tree-sitter set-up: loaded once (async), then parsing is synchronous so analysis stays a plain function.
import * as fs from "node:fs";
import * as path from "node:path";
import { Edit, Language, Parser, type Tree } from "web-tree-sitter";
import { changedRegion, ParseCache, pointAt, type TextChange } from "../textDiff";
import { touchedStatements } from "../incremental/locate";
import { mirror, spliceMirror, type Mirror, type MirrorEdit } from "./tree";

let parser: Parser | undefined;
let language: Language | undefined;
/**
 * Last tree and its JS mirror per file: the next version of the same file re-parses incrementally (a few ms
 * instead of 30) and re-reads only the top-level statements whose syntax changed.
 */
const trees = new ParseCache<{ tree: Tree; mirror: Mirror }>(16, (entry) => entry.tree.delete());
let initializing: Promise<void> | undefined;

/** Both wasm files sit next to the bundle in dist/; in tests they are found under node_modules. */
function locate(file: string, pkg: string, wasmDir?: string): string {
  const dirs = [wasmDir, wasmDir && path.join(wasmDir, pkg), __dirname, path.join(__dirname, "..", "..", "..", "..", "node_modules", pkg)];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, file);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`cannot find ${file} (looked in ${dirs.filter(Boolean).join(", ")})`);
}

export function initPythonParser(wasmDir?: string): Promise<void> {
  if (parser) return Promise.resolve();
  initializing ??= (async () => {
    const runtime = locate("web-tree-sitter.wasm", "web-tree-sitter", wasmDir);
    await Parser.init({ locateFile: () => runtime });
    language = await Language.load(locate("tree-sitter-python.wasm", "tree-sitter-python", wasmDir));
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })();
  return initializing;
}

/**
 * Parses `text` as the new version of `path`, reusing the previous tree and mirror of that file when there are
 * some, and returns the mirror (which belongs to the cache until the next version of the file).
 */
/** How parses went, for tests and profiling: whole file, incremental, or one region alone. */
export const parseCounts = { full: 0, incremental: 0, region: 0 };

export function parsePython(path: string, text: string, keep = true): Mirror {
  if (!parser) throw new Error("the Python parser is not initialised (call initPython first)");
  const previous = trees.take(path);
  if (!previous || !keep) {
    previous?.value.tree.delete();
    const tree = parser.parse(text);
    parseCounts.full++;
    if (!tree) throw new Error("the Python parser returned no tree");
    const result = mirror(tree, text);
    if (keep) trees.put(path, text, { tree, mirror: result });
    else tree.delete();
    return result;
  }
  const change = changedRegion(previous.text, text);
  const old = previous.value.tree;
  // The kept tree always follows the text, even when only the mirror is re-parsed (see reparseRegion).
  old.edit(new Edit({
    startIndex: change.start,
    oldEndIndex: change.oldEnd,
    newEndIndex: change.newEnd,
    startPosition: pointAt(previous.text, change.start),
    oldEndPosition: pointAt(previous.text, change.oldEnd),
    newEndPosition: pointAt(text, change.newEnd),
  }));
  const local = reparseRegion(previous.value.mirror, previous.text, text, change);
  if (local) {
    parseCounts.region++;
    trees.put(path, text, { tree: old, mirror: local });
    return local;
  }
  const tree = parser.parse(text, old);
  parseCounts.incremental++;
  const edit: MirrorEdit | undefined = tree ? { previous: previous.value.mirror, ...change, changed: tree.getChangedRanges(old) } : undefined;
  old.delete();
  if (!tree) throw new Error("the Python parser returned no tree");
  const result = mirror(tree, text, edit);
  trees.put(path, text, { tree, mirror: result });
  return result;
}

/**
 * Re-parses only the top-level statements an edit falls in, when that is sure to give what a parse of the whole
 * file would. tree-sitter-python re-parses nearly the whole file after an edit at the start of a line (a new line,
 * a deleted line, an indent: typing, in short), about 40 ms on 5,000 lines; a region of a few statements takes
 * well under one. Sure means: the file had no syntax errors, the region starts with code at column 0, the next
 * code after it starts a line at column 0 (so neither side can continue into the other), and the region alone
 * parses cleanly.
 */
/** From a region's end: blank lines, then the end of the file or a line starting with code at column 0. */
const NEXT_CODE_AT_COLUMN_0 = /[ \t\r\n]*(?:$|\n[^\s#])/y;

function reparseRegion(previous: Mirror, before: string, text: string, change: TextChange): Mirror | undefined {
  if (previous.hasError) return undefined;
  const statements = previous.root.children;
  const touched = touchedStatements(statements, (s) => s.startIndex, (s) => s.endIndex, change);
  if (!touched) return undefined;
  const { from, to } = touched;
  const start = statements[from].startIndex;
  const delta = change.newEnd - change.oldEnd;
  const end = statements[to].endIndex + delta;
  // Code at column 0 on both sides: an indented first line could join the statement before (a body), and a
  // region that does not start a line is inside one.
  if ((start > 0 && before[start - 1] !== "\n") || !/[^\s#]/.test(text[start] ?? "")) return undefined;
  NEXT_CODE_AT_COLUMN_0.lastIndex = end;
  if (!NEXT_CODE_AT_COLUMN_0.test(text)) return undefined;
  const slice = parser!.parse(text.slice(start, end));
  if (!slice) return undefined;
  try {
    if (slice.rootNode.hasError) return undefined;
    return spliceMirror(previous, text, from, to, slice, start, delta);
  } finally {
    slice.delete();
  }
}

/** Drops what is kept for `path`, so its next parse starts from nothing (tests compare both ways). */
export function forgetPython(path: string): void {
  trees.take(path)?.value.tree.delete();
}

// web-tree-sitter set-up: loaded once (async), then parsing is synchronous so analysis stays a plain function.
import * as fs from "node:fs";
import * as path from "node:path";
import { Edit, Language, Parser, type Tree } from "web-tree-sitter";
import type { FileState } from "../incremental/fileState";
import { changedRegion, pointAt, type TextChange } from "../textDiff";
import { touchedStatements, widenToGroups } from "../incremental/locate";
import { mirror, spliceMirror, type Mirror, type MirrorEdit, type PyNode } from "./tree";
import { instantiateKeepingState, isWasmFault, restoreSnapshot, takeSnapshot } from "./wasmGuard";

let parser: Parser | undefined;
let language: Language | undefined;
/**
 * What a FileState keeps for Python (`parsed.tree`): the last tree and its JS mirror, so the next version of the
 * file re-parses incrementally (a few ms instead of 30) and re-reads only the top-level statements whose syntax
 * changed. `generation` says which wasm memory the tree lives in (see `live`).
 */
interface KeptTree {
  tree: Tree;
  mirror: Mirror;
  ref: WeakRef<Tree>;
  generation: number;
}
/**
 * Every tree some FileState keeps, held weakly. A fault resets the wasm memory they all live in (wasmGuard.ts):
 * each must then be deleted, which unhooks its finalizer (that would otherwise free a stale address in the fresh
 * memory later), and none may be used again (`generation` moves on). Which file keeps which tree is the
 * FileState's business: nothing here is keyed by path, so two analyzers never share a tree.
 */
const live = new Set<WeakRef<Tree>>();
/** Live trees counted at the last sweep of collected ones. */
let liveAtSweep = 0;
/** Wasm memory resets so far. */
let generation = 0;
let initializing: Promise<void> | undefined;

/** Both wasm files sit next to the bundle in dist/; in tests they are found under node_modules. */
function locate(file: string, pkg: string, wasmDir?: string): string {
  const dirs = [
    wasmDir,
    wasmDir && path.join(wasmDir, pkg),
    __dirname,
    path.join(__dirname, "..", "..", "..", "..", "node_modules", pkg),
  ];
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
    await Parser.init({ locateFile: () => runtime, instantiateWasm: instantiateKeepingState(runtime) });
    // Handed over as bytes: given a path, web-tree-sitter reads it through a dynamic `import("fs/promises")`, which
    // a bundle compiled from V8's code cache (bin/codeCache.js) cannot run.
    language = await Language.load(fs.readFileSync(locate("tree-sitter-python.wasm", "tree-sitter-python", wasmDir)));
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
    // The state a fault goes back to (wasmGuard.ts): the parser ready, no tree made yet.
    takeSnapshot();
  })();
  return initializing;
}

/** How parses went, for tests and profiling: whole file, incremental, or one region alone. */
export const parseCounts = { full: 0, incremental: 0, region: 0 };

/** Thrown when tree-sitter faulted on a file; the parser has been reset, so later files parse normally. */
export class ParserFault extends Error {}

/**
 * Parses `text` and returns its mirror. With `state` (an editor file's), the tree of its last version is reused
 * when there is one, and the new one is kept there for the next version (the mirror then belongs to the state).
 */
export function parsePython(text: string, state?: FileState): Mirror {
  if (!parser) throw new Error("the Python parser is not initialised (call initPython first)");
  try {
    return parse(text, state);
  } catch (err) {
    if (!isWasmFault(err)) throw err;
    // Every kept tree lives in the memory about to be reset: delete them all (which unhooks their finalizers; it
    // may fault again on damaged memory), and let no state use its tree again.
    for (const ref of live) {
      try {
        ref.deref()?.delete();
      } catch {
        // Already unhooked; the memory is reset below.
      }
    }
    live.clear();
    generation++;
    if (!restoreSnapshot()) throw err;
    throw new ParserFault(`the Python parser failed on this file (${(err as Error).message})`);
  }
}

function parse(text: string, state: FileState | undefined): Mirror {
  const parser = initialised();
  const held = state?.parsed;
  const previous = held && (held.tree as KeptTree).generation === generation ? (held.tree as KeptTree) : undefined;
  if (!state || !held || !previous) {
    const tree = parser.parse(text);
    parseCounts.full++;
    if (!tree) throw new Error("the Python parser returned no tree");
    const result = mirror(tree, text);
    if (state) keep(state, text, tree, result);
    else tree.delete();
    return result;
  }
  const change = changedRegion(held.text, text);
  const old = previous.tree;
  // The kept tree always follows the text, even when only the mirror is re-parsed (see reparseRegion).
  old.edit(
    new Edit({
      startIndex: change.start,
      oldEndIndex: change.oldEnd,
      newEndIndex: change.newEnd,
      startPosition: pointAt(held.text, change.start),
      oldEndPosition: pointAt(held.text, change.oldEnd),
      newEndPosition: pointAt(text, change.newEnd),
    }),
  );
  const local = reparseRegion(previous.mirror, held.text, text, change);
  if (local) {
    parseCounts.region++;
    state.parsed = { text, tree: { ...previous, mirror: local } };
    return local;
  }
  const tree = parser.parse(text, old);
  parseCounts.incremental++;
  const edit: MirrorEdit | undefined = tree
    ? { previous: previous.mirror, ...change, changed: tree.getChangedRanges(old) }
    : undefined;
  release(previous);
  state.parsed = undefined;
  if (!tree) throw new Error("the Python parser returned no tree");
  const result = mirror(tree, text, edit);
  keep(state, text, tree, result);
  return result;
}

function keep(state: FileState, text: string, tree: Tree, result: Mirror): void {
  const ref = new WeakRef(tree);
  live.add(ref);
  // Trees of states that were dropped are collected with them (their finalizer deletes them): forget their refs
  // once the set has doubled since the last sweep.
  if (live.size > 2 * liveAtSweep + 32) {
    for (const r of live) if (!r.deref()) live.delete(r);
    liveAtSweep = live.size;
  }
  const kept: KeptTree = { tree, mirror: result, ref, generation };
  state.parsed = { text, tree: kept };
}

function release(kept: KeptTree): void {
  live.delete(kept.ref);
  kept.tree.delete();
}

/**
 * Re-parses only the top-level statements an edit falls in, when that is sure to give what a parse of the whole
 * file would, or when the edit breaks the syntax and keeping the error inside the edited region is better than
 * what the whole file's parse would give. tree-sitter-python re-parses nearly the whole file after an edit at the
 * start of a line (a new line, a deleted line, an indent: typing, in short), about 40 ms on 5,000 lines; a region
 * of a few statements takes well under one.
 *
 * Sure means: the rest of the file has no syntax errors, the region starts with code at column 0, the next code
 * after it starts a line at column 0 (so neither side can continue into the other), and the region alone parses
 * cleanly.
 *
 * Broken code: with the same boundaries and no error elsewhere, a region that does not parse cleanly alone is kept
 * as it parsed, with its error inside it (and its statements grouped, so the next edit re-parses them together).
 * The whole file's parse would let error recovery run on (an open `(` or string takes in everything after it), so
 * every statement after a half-typed line would change with each keystroke, and their diagnostics would come and
 * go. Kept apart, the statements around a line being typed stay what they were.
 */
/** From a region's end: blank lines, then the end of the file or a line starting with code at column 0. */
const NEXT_CODE_AT_COLUMN_0 = /[ \t\r\n]*(?:$|\n[^\s#])/y;

function reparseRegion(previous: Mirror, before: string, text: string, change: TextChange): Mirror | undefined {
  const statements = previous.root.children;
  const found = touchedStatements(
    statements,
    (s) => s.startIndex,
    (s) => s.endIndex,
    change,
  );
  if (!found) return undefined;
  const touched = toColumn0(
    statements,
    before,
    widenToGroups(statements, found.from, found.to, (s) => s.group),
  );
  // An error elsewhere (a statement left broken while the user edits another, or a file opened broken) may be
  // healed or moved by this edit (a closing quote typed here ends a string opened there): only a whole parse can
  // say.
  if (brokenOutside(statements, touched.from, touched.to)) return undefined;
  // An error a whole parse placed in the region (no group: error recovery drew it) may belong elsewhere: recovery
  // blames the statement where it gave up, not the one that is wrong (an empty `def` body further down can be
  // charged to an open string here). Mending the region then proves nothing about the rest: only a whole parse can.
  for (let i = touched.from; i <= touched.to; i++)
    if (statements[i].broken && statements[i].group === undefined) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const region = parseAlone(statements, before, text, touched.from, touched.to, delta);
  if (!region) return undefined;
  try {
    if (!region.tree.rootNode.hasError) {
      return spliceMirror(previous, text, touched.from, touched.to, region.tree, region.start, delta);
    }
    // The edit may have joined the region to a neighbour (`else:` typed after an `if`): one statement more on each
    // side is tried before the error is kept in the region.
    // Widened to column-0 boundaries again: an indented neighbour (`    def m(self):` left at the top level by a
    // class line being typed) belongs with the statement before it.
    const { from, to } = toColumn0(statements, before, {
      from: Math.max(0, touched.from - 1),
      to: Math.min(statements.length - 1, touched.to + 1),
    });
    if (from !== touched.from || to !== touched.to) {
      const wider = parseAlone(statements, before, text, from, to, delta);
      if (wider && !wider.tree.rootNode.hasError) {
        try {
          if (brokenOutside(statements, from, to)) return undefined;
          return spliceMirror(previous, text, from, to, wider.tree, wider.start, delta);
        } finally {
          wider.tree.delete();
        }
      }
      wider?.tree.delete();
    }
    // Only where the boundaries are ones this splicing chose (checked above: no error a whole parse placed here).
    if (region.tree.rootNode.childCount === 0) return undefined;
    return spliceMirror(previous, text, touched.from, touched.to, region.tree, region.start, delta);
  } finally {
    region.tree.delete();
  }
}

/**
 * `from`..`to` widened to statements that start a line at column 0 with code: an indented "statement" at the top
 * level (what tree-sitter makes of a body whose indentation is being typed) or a comment belongs with its
 * neighbours, and a region must start and end where nothing can continue it.
 */
function toColumn0(
  statements: readonly PyNode[],
  before: string,
  range: { from: number; to: number },
): { from: number; to: number } {
  const boundary = (s: PyNode) =>
    (s.startIndex === 0 || before[s.startIndex - 1] === "\n") && /[^\s#]/.test(before[s.startIndex] ?? "");
  let { from, to } = range;
  while (from > 0 && !boundary(statements[from])) from--;
  while (to < statements.length - 1 && !boundary(statements[to + 1])) to++;
  return { from, to };
}

function brokenOutside(statements: readonly PyNode[], from: number, to: number): boolean {
  for (let i = 0; i < statements.length; i++) if ((i < from || i > to) && statements[i].broken) return true;
  return false;
}

/**
 * Parses statements `from`..`to` of the previous mirror, in their new text, alone; undefined when the region does
 * not start a line with code at column 0 or is not followed by code at column 0 (or the end), since then the region
 * could continue into its neighbours or they into it.
 */
function parseAlone(
  statements: readonly PyNode[],
  before: string,
  text: string,
  from: number,
  to: number,
  delta: number,
): { tree: Tree; start: number } | undefined {
  const start = statements[from].startIndex;
  const end = statements[to].endIndex + delta;
  if ((start > 0 && before[start - 1] !== "\n") || !/[^\s#]/.test(text[start] ?? "")) return undefined;
  NEXT_CODE_AT_COLUMN_0.lastIndex = end;
  if (!NEXT_CODE_AT_COLUMN_0.test(text)) return undefined;
  const tree = initialised().parse(text.slice(start, end));
  return tree ? { tree, start } : undefined;
}

function initialised(): Parser {
  if (!parser) throw new Error("the Python parser is not initialised (call initPython first)");
  return parser;
}

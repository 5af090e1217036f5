// web-tree-sitter set-up: loaded once (async), then parsing is synchronous so analysis stays a plain function.
import * as fs from "node:fs";
import * as path from "node:path";
import { Edit, Language, Parser, type Tree } from "web-tree-sitter";
import { changedRegion, ParseCache, pointAt } from "../textDiff";
import { mirror, type Mirror, type MirrorEdit } from "./tree";

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
export function parsePython(path: string, text: string): Mirror {
  if (!parser) throw new Error("the Python parser is not initialised (call initPython first)");
  const previous = trees.take(path);
  let tree: Tree | null;
  let edit: MirrorEdit | undefined;
  if (previous) {
    const change = changedRegion(previous.text, text);
    const old = previous.value.tree;
    old.edit(new Edit({
      startIndex: change.start,
      oldEndIndex: change.oldEnd,
      newEndIndex: change.newEnd,
      startPosition: pointAt(previous.text, change.start),
      oldEndPosition: pointAt(previous.text, change.oldEnd),
      newEndPosition: pointAt(text, change.newEnd),
    }));
    tree = parser.parse(text, old);
    if (tree) edit = { previous: previous.value.mirror, ...change, changed: tree.getChangedRanges(old) };
    old.delete();
  } else {
    tree = parser.parse(text);
  }
  if (!tree) throw new Error("the Python parser returned no tree");
  const result = mirror(tree, text, edit);
  trees.put(path, text, { tree, mirror: result });
  return result;
}

/** Drops what is kept for `path`, so its next parse starts from nothing (tests compare both ways). */
export function forgetPython(path: string): void {
  trees.take(path)?.value.tree.delete();
}

// web-tree-sitter set-up: loaded once (async), then parsing is synchronous so analysis stays a plain function.
import * as fs from "node:fs";
import * as path from "node:path";
import { Language, Parser, type Tree } from "web-tree-sitter";

let parser: Parser | undefined;
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
    const language = await Language.load(locate("tree-sitter-python.wasm", "tree-sitter-python", wasmDir));
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })();
  return initializing;
}

export function parsePython(text: string): Tree {
  if (!parser) throw new Error("the Python parser is not initialised (call initPython first)");
  const tree = parser.parse(text);
  if (!tree) throw new Error("the Python parser returned no tree");
  return tree;
}

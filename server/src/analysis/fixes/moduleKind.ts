// Whether a JS/TS file runs as an ES module, for fixes that import an ESM-only package (p-retry 5 and later): a
// CommonJS file would turn `import pRetry from "p-retry"` into a require() that older Node versions refuse and
// TypeScript rejects (TS1479). Read from the file's extension, its project's package.json `type` and, for
// TypeScript, the nearest tsconfig.json's `module`.
import type { FileSystem } from "../fileSystem";

function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

/** The first of `names` found walking up from `dir` (inclusive), with its text. */
function nearest(fs: FileSystem, dir: string, name: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const text = fs.readFile(d === "/" ? `/${name}` : `${d}/${name}`);
    if (text !== undefined) return text;
    if (d === "/" || dirname(d) === d) return undefined;
  }
}

export function isEsModuleFile(fs: FileSystem, path: string, text: string): boolean {
  if (/\.c[jt]s$/.test(path)) return false;
  if (/\.m[jt]s$/.test(path)) return true;
  const esSyntax = /^\s*(import|export)\s/m.test(text);
  // A file written with require() and no import/export is CommonJS whatever its package says.
  if (!esSyntax && /\brequire\s*\(/.test(text)) return false;
  const dir = dirname(path);
  const pkg = nearest(fs, dir, "package.json");
  if (pkg !== undefined && /"type"\s*:\s*"module"/.test(pkg)) return true;
  if (/\.tsx?$/.test(path)) {
    // es2015 ... esnext and preserve emit import statements (bundlers, Deno); commonjs, node16/nodenext in a
    // package without "type": "module", and the default, emit require().
    const module = /"module"\s*:\s*"([^"]+)"/i.exec(nearest(fs, dir, "tsconfig.json") ?? "")?.[1].toLowerCase();
    return module !== undefined && /^(es\d+|esnext|preserve)$/.test(module);
  }
  // Plain JavaScript written with import/export runs as ESM (a bundler, or Node would have refused it).
  return esSyntax;
}

// Resolving an import specifier to a workspace file, so a retry helper imported from another file counts.
import type { Language } from "./model";
import { aliasCandidates, type Aliases } from "./tsconfigPaths";

const JS_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "..") out.pop();
    else if (part !== "." && part !== "") out.push(part);
  }
  return "/" + out.join("/");
}

export function resolveModule(
  language: Language,
  fromFile: string,
  specifier: string,
  has: (path: string) => boolean,
  all: () => Iterable<string>,
  aliases?: (fromFile: string) => Aliases,
): string | undefined {
  return language === "python"
    ? resolvePython(fromFile, specifier, has, all)
    : resolveJs(fromFile, specifier, has, aliases);
}

function resolveJs(
  fromFile: string,
  specifier: string,
  has: (p: string) => boolean,
  aliases?: (fromFile: string) => Aliases,
): string | undefined {
  if (specifier.startsWith(".")) return withExtensions(normalize(dirname(fromFile) + "/" + specifier), has);
  // A bare specifier is a package unless the project's tsconfig/jsconfig maps it (`@/lib/hf`, baseUrl imports).
  for (const candidate of aliases ? aliasCandidates(aliases(fromFile), specifier) : []) {
    const found = withExtensions(normalize(candidate), has);
    if (found) return found;
  }
  return undefined;
}

function withExtensions(base: string, has: (p: string) => boolean): string | undefined {
  // TS sources import "./retry.js" and mean retry.ts.
  const stem = base.replace(/\.(m|c)?js$/, "");
  const candidates = [base, ...JS_EXTENSIONS.map((e) => stem + e), ...JS_EXTENSIONS.map((e) => base + "/index" + e)];
  return candidates.find(has);
}

function resolvePython(
  fromFile: string,
  specifier: string,
  has: (p: string) => boolean,
  all: () => Iterable<string>,
): string | undefined {
  const dots = /^\.*/.exec(specifier)![0].length;
  const rest = specifier.slice(dots).split(".").filter(Boolean).join("/");
  if (dots > 0) {
    let dir = dirname(fromFile);
    for (let i = 1; i < dots; i++) dir = dirname(dir);
    const base = rest ? `${dir}/${rest}` : dir;
    return [`${base}.py`, `${base}/__init__.py`].find(has);
  }
  // Absolute imports: the workspace file whose path ends with the module path, nearest to the importer.
  const suffixes = [`/${rest}.py`, `/${rest}/__init__.py`];
  let best: string | undefined;
  let bestScore = -1;
  for (const path of all()) {
    if (!suffixes.some((s) => path.endsWith(s))) continue;
    const score = commonPrefix(path, fromFile);
    if (score > bestScore) {
      best = path;
      bestScore = score;
    }
  }
  return best;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

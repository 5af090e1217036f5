// Module aliases of a JS/TS project: `compilerOptions.paths` and `baseUrl` from the nearest tsconfig.json or
// jsconfig.json (following one `extends` chain), so `import { hf } from "@/lib/hf"` finds src/lib/hf.ts the way
// Next.js, Vite and tsc do. Read through the analyzer's FileSystem; a broken config means no aliases, never an error.
import type { FileSystem } from "./fileSystem";

export interface Aliases {
  /** Absolute folder bare specifiers resolve against, when `baseUrl` is set. */
  baseUrl?: string;
  /** Patterns (`@/*`) and their absolute targets (`/repo/src/*`), in the config's order. */
  paths: [string, string[]][];
}

const NONE: Aliases = { paths: [] };

function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

function join(dir: string, rel: string): string {
  const out: string[] = [];
  for (const part of (rel.startsWith("/") ? rel : `${dir}/${rel}`).split("/")) {
    if (part === "..") out.pop();
    else if (part !== "." && part !== "") out.push(part);
  }
  return "/" + out.join("/");
}

/** tsconfig files are JSON with comments and trailing commas. */
export function parseJsonc(text: string): unknown {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      out += text.slice(start, i + 1);
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
}

interface CompilerOptions {
  baseUrl?: string;
  paths?: Record<string, string[]>;
}

function readConfig(
  fs: FileSystem,
  file: string,
  depth = 0,
): { options: CompilerOptions; dirOfBase?: string; dirOfPaths?: string } | undefined {
  const text = fs.readFile(file);
  if (text === undefined || depth > 4) return undefined;
  let json: { extends?: unknown; compilerOptions?: CompilerOptions };
  try {
    json = parseJsonc(text) as typeof json;
  } catch {
    return undefined;
  }
  const dir = dirname(file);
  let inherited: ReturnType<typeof readConfig>;
  if (typeof json?.extends === "string" && json.extends.startsWith(".")) {
    const target = join(dir, json.extends);
    inherited = readConfig(fs, target.endsWith(".json") ? target : `${target}.json`, depth + 1);
  }
  const own = json?.compilerOptions ?? {};
  return {
    options: { baseUrl: own.baseUrl ?? inherited?.options.baseUrl, paths: own.paths ?? inherited?.options.paths },
    dirOfBase: own.baseUrl !== undefined ? dir : inherited?.dirOfBase,
    dirOfPaths: own.paths !== undefined ? dir : inherited?.dirOfPaths,
  };
}

export class AliasIndex {
  private readonly byDir = new Map<string, Aliases>();

  constructor(private readonly fs: FileSystem) {}

  /** The aliases that apply to a file: those of the nearest folder holding a tsconfig.json or jsconfig.json. */
  of(file: string): Aliases {
    return this.forDir(dirname(file));
  }

  clear(): void {
    this.byDir.clear();
  }

  private forDir(dir: string): Aliases {
    const known = this.byDir.get(dir);
    if (known) return known;
    let found: Aliases | undefined;
    for (const name of ["tsconfig.json", "jsconfig.json"]) {
      const config = readConfig(this.fs, `${dir === "/" ? "" : dir}/${name}`);
      if (!config) continue;
      const { baseUrl, paths } = config.options;
      const base = baseUrl !== undefined ? join(config.dirOfBase ?? dir, baseUrl) : undefined;
      const pathsBase = base ?? config.dirOfPaths ?? dir;
      found = {
        baseUrl: base,
        paths: Object.entries(paths ?? {})
          .filter(([, targets]) => Array.isArray(targets))
          .map(([pattern, targets]) => [
            pattern,
            targets.filter((t) => typeof t === "string").map((t) => join(pathsBase, t)),
          ]),
      };
      break;
    }
    if (!found) found = dir === "/" ? NONE : this.forDir(dirname(dir));
    this.byDir.set(dir, found);
    return found;
  }
}

/** The candidate paths (without extension) an aliased specifier may stand for. */
export function aliasCandidates(aliases: Aliases, specifier: string): string[] {
  const out: string[] = [];
  for (const [pattern, targets] of aliases.paths) {
    const star = pattern.indexOf("*");
    if (star < 0) {
      if (pattern === specifier) out.push(...targets);
      continue;
    }
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (
      !specifier.startsWith(prefix) ||
      !specifier.endsWith(suffix) ||
      specifier.length < prefix.length + suffix.length
    )
      continue;
    const middle = specifier.slice(prefix.length, specifier.length - suffix.length);
    out.push(...targets.map((t) => t.replace("*", middle)));
  }
  if (aliases.baseUrl) out.push(join(aliases.baseUrl, specifier));
  return out;
}

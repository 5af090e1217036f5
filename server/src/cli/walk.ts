// Which files `hf-rate-guard check PATH...` looks at: analysable files under the given paths, respecting
// .gitignore files (nested ones too) and skipping dependency, build and virtualenv folders.
import * as fs from "node:fs";
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import { fileKind } from "../analysis/fileKinds";

const SKIP_DIRS = new Set(["node_modules", ".git", "dist", "build", ".venv", "venv", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", "site-packages", ".hg", ".svn", "out", ".hf-rate-guard-cache"]);

export interface WalkResult {
  files: string[];
  missing: string[];
  /** The entries of every folder read on the way, so nobody has to list those folders again. */
  listings: Map<string, string[]>;
}

export function collectFiles(paths: string[]): WalkResult {
  const files = new Set<string>();
  const missing: string[] = [];
  const listings = new Map<string, string[]>();
  for (const p of paths) {
    const abs = path.resolve(p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (stat.isFile()) {
      if (fileKind(abs) !== undefined) files.add(abs);
    } else if (stat.isDirectory()) {
      walk(abs, [], files, listings);
    }
  }
  return { files: [...files].sort(), missing, listings };
}

interface IgnoreLayer {
  dir: string;
  rules: Ignore;
}

function walk(dir: string, layers: IgnoreLayer[], out: Set<string>, listings: Map<string, string[]>): void {
  const stack: { dir: string; layers: IgnoreLayer[] }[] = [{ dir, layers }];
  while (stack.length) {
    const { dir: current, layers: inherited } = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    listings.set(current, entries.map((e) => e.name));
    let active = inherited;
    if (entries.some((e) => e.name === ".gitignore" && e.isFile())) {
      try {
        active = [...inherited, { dir: current, rules: ignore().add(fs.readFileSync(path.join(current, ".gitignore"), "utf8")) }];
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    // A virtualenv is recognised by its marker file whatever it is called.
    if (current !== dir && entries.some((e) => e.name === "pyvenv.cfg")) continue;
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      const isDir = entry.isDirectory();
      if (isDir && SKIP_DIRS.has(entry.name)) continue;
      if (ignored(active, full, isDir)) continue;
      if (isDir) stack.push({ dir: full, layers: active });
      else if (entry.isFile() && fileKind(full) !== undefined) out.add(full);
    }
  }
}

function ignored(layers: IgnoreLayer[], full: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = path.relative(layer.dir, full).split(path.sep).join("/");
    if (rel && !rel.startsWith("..") && layer.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

// Which files `hf-rate-guard check PATH...` looks at: analysable files under the given paths, respecting
// .gitignore files (nested ones too) and skipping dependency, build and virtualenv folders.
import * as fs from "node:fs";
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import { fileKind } from "../analysis/fileKinds";
import { readRegularFile } from "../node/readRegular";

const SKIP_DIRS = new Set([
  "node_modules",
  ".git",
  "dist",
  "build",
  ".venv",
  "venv",
  "__pycache__",
  ".tox",
  ".nox",
  ".mypy_cache",
  ".pytest_cache",
  "site-packages",
  ".hg",
  ".svn",
  "out",
  ".hf-rate-guard-cache",
]);

export interface WalkResult {
  files: string[];
  missing: string[];
  /** Analysable-looking entries that were not taken (symbolic links, FIFOs) and folders that could not be listed. */
  skipped: { path: string; reason: string }[];
  /** The entries of every folder read on the way, so nobody has to list those folders again. */
  listings: Map<string, string[]>;
}

export function collectFiles(paths: string[]): WalkResult {
  const files = new Set<string>();
  const missing: string[] = [];
  const skipped: WalkResult["skipped"] = [];
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
      walk(abs, [], files, listings, skipped);
    } else if (fileKind(abs) !== undefined) skipped.push({ path: abs, reason: "not a regular file" });
  }
  return { files: [...files].sort(), missing, skipped, listings };
}

interface IgnoreLayer {
  dir: string;
  rules: Ignore;
}

function walk(
  dir: string,
  layers: IgnoreLayer[],
  out: Set<string>,
  listings: Map<string, string[]>,
  skipped: WalkResult["skipped"],
): void {
  const stack: { dir: string; layers: IgnoreLayer[] }[] = [{ dir, layers }];
  while (stack.length) {
    const { dir: current, layers: inherited } = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (err) {
      skipped.push({
        path: current,
        reason: `cannot list this folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      });
      continue;
    }
    listings.set(
      current,
      entries.map((e) => e.name),
    );
    let active = inherited;
    if (entries.some((e) => e.name === ".gitignore" && e.isFile())) {
      const read = readRegularFile(path.join(current, ".gitignore"));
      // An unreadable .gitignore ignores nothing.
      if ("text" in read) active = [...inherited, { dir: current, rules: ignore().add(read.text) }];
    }
    // A virtualenv is recognised by its marker file whatever it is called.
    if (current !== dir && entries.some((e) => e.name === "pyvenv.cfg")) continue;
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      const isDir = entry.isDirectory();
      if (isDir && SKIP_DIRS.has(entry.name)) continue;
      if (ignored(active, full, isDir)) continue;
      if (isDir) stack.push({ dir: full, layers: active });
      else if (fileKind(full) === undefined) continue;
      else if (entry.isFile()) out.add(full);
      // A link may lead out of the workspace or to a device, and a link to a workspace file would report that
      // file twice: links are not followed, but said so (a link given on the command line is followed).
      else if (entry.isSymbolicLink())
        skipped.push({ path: full, reason: "symbolic link (not followed; name its target to check it)" });
      else skipped.push({ path: full, reason: "not a regular file" });
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

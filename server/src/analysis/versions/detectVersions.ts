// Package versions from the nearest manifests and lock files, for the version gates in docs/hf-facts.md.
// Lock files give exact versions; manifests give a range's lower bound. Unknown stays undefined (= newest).
import { parseToml } from "../toml";
import type { FileSystem } from "../fileSystem";
import type { PackageVersions } from "../model";
import { JS_VERSION_NAMES, PRESENCE_KEYS, PY_VERSION_NAMES } from "../profiles";

type Key = keyof PackageVersions;

// Which package names fill which key, and which keys matter merely by being installed: from the profiles.
const PY_NAMES: Record<string, Key> = PY_VERSION_NAMES;
const JS_NAMES: Record<string, Key> = JS_VERSION_NAMES;
const PRESENCE: ReadonlySet<Key> = PRESENCE_KEYS;

const PY_LOCKS = ["poetry.lock", "uv.lock", "Pipfile.lock"];
const PY_MANIFESTS = [
  "pyproject.toml",
  "requirements.txt",
  "requirements-dev.txt",
  "requirements.in",
  "requirements/base.txt",
  "requirements/prod.txt",
];
const JS_LOCKS = ["package-lock.json", "pnpm-lock.yaml", "yarn.lock"];
const JS_MANIFESTS = ["package.json"];

const cache = new WeakMap<FileSystem, Map<string, PackageVersions>>();
/** Manifest reads per file system: sibling folders share their parents, which must not be read once per folder. */
const reads = new WeakMap<FileSystem, Map<string, string | undefined>>();
/**
 * What each manifest states, per file system: a lock file at a repository's root is asked about once per folder
 * below it, and parsing it (a large JSON, TOML or YAML text) each time cost more than the whole walk.
 */
const stated = new WeakMap<FileSystem, Map<string, [string, string][] | undefined>>();

export function invalidateVersionCache(fs: FileSystem): void {
  cache.delete(fs);
  reads.delete(fs);
  stated.delete(fs);
}

function readOnce(fs: FileSystem, path: string): string | undefined {
  let perFs = reads.get(fs);
  if (!perFs) reads.set(fs, (perFs = new Map()));
  if (!perFs.has(path)) perFs.set(path, fs.readFile(path));
  return perFs.get(path);
}

/** The [name, version] pairs of manifest `file` at `path` (see `read`), or undefined when there is none. */
function statedOnce(fs: FileSystem, path: string, file: string): [string, string][] | undefined {
  let perFs = stated.get(fs);
  if (!perFs) stated.set(fs, (perFs = new Map()));
  if (!perFs.has(path)) {
    const text = readOnce(fs, path);
    perFs.set(path, text === undefined ? undefined : read(file, text));
  }
  return perFs.get(path);
}

export function detectVersions(fs: FileSystem, filePath: string): PackageVersions {
  const js = /\.(m|c)?(j|t)sx?$/.test(filePath);
  const dir = dirname(filePath);
  let perFs = cache.get(fs);
  if (!perFs) cache.set(fs, (perFs = new Map()));
  const key = `${js ? "js" : "py"}:${dir}`;
  const cached = perFs.get(key);
  if (cached) return cached;
  const found: PackageVersions = {};
  const names = js ? JS_NAMES : PY_NAMES;
  // JS retry libraries count only when the file's own package.json declares them: a lock file lists every
  // transitive package (p-retry comes with many), and a parent package.json (a monorepo root's devDependencies)
  // is another project's choice. The lock then gives the declared package's installed version: the lock beside
  // that package.json, or a workspace root's (a package.json with "workspaces"); any other lock is another project's.
  let ownPackageJson = true;
  let ownLock = true;
  const locked: Partial<Record<Key, string>> = {};
  // Walk up; the nearest folder that says anything about a package wins for that package.
  for (let d = dir; ; d = dirname(d)) {
    if (js && !ownPackageJson) ownLock = /"workspaces"\s*:/.test(readOnce(fs, join(d, "package.json")) ?? "");
    for (const file of js ? [...JS_LOCKS, ...JS_MANIFESTS] : [...PY_LOCKS, ...PY_MANIFESTS]) {
      const entries = statedOnce(fs, join(d, file), file);
      if (entries === undefined) continue;
      for (const [name, version] of entries) {
        const k = Object.hasOwn(names, name.toLowerCase()) ? names[name.toLowerCase()] : undefined;
        if (!k) continue;
        if (js && PRESENCE.has(k)) {
          if (file !== "package.json") {
            if (ownLock) locked[k] ??= version || undefined;
          } else if (ownPackageJson) found[k] ??= version || "*";
          continue;
        }
        if (found[k] === undefined && (version || PRESENCE.has(k))) found[k] = version || "*";
      }
      if (file === "package.json") ownPackageJson = false;
    }
    if (d === "/" || dirname(d) === d || Object.keys(found).length === new Set(Object.values(names)).size) break;
  }
  for (const k of Object.keys(found) as Key[]) if (js && PRESENCE.has(k) && locked[k]) found[k] = locked[k];
  perFs.set(key, found);
  return found;
}

/**
 * [package name, version] pairs a file states; never throws. Manifests are untyped data from anywhere: an entry
 * without a string name or version is left out, and the file's other entries still count.
 */
export function read(file: string, text: string): [string, string][] {
  return readUnchecked(file, text).filter(([name, version]) => typeof name === "string" && typeof version === "string");
}

function readUnchecked(file: string, text: string): [string, string][] {
  try {
    if (file === "poetry.lock" || file === "uv.lock") {
      const doc = parseToml(text) as { package?: { name: string; version: string }[] };
      return (Array.isArray(doc.package) ? doc.package : []).map((p) => [p?.name, p?.version]);
    }
    if (file === "Pipfile.lock") {
      const doc = JSON.parse(text) as Record<string, Record<string, { version?: string }>>;
      return Object.entries({ ...doc.develop, ...doc.default }).map(([n, v]) => [n, lowerBound(v?.version ?? "")]);
    }
    if (file === "pyproject.toml") return pyproject(parseToml(text) as Record<string, unknown>);
    if (file.includes("requirements"))
      return text
        .split(/\r?\n/)
        .map(requirement)
        .filter((r): r is [string, string] => r !== undefined);
    if (file === "package-lock.json") {
      const doc = JSON.parse(text) as {
        packages?: Record<string, { version?: string }>;
        dependencies?: Record<string, { version?: string }>;
      };
      const out: [string, string][] = [];
      for (const [p, v] of Object.entries(doc.packages ?? {}))
        if (p.startsWith("node_modules/") && v?.version) out.push([p.slice("node_modules/".length), v.version]);
      for (const [p, v] of Object.entries(doc.dependencies ?? {})) if (v?.version) out.push([p, v.version]);
      return out;
    }
    if (file === "pnpm-lock.yaml" || file === "yarn.lock") {
      const out: [string, string][] = [];
      for (const name of Object.keys(JS_NAMES)) {
        const escaped = name.replace(/[/.]/g, "\\$&");
        const pnpm = new RegExp(`['"/]${escaped}@(\\d+\\.\\d+\\.\\d+)`).exec(text);
        const yarn = new RegExp(`^"?${escaped}@[^\\n]*:\\n\\s+version:? "?(\\d+\\.\\d+\\.\\d+)`, "m").exec(text);
        const v = (file === "yarn.lock" ? yarn : pnpm)?.[1];
        if (v) out.push([name, v]);
      }
      return out;
    }
    if (file === "package.json") {
      const doc = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
      return Object.entries({ ...doc.devDependencies, ...doc.peerDependencies, ...doc.dependencies }).map(([n, v]) => [
        n,
        lowerBound(v),
      ]);
    }
  } catch {
    // A broken manifest tells us nothing; the version stays unknown (assumed newest).
  }
  return [];
}

function pyproject(doc: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  const project = doc.project as
    { dependencies?: string[]; "optional-dependencies"?: Record<string, string[]> } | undefined;
  for (const dep of [
    ...(project?.dependencies ?? []),
    ...Object.values(project?.["optional-dependencies"] ?? {}).flat(),
  ]) {
    const r = requirement(dep);
    if (r) out.push(r);
  }
  const poetry = (
    doc.tool as
      | {
          poetry?: {
            dependencies?: Record<string, unknown>;
            group?: Record<string, { dependencies?: Record<string, unknown> }>;
          };
        }
      | undefined
  )?.poetry;
  const tables = [poetry?.dependencies ?? {}, ...Object.values(poetry?.group ?? {}).map((g) => g.dependencies ?? {})];
  for (const table of tables) {
    for (const [name, spec] of Object.entries(table)) {
      const v = typeof spec === "string" ? spec : (spec as { version?: string })?.version;
      if (v) out.push([name, lowerBound(v)]);
    }
  }
  return out;
}

function requirement(line: unknown): [string, string] | undefined {
  if (typeof line !== "string") return undefined;
  const m = /^\s*([A-Za-z0-9_.-]+)\s*(\[[^\]]*\])?\s*(?:\(?\s*)(===|==|>=|~=|\^|>)\s*v?(\d+(?:\.\d+){0,2})/.exec(
    line.split("#")[0],
  );
  if (m) return [m[1], m[4]];
  // Unpinned (`tenacity`): the package is there, its version unknown.
  const bare = /^\s*([A-Za-z][A-Za-z0-9_.-]*)\s*(\[[^\]]*\])?\s*(;.*)?$/.exec(line.split("#")[0]);
  return bare ? [bare[1], ""] : undefined;
}

/** "^4.0.1" -> "4.0.1", ">=0.28,<1" -> "0.28", "==1.2.3" -> "1.2.3"; "*" or a tag -> "". */
export function lowerBound(spec: string): string {
  const m = /(\d+(?:\.\d+){0,2})/.exec(spec);
  return m && !/^\s*</.test(spec) ? m[1] : "";
}

function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

function join(dir: string, name: string): string {
  return dir === "/" ? `/${name}` : `${dir}/${name}`;
}

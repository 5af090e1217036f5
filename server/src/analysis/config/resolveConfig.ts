// Config files, nearest one up from the file wins: `.hf-rate-guard.json`, `[tool.hf-rate-guard]` in
// pyproject.toml, or the "hfRateGuard" key of package.json (checked in that order within one folder).
// A broken config never stops analysis: its problems become messages and defaults fill in.
import { parseToml } from "../toml";
import type { FileSystem } from "../fileSystem";
import type { ResolvedConfig } from "./types";
import { validateConfig } from "./validateConfig";

const cache = new WeakMap<FileSystem, Map<string, ResolvedConfig | null>>();

/** Forget cached config lookups (call when a config file changes). */
export function invalidateConfigCache(fs: FileSystem): void {
  cache.delete(fs);
}

export function resolveConfig(fs: FileSystem, filePath: string, configFile?: string): ResolvedConfig {
  if (configFile) {
    return (
      readConfigFile(fs, configFile) ?? {
        rules: {},
        exclude: [],
        errors: [`${configFile}: cannot read the config file`],
        source: configFile,
      }
    );
  }
  let perFs = cache.get(fs);
  if (!perFs) cache.set(fs, (perFs = new Map()));
  const visited: string[] = [];
  let found: ResolvedConfig | undefined;
  for (let dir = dirname(filePath); ; dir = dirname(dir)) {
    const cached = perFs.get(dir);
    if (cached !== undefined) {
      found = cached ?? undefined;
      break;
    }
    visited.push(dir);
    const here = configIn(fs, dir);
    if (here) {
      found = here;
      break;
    }
    if (dir === "/" || dirname(dir) === dir) break;
  }
  for (const dir of visited) perFs.set(dir, found ?? null);
  return found ?? { rules: {}, exclude: [], errors: [] };
}

function configIn(fs: FileSystem, dir: string): ResolvedConfig | undefined {
  for (const name of [".hf-rate-guard.json", "pyproject.toml", "package.json"]) {
    const found = readConfigFile(fs, join(dir, name));
    if (found) return found;
  }
  return undefined;
}

/** Reads one config file; undefined when it does not exist or (pyproject/package.json) has no section for us. */
export function readConfigFile(fs: FileSystem, path: string): ResolvedConfig | undefined {
  const text = fs.readFile(path);
  const root = dirname(path);
  if (text === undefined) {
    // There, but refused (a link to /dev/zero, a FIFO, a huge file): said, and defaults apply.
    const problem = fs.problem?.(path);
    return problem
      ? { rules: {}, exclude: [], errors: [`${path}: ${problem}; using defaults`], source: path, root }
      : undefined;
  }
  const base = path.endsWith("pyproject.toml")
    ? "[tool.hf-rate-guard]"
    : path.endsWith("package.json")
      ? '"hfRateGuard"'
      : "";
  let raw: unknown;
  try {
    if (path.endsWith(".toml")) {
      const tool = (parseToml(text) as Record<string, unknown>).tool as Record<string, unknown> | undefined;
      raw = tool?.["hf-rate-guard"];
    } else {
      const json = JSON.parse(text.replace(/^\uFEFF/, ""));
      raw = path.endsWith("package.json") ? json?.hfRateGuard : json;
    }
  } catch (err) {
    // A broken package.json/pyproject that may not even be ours: only .hf-rate-guard.json is surely meant for us.
    const message = `${path}: invalid ${path.endsWith(".toml") ? "TOML" : "JSON"} (${(err as Error).message.split("\n")[0]}); using defaults`;
    if (base && !text.includes(base.replace(/[[\]"]/g, ""))) return undefined;
    return { rules: {}, exclude: [], errors: [message], source: path, root };
  }
  if (raw === undefined) return base ? undefined : { rules: {}, exclude: [], errors: [], source: path, root };
  const { config, errors } = validateConfig(raw, base ? `${path} ${base}` : path);
  return { ...config, errors, source: path, root };
}

function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

function join(dir: string, name: string): string {
  return dir === "/" ? `/${name}` : `${dir}/${name}`;
}

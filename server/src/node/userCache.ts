// Folders the CLI keeps things in outside any workspace: the user's cache folder, and making a folder safely.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** `name` under the user's cache folder (XDG_CACHE_HOME, else ~/.cache), in hf-rate-guard's own folder. */
export function userCachePath(name: string): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "hf-rate-guard", name);
}

/**
 * mkdir -p without `{ recursive: true }`: on a path the kernel refuses with ENOENT although its parent exists
 * (under /proc, say), node's recursive mkdir retries forever. Here each missing level is made once, or it throws.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) fs.mkdirSync(d);
}

// Where tests find the repository, its bundles and fixtures.
import path from "node:path";
import fs from "node:fs";

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, "package.json")) || !fs.existsSync(path.join(dir, "server"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error("repository root not found");
    dir = up;
  }
  return dir;
}

export const ROOT = findRoot(__dirname);
/** Bundles; HFRG_DIST lets parallel work build into a private folder. */
export const DIST = process.env.HFRG_DIST ? path.resolve(process.env.HFRG_DIST) : path.join(ROOT, "dist");
export const FIXTURES = path.join(ROOT, "test", "fixtures");
export const CLI = path.join(DIST, "cli.js");
export const SERVER = path.join(DIST, "server.js");

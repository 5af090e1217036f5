// The CLI's model cache on disk: one JSON file in `.hf-rate-guard-cache/` (next to a `.gitignore` of `*`, so it
// never shows up in git). Entries are keyed by path and checked against a hash of the text and versions; the whole
// file is thrown away when the analyzer build changes. Any trouble reading or writing it only costs speed.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ModelCache, ModelCacheKey } from "../analysis/modelCache";
import type { FileModel } from "../analysis/model";

interface Stored {
  build: string;
  entries: Record<string, { hash: string; model: FileModel }>;
}

/** Entries kept at most: a cache must not grow without bound in a monorepo. */
const MAX_ENTRIES = 50_000;

export class DiskModelCache implements ModelCache {
  private readonly file: string;
  private entries: Stored["entries"] = {};
  private dirty = false;
  hits = 0;
  misses = 0;

  constructor(private readonly dir: string, private readonly build: string) {
    this.file = path.join(dir, "models.json");
    try {
      const stored = JSON.parse(fs.readFileSync(this.file, "utf8")) as Stored;
      if (stored && stored.build === build && stored.entries && typeof stored.entries === "object") this.entries = stored.entries;
    } catch {
      // Missing, unreadable or corrupt: start empty.
    }
  }

  get(key: ModelCacheKey): FileModel | undefined {
    const entry = this.entries[key.path];
    if (entry && entry.hash === hashOf(key)) {
      this.hits++;
      return entry.model;
    }
    this.misses++;
    return undefined;
  }

  set(key: ModelCacheKey, model: FileModel): void {
    this.entries[key.path] = { hash: hashOf(key), model };
    this.dirty = true;
  }

  /** Writes the cache if anything changed (atomically: a crash never leaves a half-written file). */
  save(): void {
    if (!this.dirty) return;
    try {
      ensureDir(this.dir);
      const ignore = path.join(this.dir, ".gitignore");
      if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, "# Created by hf-rate-guard: a cache, never commit it.\n*\n");
      const paths = Object.keys(this.entries);
      if (paths.length > MAX_ENTRIES) for (const p of paths.slice(0, paths.length - MAX_ENTRIES)) delete this.entries[p];
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ build: this.build, entries: this.entries } satisfies Stored));
      fs.renameSync(tmp, this.file);
      this.dirty = false;
    } catch {
      // A read-only checkout or a full disk: the next run is simply not faster.
    }
  }
}

/**
 * mkdir -p without `{ recursive: true }`: on a path the kernel refuses with ENOENT although its parent exists
 * (under /proc, say), node's recursive mkdir retries forever. Here each missing level is made once, or it throws.
 */
function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) fs.mkdirSync(d);
}

function hashOf(key: ModelCacheKey): string {
  return createHash("sha1").update(JSON.stringify(key.versions)).update("\0").update(key.text).digest("base64");
}

// The CLI's model cache on disk: one JSON file in `.hf-rate-guard-cache/` (next to a `.gitignore` of `*`, so it
// never shows up in git). Entries are keyed by path and checked against a hash of the text and versions; the whole
// file is thrown away when the analyzer build changes. Any trouble reading or writing it only costs speed.
//
// A cache is trusted only when this machine wrote it: the file starts with an HMAC of its contents under a key
// kept in the user's cache folder (never in the workspace). A cache committed to a repository, copied from
// another machine or edited by hand fails the check and is ignored, so it can never hide findings in CI; the
// same check catches a damaged file.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ModelCache, ModelCacheKey } from "../analysis/modelCache";
import type { FileModel } from "../analysis/model";
import { readRegularFile } from "./readRegular";
import { ensureDir, userCachePath } from "./userCache";

interface Stored {
  build: string;
  /** Per path, a hash of the text and the model of that text (with the package versions it was computed under). */
  entries: Record<string, { hash: string; versions?: string; model?: FileModel }>;
  /**
   * The files the prefilter found hold nothing worth parsing, as `path, hash` pairs in one flat list: most files of
   * a workspace, and a list of strings reads far faster than as many objects (the cache is read on every run).
   */
  inert?: string[];
}

/** Entries kept at most: a cache must not grow without bound in a monorepo. */
const MAX_ENTRIES = 50_000;
/** Far above what MAX_ENTRIES entries take. */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

export class DiskModelCache implements ModelCache {
  private readonly file: string;
  private entries: Stored["entries"] = {};
  /** The stored inert list, read into `inert` when first asked. */
  private storedInert: unknown = [];
  private inertByPath?: Map<string, string>;
  private dirty = false;
  hits = 0;
  misses = 0;
  /** Files whose prefilter verdict ("nothing to parse") was reused. */
  inertHits = 0;

  /** Why the stored cache was not used (verbose output), when there was one. */
  ignored?: string;
  private readonly key: Buffer | undefined;

  /** `keyFile` holds this machine's secret (created on first use); tests point it elsewhere. */
  constructor(
    private readonly dir: string,
    private readonly build: string,
    keyFile = defaultKeyFile(),
  ) {
    this.file = path.join(dir, "models.json");
    this.key = machineKey(keyFile);
    if (!this.key) {
      this.ignored = `no cache: cannot keep this machine's cache key in ${keyFile}`;
      return;
    }
    // The cache folder is in the workspace, so it gets the same care as any file the workspace names.
    const read = readRegularFile(this.file, MAX_CACHE_BYTES);
    if ("missing" in read) return;
    if ("problem" in read) {
      this.ignored = `ignored ${this.file}: ${read.problem}`;
      return;
    }
    const text = read.text;
    const cut = text.indexOf("\n");
    const body = text.slice(cut + 1);
    if (cut < 0 || text.slice(0, cut) !== sign(this.key, body)) {
      this.ignored = `ignored ${this.file}: not written by hf-rate-guard on this machine, or changed since`;
      return;
    }
    try {
      const stored = JSON.parse(body) as Stored;
      if (stored && stored.build === build && stored.entries && typeof stored.entries === "object") {
        this.entries = stored.entries;
        this.storedInert = stored.inert;
      }
    } catch {
      // Signed yet unreadable: cannot happen short of a bug; start empty.
    }
  }

  get(key: ModelCacheKey): FileModel | undefined {
    const entry = this.entry(key.path, key.text);
    if (entry?.versions === versionsKey(key.versions) && looksLikeModel(entry.model)) {
      this.hits++;
      return entry.model;
    }
    this.misses++;
    return undefined;
  }

  set(key: ModelCacheKey, model: FileModel): void {
    this.entries[key.path] = { hash: this.hashOf(key.path, key.text), versions: versionsKey(key.versions), model };
    this.inert().delete(key.path);
    this.dirty = true;
  }

  /** Worth parsing when a model was kept for this text (under whatever versions), not when it was found inert. */
  screened(path: string, text: string): boolean | undefined {
    const inert = this.inert().get(path);
    if (inert !== undefined && inert === this.hashOf(path, text)) {
      this.inertHits++;
      return false;
    }
    return this.entry(path, text)?.model ? true : undefined;
  }

  setInert(path: string, text: string): void {
    this.inert().set(path, this.hashOf(path, text));
    delete this.entries[path];
    this.dirty = true;
  }

  private inert(): Map<string, string> {
    if (this.inertByPath) return this.inertByPath;
    const map = (this.inertByPath = new Map<string, string>());
    const list = this.storedInert;
    this.storedInert = undefined;
    // A damaged list (signed here, so only a bug) is dropped where it stops being pairs of strings.
    if (Array.isArray(list))
      for (let i = 0; i + 1 < list.length; i += 2) {
        const [p, hash] = [list[i], list[i + 1]];
        if (typeof p !== "string" || typeof hash !== "string") break;
        map.set(p, hash);
      }
    return map;
  }

  /** The entry kept for this text of `path`, if any. */
  private entry(path: string, text: string): Stored["entries"][string] | undefined {
    const entry = Object.hasOwn(this.entries, path) ? this.entries[path] : undefined;
    return entry && entry.hash === this.hashOf(path, text) ? entry : undefined;
  }

  /**
   * The last text hashed: a file is screened, then (worth parsing) looked up, then perhaps stored, all with the
   * same text, which is hashed once.
   */
  private last?: { path: string; text: string; hash: string };

  private hashOf(path: string, text: string): string {
    const last = this.last;
    if (last?.path === path && last.text === text) return last.hash;
    const hash = crypto.hash("sha1", text, "base64");
    this.last = { path, text, hash };
    return hash;
  }

  /** Writes the cache if anything changed (atomically: a crash never leaves a half-written file). */
  save(): void {
    if (!this.dirty || !this.key) return;
    try {
      ensureDir(this.dir);
      const ignore = path.join(this.dir, ".gitignore");
      if (!fs.existsSync(ignore))
        fs.writeFileSync(ignore, "# Created by hf-rate-guard: a cache, never commit it.\n*\n");
      // Oldest first, inert verdicts before models (a model costs a parse to make again, a verdict a prefilter run).
      const inert = this.inert();
      const paths = Object.keys(this.entries);
      for (const p of inert.keys()) {
        if (inert.size + paths.length <= MAX_ENTRIES) break;
        inert.delete(p);
      }
      if (paths.length > MAX_ENTRIES)
        for (const p of paths.slice(0, paths.length - MAX_ENTRIES)) delete this.entries[p];
      const pairs: string[] = [];
      for (const [p, hash] of inert) pairs.push(p, hash);
      const tmp = `${this.file}.${process.pid}.tmp`;
      const body = JSON.stringify({ build: this.build, entries: this.entries, inert: pairs } satisfies Stored);
      fs.writeFileSync(tmp, `${sign(this.key, body)}\n${body}`);
      fs.renameSync(tmp, this.file);
      this.dirty = false;
    } catch {
      // A read-only checkout or a full disk: the next run is simply not faster.
    }
  }
}

/** The versions a model was computed under, as stored (a model depends on them as well as the text). */
function versionsKey(versions: ModelCacheKey["versions"]): string {
  return JSON.stringify(versions);
}

/** In the user's cache folder, outside any workspace. */
function defaultKeyFile(): string {
  return userCachePath("cache-key");
}

/** This machine's secret for signing caches, made on first use; undefined when it can be neither read nor made. */
function machineKey(file: string): Buffer | undefined {
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (/^[0-9a-f]{64}$/.test(existing)) return Buffer.from(existing, "hex");
  } catch {
    // Not made yet.
  }
  try {
    ensureDir(path.dirname(file));
    const made = crypto.randomBytes(32);
    // Written aside and renamed: two runs at once both end up with one valid key (the later one wins, and the
    // earlier run's cache is then simply not reused).
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, made.toString("hex") + "\n", { mode: 0o600 });
    fs.renameSync(tmp, file);
    return made;
  } catch {
    return undefined;
  }
}

function sign(key: Buffer, body: string): string {
  return "hmac-sha256:" + crypto.createHmac("sha256", key).update(body).digest("hex");
}

/** The fields every model has, as arrays and objects: a damaged entry costs a re-analysis, never a crash. */
function looksLikeModel(model: unknown): model is FileModel {
  if (typeof model !== "object" || model === null) return false;
  const m = model as Record<string, unknown>;
  return (
    (m.language === "python" || m.language === "js") &&
    Array.isArray(m.calls) &&
    Array.isArray(m.clients) &&
    Array.isArray(m.retries) &&
    Array.isArray(m.billToEvidence) &&
    typeof m.exports === "object" &&
    m.exports !== null &&
    typeof (m.exports as Record<string, unknown>).retryHelpers === "object"
  );
}

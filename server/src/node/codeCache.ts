// Loading a large CommonJS bundle from V8's code cache.
//
// Before the CLI does anything, node compiles its 4 MB bundle (about a quarter of a second), and then every function
// the scan calls is compiled again on its first call: on a cold scan of a real workspace, a few hundred ms of the
// main thread's CPU, on every run. V8 can hand back what it compiled (`vm.Script#createCachedData`) and take it at
// the next start (`cachedData`), which skips both. Node 20 has no `module.enableCompileCache`, so the bundle is
// compiled here, through `vm.Script`, with the wrapper node itself would put around it.
//
// The cache lives in the user's cache folder, never in a workspace, in a file named for the bundle's content, the
// node version and the architecture: a rebuilt bundle never meets bytecode compiled from another text. Anything
// wrong with it (unreadable, unwritable, damaged, refused by V8) costs only speed: the bundle is then compiled from
// its source, as without a cache.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import * as zlib from "node:zlib";
import { ensureDir, userCachePath } from "./userCache";

export interface CodeCacheOptions {
  /** The folder holding the cache files; default: the user's cache folder (see `defaultCodeCacheDir`). */
  dir?: string;
  /**
   * Called at exit, before the cache is made: puts back V8 flags the program changed while it ran. V8 stamps the
   * flags in force into the cache and refuses a cache made under other flags, and the next start runs with the
   * defaults. A cache is written only when the flags are back as they were at load.
   */
  restoreFlags?: () => void;
}

/** First bytes of a cache file; the CRC-32 of the rest follows (V8 checks only the header of what it is given). */
const MAGIC = Buffer.from("HFRG-V8CACHE-1\n\0");

/** node's own CommonJS wrapper, on a line of its own so that line numbers stay those of the bundle. */
const WRAPPER_HEAD = "(function (exports, require, module, __filename, __dirname) {\n";

/** In the user's cache folder, outside any workspace, beside the model cache's key. */
function defaultCodeCacheDir(): string {
  return userCachePath("code-cache");
}

/**
 * Runs the CommonJS bundle `file` as `require` would and returns its exports, compiled from the code cache when
 * there is a valid one. At exit, a cache is written when none was used (or V8 refused it): it holds what the run
 * compiled, which is most of the bundle even for `--version` (the bundle's modules all run at load).
 */
export function requireCached(file: string, options: CodeCacheOptions = {}): unknown {
  const source = fs.readFileSync(file);
  const name = path.basename(file, ".js");
  let cacheFile: string | undefined;
  try {
    // HFRG_CODE_CACHE=off compiles from source, as node's own require would (to rule the cache out, or to measure).
    if (process.env.HFRG_CODE_CACHE !== "off")
      cacheFile = path.join(
        options.dir ?? defaultCodeCacheDir(),
        `${name}-${createHash("sha1").update(source).digest("hex").slice(0, 16)}-${process.version}-${process.arch}.bin`,
      );
  } catch {
    // No home folder to put a cache in: compiled from source, as without a cache.
  }
  const cachedData = cacheFile ? readCache(cacheFile) : undefined;
  const script = new vm.Script(WRAPPER_HEAD + source.toString("utf8") + "\n})", {
    filename: file,
    lineOffset: -1,
    cachedData,
  });
  // Written at exit when none was given or V8 refused it (a used cache is never written again).
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    const flagsAtLoad = flagStamp();
    // V8 drops the bytecode of functions unused for a while (after some full collections): at the end of a long
    // scan, the cache would lack everything that ran at start (loading the bundle's modules), most of what it saves
    // (measured on the real workspace: 17% of the main thread's CPU with them, 4% without). This run, which writes
    // the cache, keeps them; the flag is put back before the cache is stamped.
    setFlag("--no-flush-bytecode");
    process.on("exit", () =>
      writeCache(script, cacheFile!, name, flagsAtLoad, () => {
        setFlag("--flush-bytecode");
        options.restoreFlags?.();
      }),
    );
  }
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return module.exports;
}

/** The cache's bytes when the file is there and whole; undefined otherwise. */
function readCache(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const head = MAGIC.length + 4;
  if (bytes.length <= head || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = bytes.subarray(head);
  return zlib.crc32(data) === bytes.readUInt32LE(MAGIC.length) ? data : undefined;
}

/**
 * Two scripts of the same length: V8 checks a cache against its script's length, not its text, so the cache of the
 * first, made at load, is taken for the second exactly when the flags in force are those of the load. (The second
 * is a different text so that V8's in-memory compilation cache cannot answer instead of the code cache.)
 */
const FLAG_PROBES = ["void 'flag probe 0'", "void 'flag probe 1'"];

/** V8's stamp of the flags in force (the cache of a tiny script). */
function flagStamp(): Buffer {
  return new vm.Script(FLAG_PROBES[0]).createCachedData();
}

/** Whether the flags in force are those `stamp` was made under, as V8 itself decides for a cache. */
function sameFlags(stamp: Buffer): boolean {
  return !new vm.Script(FLAG_PROBES[1], { cachedData: stamp }).cachedDataRejected;
}

function writeCache(
  script: vm.Script,
  file: string,
  name: string,
  flagsAtLoad: Buffer,
  restoreFlags: (() => void) | undefined,
): boolean {
  try {
    restoreFlags?.();
    // A cache stamped with other flags than the next start's would be refused every time: none is better.
    if (!sameFlags(flagsAtLoad)) return false;
    const data = script.createCachedData();
    const head = Buffer.alloc(MAGIC.length + 4);
    MAGIC.copy(head);
    head.writeUInt32LE(zlib.crc32(data), MAGIC.length);
    const dir = path.dirname(file);
    ensureDir(dir);
    // Written aside and renamed: a run starting meanwhile reads the old file or the new one, never half of one.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.concat([head, data]));
    fs.renameSync(tmp, file);
    // Caches of earlier builds of this bundle are never read again.
    for (const other of fs.readdirSync(dir)) {
      if (other.startsWith(`${name}-`) && other.endsWith(".bin") && path.join(dir, other) !== file) {
        fs.rmSync(path.join(dir, other), { force: true });
      }
    }
    return true;
  } catch {
    // A read-only home or a full disk: the next run compiles from source, as without a cache.
    return false;
  }
}

function setFlag(flag: string): void {
  try {
    v8.setFlagsFromString(flag);
  } catch {
    // Only speed is at stake.
  }
}

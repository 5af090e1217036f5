// The FileSystem the CLI and the language server give the core: the disk, read as UTF-8 with any BOM removed
// (the fix writer restores it). Only regular files are read, up to a size cap (readRegular.ts); a file that is
// missing, unreadable or refused is absent to the core, and `problem` says why it was refused.
import * as fs from "node:fs";
import * as path from "node:path";
import type { FileSystem } from "../analysis/fileSystem";
import { readRegularFile } from "./readRegular";

export interface DiskOptions {
  /**
   * Remember each folder's listing, so probing for config and manifest files that do not exist costs no system
   * call. Only for one-shot runs (the CLI): a long-lived server must see files created after it started.
   */
  cacheListings?: boolean;
  /** Files larger than this are not read (default MAX_READ_BYTES). */
  maxBytes?: number;
}

export class DiskFileSystem implements FileSystem {
  private readonly listings = new Map<string, Set<string> | null>();
  /** Files that exist but were refused, with the reason; only those, so it stays small. */
  private readonly problems = new Map<string, string>();

  constructor(private readonly options: DiskOptions = {}) {}

  /** A folder's entries already read by someone else (the CLI's walk), when listings are cached. */
  know(dir: string, names: string[]): void {
    if (this.options.cacheListings && !this.listings.has(dir)) this.listings.set(dir, new Set(names));
  }

  readFile(file: string): string | undefined {
    if (this.options.cacheListings && !this.listed(file)) return undefined;
    const read = readRegularFile(file, this.options.maxBytes);
    if ("text" in read) {
      if (this.problems.size) this.problems.delete(file);
      return read.text.replace(/^\uFEFF/, "");
    }
    if ("problem" in read) this.problems.set(file, read.problem);
    return undefined;
  }

  /** Why an existing file could not be read (not a regular file, too large, no permission), if it could not. */
  problem(file: string): string | undefined {
    return this.problems.get(file);
  }

  private listed(file: string): boolean {
    // Called once per file of a workspace scan: slicing at the last separator is much cheaper than path.dirname.
    const cut = Math.max(file.lastIndexOf("/"), file.lastIndexOf(path.sep));
    if (cut < 0) return true;
    const dir = file.slice(0, cut) || "/";
    let names = this.listings.get(dir);
    if (names === undefined) {
      try {
        names = new Set(fs.readdirSync(dir));
      } catch {
        names = null;
      }
      this.listings.set(dir, names);
    }
    return names !== null && names.has(file.slice(cut + 1));
  }
}

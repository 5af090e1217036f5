// The FileSystem the CLI and the language server give the core: the disk, read as UTF-8 with any BOM removed
// (the fix writer restores it). Unreadable or missing files are simply absent.
import * as fs from "node:fs";
import * as path from "node:path";
import type { FileSystem } from "../analysis/fileSystem";

export interface DiskOptions {
  /**
   * Remember each folder's listing, so probing for config and manifest files that do not exist costs no system
   * call. Only for one-shot runs (the CLI): a long-lived server must see files created after it started.
   */
  cacheListings?: boolean;
}

export class DiskFileSystem implements FileSystem {
  private readonly listings = new Map<string, Set<string> | null>();

  constructor(private readonly options: DiskOptions = {}) {}

  /** A folder's entries already read by someone else (the CLI's walk), when listings are cached. */
  know(dir: string, names: string[]): void {
    if (this.options.cacheListings && !this.listings.has(dir)) this.listings.set(dir, new Set(names));
  }

  readFile(file: string): string | undefined {
    if (this.options.cacheListings && !this.listed(file)) return undefined;
    try {
      return fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    } catch {
      return undefined;
    }
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

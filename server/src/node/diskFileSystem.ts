// The FileSystem the CLI and the language server give the core: the disk, read as UTF-8 with any BOM removed
// (the fix writer restores it). Unreadable or missing files are simply absent.
import * as fs from "node:fs";
import type { FileSystem } from "../analysis/fileSystem";

export class DiskFileSystem implements FileSystem {
  readFile(path: string): string | undefined {
    try {
      return fs.readFileSync(path, "utf8").replace(/^\uFEFF/, "");
    } catch {
      return undefined;
    }
  }
}

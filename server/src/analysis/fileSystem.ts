// The only door the analysis core has to the outside world. The CLI passes a disk-backed implementation,
// the language server one that prefers open documents, and tests an in-memory one.

export interface FileSystem {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** Why an existing file was refused (not a regular file, too large, unreadable), when `readFile` gave nothing. */
  problem?(path: string): string | undefined;
}

/** An in-memory file system, for tests and for overlaying open editor buffers. */
export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, string>();
  constructor(
    files: Record<string, string> = {},
    private readonly fallback?: FileSystem,
  ) {
    for (const [path, text] of Object.entries(files)) this.files.set(path, text);
  }
  set(path: string, text: string): void {
    this.files.set(path, text);
  }
  delete(path: string): void {
    this.files.delete(path);
  }
  readFile(path: string): string | undefined {
    return this.files.get(path) ?? this.fallback?.readFile(path);
  }
  problem(path: string): string | undefined {
    return this.files.has(path) ? undefined : this.fallback?.problem?.(path);
  }
}

// The workspace beyond open documents: every analysable file of the workspace folders is read at start (cross-file
// helpers and bill-to evidence need them) and kept in the analyzer; WorkspaceProblems reports their problems.
import type { TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Analyzer } from "../analysis/analyzer";
import { collectFiles } from "../cli/walk";
import { HeapGovernor } from "./memory";
import { pathToUri, uriToPath } from "./uris";

export class WorkspaceIndex {
  private folders: string[] = [];
  /**
   * Reading a large workspace makes a syntax tree's worth of garbage per file, and the connection's own check
   * runs only between messages: the real workspace's Check Workspace peaked at 287 MB without this one, and at
   * 210 MB with the connection's 48 MB budget (196 MB with this one's 32 MB).
   */
  private readonly heap = new HeapGovernor(32 * 1024 * 1024);
  private indexed!: () => void;
  /** Settles once the first folder list has been indexed: a Check Workspace sent right after start waits for it. */
  private indexing = new Promise<void>((resolve) => (this.indexed = resolve));

  constructor(
    private readonly analyzer: Analyzer,
    private readonly documents: TextDocuments<TextDocument>,
    /** Called after each indexing: every result may have changed. */
    private readonly onIndexed: () => void,
  ) {}

  whenIndexed(): Promise<void> {
    return this.indexing;
  }

  /** Reads every analysable file in the folders, yielding between files so requests are answered meanwhile. */
  indexFolders(uris: string[]): void {
    const folders = uris.filter((u) => u.startsWith("file:")).map((u) => uriToPath(u));
    // Files of folders that left the workspace stop counting as cross-file facts (open documents stay).
    const removed = this.folders.filter((f) => !folders.includes(f));
    for (const path of this.analyzer.paths()) {
      if (removed.some((f) => path.startsWith(f + "/")) && !this.documents.get(pathToUri(path)))
        this.analyzer.removeFile(path);
    }
    this.folders = folders;
    this.analyzer.setRoots(this.folders);
    this.indexing = (async () => {
      const { files } = collectFiles(this.folders);
      for (const [i, file] of files.entries()) {
        if (!this.documents.get(pathToUri(file))) this.analyzer.setFile(file.split("\\").join("/"));
        this.heap.check();
        if (i % 20 === 19) await new Promise((r) => setImmediate(r));
      }
      this.onIndexed();
    })();
    void this.indexing.then(this.indexed);
  }

  /** Reads the folders again from disk (files changed without a watcher seeing it); returns the files found. */
  rescan(): string[] {
    const files = collectFiles(this.folders).files.map((f) => f.split("\\").join("/"));
    for (const path of files) {
      if (!this.documents.get(pathToUri(path))) this.analyzer.setFile(path);
      this.heap.check();
    }
    return files;
  }

  /** The analyzer's files that belong to a workspace folder (open documents outside every folder are not). */
  workspacePaths(): string[] {
    return this.analyzer.paths().filter((p) => this.folders.some((f) => p.startsWith(f + "/")));
  }
}

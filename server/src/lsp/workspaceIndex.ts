// The workspace beyond open documents: indexed at start (cross-file helpers and bill-to evidence need it), and
// checked on demand with a progress bar, results published so they appear in Problems.
import type { Connection, TextDocuments } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Analyzer } from "../analysis/analyzer";
import { collectFiles } from "../cli/walk";
import { toLsp } from "./convert";
import type { DiagnosticsEngine } from "./diagnostics";
import { overridesOf, type SettingsStore } from "./settings";
import { pathToUri, uriToPath } from "./uris";

export class WorkspaceIndex {
  private folders: string[] = [];
  private indexed!: () => void;
  /** Settles once the first folder list has been indexed: a Check Workspace sent right after start waits for it. */
  private indexing = new Promise<void>((resolve) => (this.indexed = resolve));

  constructor(
    private readonly connection: Connection,
    private readonly analyzer: Analyzer,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly engine: DiagnosticsEngine,
    private readonly settings: SettingsStore,
  ) {}

  /** Reads every analysable file in the folders, yielding between files so requests are answered meanwhile. */
  indexFolders(uris: string[]): void {
    const folders = uris.filter((u) => u.startsWith("file:")).map((u) => uriToPath(u));
    // Files of folders that left the workspace stop counting as cross-file facts (open documents stay).
    const removed = this.folders.filter((f) => !folders.includes(f));
    for (const path of this.analyzer.paths()) {
      if (removed.some((f) => path.startsWith(f + "/")) && !this.documents.get(pathToUri(path))) this.analyzer.removeFile(path);
    }
    this.folders = folders;
    this.analyzer.setRoots(this.folders);
    this.indexing = (async () => {
      const { files } = collectFiles(this.folders);
      for (const [i, file] of files.entries()) {
        if (!this.documents.get(pathToUri(file))) this.analyzer.setFile(file.split("\\").join("/"));
        if (i % 20 === 19) await new Promise((r) => setImmediate(r));
      }
      this.engine.refreshAll();
    })();
    void this.indexing.then(this.indexed);
  }

  async checkWorkspace(): Promise<{ files: number; problems: number }> {
    await this.indexing;
    const progress = await this.connection.window.createWorkDoneProgress();
    const { files } = collectFiles(this.folders);
    progress.begin("HF Rate Guard: checking the workspace", 0, `${files.length} files`, true);
    let problems = 0;
    for (const [i, file] of files.entries()) {
      if (progress.token.isCancellationRequested) break;
      const path = file.split("\\").join("/");
      const uri = pathToUri(path);
      if (!this.documents.get(uri)) this.analyzer.setFile(path);
      // The same settings as the editor uses for the file, asked once per folder (multi-root: per folder).
      const settings = await this.settings.get(this.documents.get(uri) ? uri : pathToUri(this.analyzer.rootOf(path) || path));
      const diagnostics = settings.enable
        ? this.analyzer.check(path, overridesOf(settings), { fixes: false }).diagnostics.filter((d) => d.cell === undefined).map((d) => toLsp(d, this.documents.get(uri)?.version ?? 0))
        : [];
      problems += diagnostics.length;
      await this.connection.sendDiagnostics({ uri, diagnostics });
      if (i % 10 === 0) {
        progress.report(Math.round((100 * i) / Math.max(1, files.length)), path.split("/").pop() ?? path);
        await new Promise((r) => setImmediate(r));
      }
    }
    progress.done();
    return { files: files.length, problems };
  }

}

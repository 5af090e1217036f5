// The problems of files that are not open, with one owner per URI so nothing is doubled or left stale:
// - an open document's diagnostics come from DiagnosticsEngine (pulled, or pushed for clients that cannot pull);
// - every other workspace file's come from here: the `workspace/diagnostic` report once the client has asked for
//   one (VS Code does at start), else a push from the index. When a document opens, what was pushed here for it
//   is cleared; when it closes, the file comes back here.
// Results are recomputed after anything that can change them (debounced) and sent only when they differ from what
// the client has (result ids). A workspace pull that would return nothing new is held open until something
// changes: VS Code asks again 2 s after each answer, and answering "unchanged" every 2 s would cost a full check.
import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type NotebookDocuments,
  type TextDocuments,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Analyzer } from "../analysis/analyzer";
import { toLsp } from "./convert";
import type { DiagnosticsEngine } from "./diagnostics";
import { overridesOf, type SettingsStore } from "./settings";
import { pathToUri } from "./uris";
import type { WorkspaceIndex } from "./workspaceIndex";

/** Quiet time after a change before the workspace is re-checked; typing waits longer than a save or a setting. */
const DEBOUNCE_MS = { change: 800, other: 100 };

interface FileProblems {
  resultId: string;
  items: LspDiagnostic[];
  /** The items as JSON: an unchanged file keeps its result id, so the client is not sent it again. */
  json: string;
}

export class WorkspaceProblems {
  /** Result ids from an earlier server process must never match ours. */
  private readonly instance = Math.random().toString(36).slice(2, 8);
  private counter = 0;
  private readonly gone = `${this.instance}:none`;
  private results = new Map<string, FileProblems>();
  private stale = true;
  /** Runs of `compute`, one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private waiters: (() => void)[] = [];
  /** The client pulls workspace diagnostics: from then on it owns what we have, and nothing is pushed. */
  private reporting = false;
  private readonly pushed = new Map<string, string>();
  /** Check Workspace ran: every file is reported even under `diagnosticMode: openFilesOnly`, until settings change. */
  private everything = false;

  constructor(
    private readonly connection: Connection,
    private readonly analyzer: Analyzer,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly notebooks: NotebookDocuments<TextDocument>,
    private readonly engine: DiagnosticsEngine,
    private readonly settings: SettingsStore,
    private readonly index: WorkspaceIndex,
    private readonly pullsDocuments: () => boolean,
  ) {}

  /** Something that can change results happened: re-check once it is quiet. */
  invalidate(reason: "change" | "other" = "other"): void {
    this.stale = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, DEBOUNCE_MS[reason]);
  }

  /** Settings changed: a `diagnosticMode` of openFilesOnly applies again. */
  settingsChanged(): void {
    this.everything = false;
    this.invalidate();
  }

  private async flush(): Promise<void> {
    if (this.reporting) {
      this.wake();
      return;
    }
    await this.update();
    await this.push();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Brings `results` up to date, one run at a time. */
  private update(progress?: (done: number, total: number, path: string) => Promise<boolean>): Promise<void> {
    const run = async (): Promise<void> => {
      while (this.stale || progress) {
        this.stale = false;
        const cancelled = await this.compute(progress);
        progress = undefined;
        if (cancelled) break;
      }
    };
    const next = this.queue.then(run);
    this.queue = next.catch((err: Error) => this.connection.console.error(`workspace check failed: ${err.message}`));
    return next;
  }

  /** Checks every workspace file that is not open; true when the progress callback cancelled it. */
  private async compute(progress?: (done: number, total: number, path: string) => Promise<boolean>): Promise<boolean> {
    await this.index.whenIndexed();
    // Cross-file facts (retry helpers, bill-to evidence) must come from what the editor shows, not the disk.
    this.engine.syncOpen();
    const paths = this.index.workspacePaths();
    const next = new Map<string, FileProblems>();
    for (const [i, path] of paths.entries()) {
      const uri = pathToUri(path);
      if (progress && (await progress(i, paths.length, path))) return true;
      else if (i % 20 === 19) await new Promise((r) => setImmediate(r));
      if (this.isOpen(uri) || !this.analyzer.hasFile(path)) continue;
      const settings = await this.settings.get(pathToUri(this.analyzer.rootOf(path) || path));
      if (settings.diagnosticMode === "openFilesOnly" && !this.everything) continue;
      const items = settings.enable
        ? this.analyzer
            .check(path, overridesOf(settings), { fixes: false })
            .diagnostics.filter((d) => d.cell === undefined)
            .map((d) => toLsp(d, 0, uri))
        : [];
      const json = JSON.stringify(items);
      const before = this.results.get(uri);
      next.set(
        uri,
        before && before.json === json ? before : { resultId: `${this.instance}:${++this.counter}`, items, json },
      );
    }
    this.results = next;
    return false;
  }

  private isOpen(uri: string): boolean {
    return this.documents.get(uri) !== undefined || this.notebooks.getNotebookDocument(uri) !== undefined;
  }

  /** Clients that do not pull workspace diagnostics get closed files' problems pushed, only when they changed. */
  private async push(): Promise<void> {
    if (this.reporting) return;
    for (const [uri, r] of this.results) {
      if (this.pushed.get(uri) === r.resultId) continue;
      // Nothing to say about a file never pushed and without problems.
      if (!this.pushed.has(uri) && r.items.length === 0) continue;
      this.pushed.set(uri, r.resultId);
      await this.connection.sendDiagnostics({ uri, diagnostics: r.items });
    }
    for (const uri of [...this.pushed.keys()]) {
      if (this.results.has(uri)) continue;
      this.pushed.delete(uri);
      // An open document's own diagnostics are the engine's: for a pushing client they are on the same channel.
      if (this.pullsDocuments() || !this.isOpen(uri)) await this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  /** workspace/diagnostic: what changed since the client's result ids, held until there is something. */
  async report(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    if (!this.reporting) {
      this.reporting = true;
      for (const uri of this.pushed.keys()) await this.connection.sendDiagnostics({ uri, diagnostics: [] });
      this.pushed.clear();
    }
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    for (;;) {
      if (this.stale && !this.timer) await this.update();
      if (token.isCancellationRequested) return { items: [] };
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      for (const [uri, r] of this.results) {
        if (previous.get(uri) !== r.resultId)
          items.push({
            kind: DocumentDiagnosticReportKind.Full,
            uri,
            version: null,
            resultId: r.resultId,
            items: r.items,
          });
      }
      // Files reported before that are now open (the document pull owns them), deleted, or out of scope.
      for (const [uri, id] of previous) {
        if (!this.results.has(uri) && id !== this.gone && !this.isOpen(uri))
          items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: this.gone, items: [] });
      }
      if (items.length) return { items };
      let cancelled: { dispose(): void } | undefined;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        cancelled = token.onCancellationRequested(() => resolve());
      });
      cancelled?.dispose();
    }
  }

  /** Check Workspace: every file read again from disk and checked, with a progress bar; counts what was found. */
  async checkAll(): Promise<{ files: number; problems: number }> {
    await this.index.whenIndexed();
    this.everything = true;
    const paths = this.index.rescan();
    const work = await this.connection.window.createWorkDoneProgress();
    work.begin("HF Rate Guard: checking the workspace", 0, `${paths.length} files`, true);
    let cancelled = false;
    await this.update(async (done, total, path) => {
      if (work.token.isCancellationRequested) return (cancelled = true);
      if (done % 10 === 0) {
        work.report(Math.round((100 * done) / Math.max(1, total)), path.split("/").pop() ?? path);
        await new Promise((r) => setImmediate(r));
      }
      return false;
    });
    let problems = 0;
    for (const r of this.results.values()) problems += r.items.length;
    for (const doc of this.documents.all()) {
      if (this.notebooks.findNotebookDocumentForCell(doc.uri)) continue;
      problems += (await this.engine.compute(doc.uri, "pull"))?.length ?? 0;
    }
    work.done();
    if (!cancelled) await this.flush();
    this.engine.refreshAll();
    return { files: paths.length, problems };
  }
}

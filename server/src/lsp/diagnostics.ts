// When and how documents are analysed: debounced on typing (or on save), results for outdated versions dropped,
// pulled (textDocument/diagnostic) or pushed (publishDiagnostics) depending on what the client supports.
// Notebook cells are analysed as their whole notebook and get their own cell's diagnostics.
import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type DocumentDiagnosticReport,
  type NotebookDocuments,
  type Range,
  type TextDocuments,
  type WorkspaceEdit,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { STATUS_NOTIFICATION, type StatusParams } from "../../../shared/src/protocol";
import type { Analyzer } from "../analysis/analyzer";
import type { Diagnostic } from "../analysis/diagnostic";
import type { CallExplanation } from "../analysis/explain";
import { notebookJson } from "../analysis/notebook";
import { changedRegion } from "../analysis/textDiff";
import { LspForms, sameRange, type DiagnosticData } from "./convert";
import { HeldWhileBroken } from "./heldWhileBroken";
import { overridesOf, type SettingsStore } from "./settings";
import type { Settings } from "../../../shared/src/settings";
import { uriToPath } from "./uris";
import { createFiles } from "./createFiles";
import type { WireVersions } from "./wireVersions";

const DEBOUNCE_MS = 120;

export class DiagnosticsEngine {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Last results per document URI, for onSave mode and for pulls that arrive between saves. */
  private readonly last = new Map<string, LspDiagnostic[]>();
  /** The document version the last results were computed for. */
  private readonly lastVersion = new Map<string, number>();
  /** Each core diagnostic's LSP form, made once (see LspForms). */
  private readonly forms = new LspForms();
  /** What the last report said in the statements being typed, held while they are broken (see heldWhileBroken.ts). */
  private readonly held = new HeldWhileBroken();
  /**
   * The last full report pulled for each document and its resultId. A client that pulls again naming that id (as
   * VS Code does) gets an "unchanged" report when the list is the same objects: no 300 KB of JSON for it to read
   * on a keystroke that changed no diagnostic. An id names one list, so the answer is right whichever replies the
   * client kept or dropped.
   */
  private readonly reports = new Map<string, { resultId: string; items: LspDiagnostic[] }>();
  private nextResultId = 1;

  /**
   * Whether a diagnostic a client sends back (with a code action request) is one of the document's current ones:
   * stamped with the document's version, or among the last results when they are for that version (an unchanged
   * diagnostic keeps the version it was first reported in).
   */
  isCurrent(uri: string, version: number, d: LspDiagnostic): boolean {
    const stamp = (d.data as DiagnosticData | undefined)?.version;
    if (stamp === version) return true;
    if (stamp === undefined || this.lastVersion.get(uri) !== version) return false;
    return (this.last.get(uri) ?? []).some(
      (x) => x.code === d.code && (x.data as DiagnosticData).version === stamp && sameRange(x.range, d.range),
    );
  }

  constructor(
    private readonly connection: Connection,
    private readonly analyzer: Analyzer,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly notebooks: NotebookDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly push: () => boolean,
    private readonly wire?: WireVersions,
  ) {}

  /** Analyses run (tests count them: an edit storm costs about one per pull that is not already superseded). */
  analyses = 0;

  pathOfUri(uri: string): string {
    const notebook = this.notebooks.findNotebookDocumentForCell(uri);
    if (notebook) return withIpynb(uriToPath(notebook.uri));
    return uriToPath(uri, this.documents.get(uri)?.languageId);
  }

  pathOf(doc: TextDocument): string {
    return this.pathOfUri(doc.uri);
  }

  /** A document changed: nothing is analysed here (typing never waits); the next pull or the debounced push does. */
  changed(doc: TextDocument, reason: "open" | "change" | "save"): void {
    if (!this.push()) {
      // Pull clients ask when they want; a save in onSave mode must still refresh them.
      if (reason === "save") this.connection.languages.diagnostics.refresh().catch(() => undefined);
      return;
    }
    const existing = this.timers.get(doc.uri);
    if (existing) clearTimeout(existing);
    this.timers.set(
      doc.uri,
      setTimeout(
        () => {
          this.timers.delete(doc.uri);
          void this.publish(doc.uri, reason);
        },
        reason === "change" ? DEBOUNCE_MS : 0,
      ),
    );
  }

  closed(doc: TextDocument): void {
    const t = this.timers.get(doc.uri);
    if (t) clearTimeout(t);
    this.timers.delete(doc.uri);
    this.last.delete(doc.uri);
    this.lastVersion.delete(doc.uri);
    this.reports.delete(doc.uri);
    this.forms.forget(doc.uri);
    this.held.forget(doc.uri);
    if (this.push()) void this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
  }

  /** Every open document's current text into the analyzer: other files' cross-file facts come from it. */
  syncOpen(): void {
    for (const doc of this.documents.all()) this.sync(doc);
  }

  /** Puts the document's current text (or its notebook's) into the analyzer, unless it already has it. */
  private sync(doc: TextDocument): void {
    const notebook = this.notebooks.findNotebookDocumentForCell(doc.uri);
    if (notebook) {
      const cells = notebook.cells.map((cell) => ({
        kind: cell.kind === 2 ? ("code" as const) : ("markdown" as const),
        source: this.documents.get(cell.document)?.getText() ?? "",
      }));
      const path = withIpynb(uriToPath(notebook.uri));
      const json = notebookJson(cells);
      if (this.analyzer.text(path) !== json) this.analyzer.setFile(path, json);
      return;
    }
    const path = this.pathOf(doc);
    const text = doc.getText();
    if (this.analyzer.text(path) !== text) this.analyzer.setFile(path, text);
  }

  /** Diagnostics for a document at its current version, or undefined when it changed meanwhile. */
  async compute(uri: string, reason: "open" | "change" | "save" | "pull"): Promise<LspDiagnostic[] | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return [];
    const version = doc.version;
    const settings = await this.settings.get(uri);
    if (!settings.enable) return [];
    if (settings.run === "onSave" && reason === "change") return this.last.get(uri) ?? [];
    if (settings.run === "onSave" && reason === "pull" && this.last.has(uri)) return this.last.get(uri);
    if (this.documents.get(uri)?.version !== version) return undefined;
    // A pull overtaken by edits already received is answered with the last results: the client pulls again for
    // the newer version (see wireVersions.ts).
    if (reason === "pull" && this.last.has(uri) && this.wire?.newer(uri, version)) return undefined;
    const started = performance.now();
    this.analyses++;
    let diagnostics: Diagnostic[];
    try {
      // Without fixes: code actions compute them for the diagnostics they are asked about (see fixesFor).
      diagnostics = this.analyse(doc, settings, false);
    } catch (err) {
      this.status({ state: "error", message: (err as Error).message, uri });
      this.connection.console.error(`analysis failed for ${uri}: ${(err as Error).message}`);
      return [];
    }
    const result = this.held.report(
      uri,
      doc.getText(),
      this.forms.report(diagnostics, version, uri),
      this.brokenRanges(doc),
    );
    this.last.set(uri, result);
    this.lastVersion.set(uri, version);
    this.status({ state: "ready", lastAnalysisMs: Math.round(performance.now() - started), uri });
    return result;
  }

  /** The statements of a document that hold syntax errors, as the last analysis found them (none in a notebook). */
  private brokenRanges(doc: TextDocument): Range[] {
    if (this.notebooks.findNotebookDocumentForCell(doc.uri)) return [];
    return this.analyzer
      .brokenStatements(this.pathOf(doc))
      .map((s) => ({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) }));
  }

  /** The core's diagnostics for a document (a notebook cell gets its own cell's), with the fixes asked for. */
  private analyse(
    doc: TextDocument,
    settings: Settings,
    fixes: boolean | ((d: Omit<Diagnostic, "fixes">) => boolean),
  ): Diagnostic[] {
    this.sync(doc);
    const diagnostics = this.analyzer.check(this.pathOf(doc), overridesOf(settings), { fixes }).diagnostics;
    const notebook = this.notebooks.findNotebookDocumentForCell(doc.uri);
    if (!notebook) return diagnostics;
    const cellIndex = notebook.cells.findIndex((c) => c.document === doc.uri);
    return diagnostics
      .filter((d) => d.cell === cellIndex)
      .map((d) => ({
        ...d,
        cell: undefined,
        fixes: d.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, cell: undefined })) })),
      }));
  }

  /** What is known about the HF call whose callee is at the position (the hover); none in notebooks. */
  async explain(doc: TextDocument, position: { line: number; character: number }): Promise<CallExplanation[]> {
    if (this.notebooks.findNotebookDocumentForCell(doc.uri)) return [];
    const settings = await this.settings.get(doc.uri);
    if (!settings.enable) return [];
    this.sync(doc);
    return this.analyzer.explain(this.pathOf(doc), position, overridesOf(settings));
  }

  /**
   * The fixes of the given diagnostics of the document's current version, matched by code and range. Computed on
   * request: shipping every fix with every diagnostic would cost each keystroke of a large file milliseconds and
   * a megabyte of JSON.
   */
  async fixesFor(
    doc: TextDocument,
    wanted: { code?: string | number; range: Diagnostic["range"] }[],
  ): Promise<Diagnostic[]> {
    const settings = await this.settings.get(doc.uri);
    if (!settings.enable || wanted.length === 0) return [];
    const asked = (d: Omit<Diagnostic, "fixes">) =>
      wanted.some((w) => w.code === d.code && sameRange(w.range, d.range));
    return this.analyse(doc, settings, asked).filter(asked);
  }

  async pull(uri: string, token: CancellationToken, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    const computed = await this.compute(uri, "pull");
    const items = (token.isCancellationRequested ? undefined : computed) ?? this.last.get(uri) ?? [];
    const sent = this.reports.get(uri);
    if (sent && previousResultId === sent.resultId && sameItems(sent.items, items))
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: sent.resultId };
    const resultId = String(this.nextResultId++);
    this.reports.set(uri, { resultId, items });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  private async publish(uri: string, reason: "open" | "change" | "save"): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const diagnostics = await this.compute(uri, reason);
    // A newer version is on its way: its own analysis will publish.
    if (diagnostics === undefined || this.documents.get(uri)?.version !== doc.version) return;
    await this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  /** After settings, config files or other files changed. */
  refreshAll(): void {
    this.last.clear();
    this.held.forget();
    if (!this.push()) {
      this.connection.languages.diagnostics.refresh().catch(() => undefined);
      return;
    }
    for (const doc of this.documents.all()) void this.publish(doc.uri, "open");
  }

  /** One minimal edit that applies every preferred fix to the document. */
  async fixAllEdit(doc: TextDocument): Promise<WorkspaceEdit | undefined> {
    if (this.notebooks.findNotebookDocumentForCell(doc.uri)) return undefined;
    const settings = await this.settings.get(doc.uri);
    const path = this.pathOf(doc);
    const text = doc.getText();
    this.analyzer.setFile(path, text);
    const result = this.analyzer.fixAll(path, overridesOf(settings));
    this.analyzer.setFile(path, text); // the buffer, not the fixed text, is what the editor has until it applies the edit
    // Likewise a helper module the edit creates exists once the editor applies it (the file watcher reports it).
    for (const f of result.created ?? []) this.analyzer.removeFile(f.path);
    if (!result.changed) return undefined;
    const change = changedRegion(text, result.text);
    return {
      documentChanges: [
        ...createFiles(result.created),
        {
          textDocument: { uri: doc.uri, version: doc.version },
          edits: [
            {
              range: { start: doc.positionAt(change.start), end: doc.positionAt(change.oldEnd) },
              newText: result.text.slice(change.start, change.newEnd),
            },
          ],
        },
      ],
    };
  }

  status(params: StatusParams): void {
    void this.connection.sendNotification(STATUS_NOTIFICATION, params);
  }
}

/** The same diagnostics objects (in any order: a held statement's come after the rest, see heldWhileBroken.ts). */
function sameItems(a: readonly LspDiagnostic[], b: readonly LspDiagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  if (a.every((d, i) => d === b[i])) return true;
  const inA = new Set(a);
  return b.every((d) => inA.has(d));
}

function withIpynb(path: string): string {
  return path.endsWith(".ipynb") ? path : `${path}.ipynb`;
}

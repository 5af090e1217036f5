// The analysis core's entry point. The CLI, the language server and the tests all drive this class the same way:
// set the workspace's files, then ask for one file's diagnostics. Cross-file facts (retry helpers, bill-to
// evidence) come from every file set (of the same root folder, when roots are declared), so results do not depend
// on the order files were added.
import type { RuleCode, RuleSetting, Severity } from "../../../shared/src/rules";
import picomatch from "picomatch";
import { invalidateConfigCache, resolveConfig } from "./config/resolveConfig";
import type { ConfigOverrides, ResolvedConfig } from "./config/types";
import type { Diagnostic, FileResult, RelatedInfo } from "./diagnostic";
import { fileKind, skipReason, type FileKind } from "./fileKinds";
import { mayMatter } from "./prefilter";
import type { FileSystem } from "./fileSystem";
import { fixesFor } from "./fixes/index";
import { fixToFixpoint, type FixAllResult } from "./fixes/fixAll";
import { syntaxProblem } from "./fixes/syntaxGuard";
import { jsModuleText, locateHelperModule, pythonModuleText, type HelperModule } from "./fixes/helperModule";
import { isEsModuleFile } from "./fixes/moduleKind";
import { rangeOf } from "./versions/ranges";
import { analyzeJs } from "./js/index";
import {
  emptyModel,
  type BillToEvidence,
  type FileModel,
  type HfCall,
  type PackageVersions,
  type Protection,
  type Span,
} from "./model";
import { resolveModule } from "./moduleResolution";
import { AliasIndex } from "./tsconfigPaths";
import { isTestFile } from "./testFiles";
import type { ModelCache } from "./modelCache";
import { nestingProblem, type Nesting } from "./nesting";
import { parseNotebook, type NotebookCell } from "./notebook";
import { analyzePython, initPython } from "./python/index";
import { ParserFault } from "./python/parser";
import { ALL_RULES, ruleMeta } from "./rules/index";
import type { Finding, OrgContext } from "./rules/types";
import { callSpan, ModelLinks, placeFinding } from "./rules/where";
import { runRules } from "./rules/run";
import { originsOf } from "./incremental/results";
import { withLinks } from "./rules/createRule";
import { explainCall, type CallExplanation } from "./explain";
import { parseSuppressions, type Suppressions } from "./suppressions";
import { LineIndex } from "./text";
import { detectVersions, invalidateVersionCache } from "./versions/detectVersions";
import { FileState } from "./incremental/fileState";

interface Entry {
  kind: FileKind;
  text: string;
  /** Text the frontends saw (a notebook's joined cells); equals `text` for source files. */
  analysedText: string;
  cells?: NotebookCell[];
  model: FileModel;
  versions: PackageVersions;
  skipped?: string;
  notes: string[];
  /** Line starts and suppression comments of `analysedText`, made on the first check and kept with the text. */
  lines?: LineIndex;
  suppressions?: Suppressions;
  /** What an editor file keeps for its next version (its name tables); dropped with the entry. */
  state?: FileState;
  /** How deeply `analysedText` nests (upper bounds), for the next version's check. */
  nesting?: Nesting;
}

export interface AnalyzerOptions {
  fs: FileSystem;
  /** Folder holding tree-sitter's wasm files; defaults to next to the bundle. */
  wasmDir?: string;
  maxBytes?: number;
  /** Frontend results kept across runs (the CLI's `.hf-rate-guard-cache`); absent means always analyse. */
  cache?: ModelCache;
  /** Keep per-file state that makes re-analysing an edited file fast (default true; the CLI sets false). Only
   * files set with their text (editor buffers) keep it. */
  incremental?: boolean;
  /**
   * Keep the text of a file that gives the rules and the other files nothing to read (no calls, clients, retries,
   * bill-to evidence or exports), default true. Most files of a workspace are such files; a one-shot check that
   * never fixes (the CLI without --fix) sets false and holds only the texts it may still report from; `text()` of
   * the others is then "". "given" keeps the texts given to `setFile` (editor buffers, which fixes and code actions
   * read) and drops those it read from the file system (the language server's workspace files).
   */
  keepInertTexts?: boolean | "given";
}

export class Analyzer {
  private readonly files = new Map<string, Entry>();
  /** First bill-to evidence (by path) per workspace root, recomputed lazily after files change. */
  private evidence = new Map<
    string,
    { org?: string; expression?: BillToEvidence["expression"]; file: string; span: Span } | null
  >();
  /** Workspace folders: in a multi-root workspace each folder is its own project for bill-to evidence. */
  private roots: string[] = [];

  private constructor(private readonly options: AnalyzerOptions) {
    this.aliases = new AliasIndex(options.fs);
  }

  /** tsconfig/jsconfig `paths` and `baseUrl` per folder, for imports of helpers and clients. */
  private readonly aliases: AliasIndex;

  static async create(options: AnalyzerOptions): Promise<Analyzer> {
    await initPython(options.wasmDir);
    return new Analyzer(options);
  }

  static isAnalysable(path: string): boolean {
    return fileKind(path) !== undefined;
  }

  /**
   * Adds or replaces a workspace file; `text` defaults to reading it through the file system. A file whose text is
   * given (an editor's buffer) keeps what makes its next version fast to analyse; one read from disk does not.
   */
  setFile(path: string, text?: string): void {
    const kind = fileKind(path);
    if (!kind) return;
    const content = text ?? this.options.fs.readFile(path);
    if (content === undefined) {
      this.files.delete(path);
      return;
    }
    this.helperNeeds = undefined;
    const before = this.files.get(path)?.model.billToEvidence;
    const keep = text !== undefined && this.options.incremental !== false;
    // An editor file's state from its last version goes on to the next; a file read from disk keeps none.
    const state = keep ? (this.files.get(path)?.state ?? new FileState()) : undefined;
    const entry = this.build(path, kind, content, this.options.cache, state);
    const keepText = this.options.keepInertTexts ?? true;
    if ((keepText === false || (keepText === "given" && text === undefined)) && !entry.cells && isInert(entry.model)) {
      entry.text = "";
      entry.analysedText = "";
    }
    this.files.set(path, entry);
    // Typing in a file that bills no org (most keystrokes) leaves the workspace's evidence as it was.
    if (before?.length || entry.model.billToEvidence.length) this.evidence.clear();
  }

  /**
   * Declares the workspace's root folders (the language server's workspace folders). Bill-to evidence then only
   * crosses files of the same root. Without roots (the CLI) every file set is one workspace.
   */
  setRoots(roots: string[]): void {
    this.roots = roots.map((r) => r.replace(/\/+$/, "")).sort((a, b) => b.length - a.length);
    this.evidence.clear();
  }

  /** The declared root folder holding a file ("" when none does). */
  rootOf(path: string): string {
    return this.roots.find((r) => path.startsWith(r + "/")) ?? "";
  }

  /** The last file `worthParsing` found holds nothing to parse: the `setFile` of the same text that follows need not
   * run the prefilter again (a string compared with itself costs nothing). */
  private screened?: { path: string; text: string };

  /**
   * Whether `setFile(path, text)` would parse the file: it is analysable, not skipped, and the prefilter finds words
   * that matter. A caller that reads the files itself (the CLI's scan, which hands what needs parsing to worker
   * threads) asks this first; a "no" is remembered for the `setFile` of the same text, so each file is screened once.
   */
  worthParsing(path: string, text: string): boolean {
    const kind = fileKind(path);
    if (!kind || kind === "notebook" || skipReason(text, this.options.maxBytes)) return false;
    if (this.screen(path, text, kind)) return true;
    this.screened = { path, text };
    return false;
  }

  /** The prefilter's verdict on a file's (analysed) text, kept in the model cache when there is one. */
  private screen(path: string, text: string, kind: FileKind, cache = this.options.cache): boolean {
    const known = cache?.screened?.(path, text);
    if (known !== undefined) return known;
    if (mayMatter(text, kind)) return true;
    cache?.setInert?.(path, text);
    return false;
  }

  removeFile(path: string): void {
    this.files.delete(path);
    this.helperNeeds = undefined;
    this.evidence.clear();
  }

  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  /** Bumped when what the rules read outside a file's model may have changed (manifests, config): kept diagnostics
   * are then recomputed (see rules/run.ts). */
  private generation = 0;

  /** Version facts depend on manifests: call after requirements/package.json/lock files change. */
  refreshVersions(): void {
    this.generation++;
    invalidateVersionCache(this.options.fs);
    this.projects.clear();
    this.evidence.clear();
    for (const [path, entry] of this.files)
      this.files.set(path, { ...this.build(path, entry.kind, entry.text), state: entry.state });
  }

  private build(path: string, kind: FileKind, text: string, cache?: ModelCache, state?: FileState): Entry {
    const language = kind === "js" ? "js" : "python";
    // Most files of a workspace end here, so they share one frozen empty model instead of allocating their own.
    const base: Entry = {
      kind,
      text,
      analysedText: text,
      model: EMPTY[language],
      versions: NO_VERSIONS,
      notes: NO_NOTES,
    };
    // Screened by `worthParsing` just before: not skipped, and nothing for the prefilter.
    const screened = this.screened;
    this.screened = undefined;
    if (screened?.path === path && screened.text === text) return base;
    const skipped = skipReason(text, this.options.maxBytes);
    if (skipped) return { ...base, skipped };
    let analysedText = text;
    let cells: NotebookCell[] | undefined;
    if (kind === "notebook") {
      const parsed = parseNotebook(text);
      if ("error" in parsed) return { ...base, skipped: `notebook: ${parsed.error}` };
      analysedText = parsed.text;
      cells = parsed.cells;
    }
    if (!this.screen(path, analysedText, kind, cache))
      return kind === "notebook" ? { ...base, analysedText, cells } : base;
    // Checked before any parser sees the file: too deep a file can break the parser for every later file. An
    // editor file's last version bounds the count (typing does not re-read the whole file).
    const last = state ? this.files.get(path) : undefined;
    const { problem: tooDeep, nesting } = nestingProblem(
      analysedText,
      language,
      last?.nesting && { text: last.analysedText, nesting: last.nesting },
    );
    if (tooDeep) return { ...base, analysedText, cells, skipped: tooDeep };
    let model: FileModel | undefined;
    let versions = NO_VERSIONS;
    try {
      versions = detectVersions(this.options.fs, path);
      const input = { path, text: analysedText, versions, keep: state !== undefined, state };
      // A file read again unchanged (the server's Check Workspace re-reads every file) keeps its model: a model
      // depends only on the path, the text and the package versions.
      const previous = this.files.get(path);
      if (
        previous &&
        !previous.skipped &&
        previous.analysedText === analysedText &&
        sameVersions(previous.versions, versions)
      )
        model = previous.model;
      model ??= cache?.get(input);
      if (!model) {
        model = language === "js" ? analyzeJs(input) : analyzePython(input);
        cache?.set(input, model);
      }
    } catch (err) {
      // A frontend bug must cost one file's diagnostics, never the whole run or the server.
      if (err instanceof ParserFault) return { ...base, analysedText, cells, skipped: err.message };
      if (err instanceof RangeError)
        return { ...base, analysedText, cells, skipped: "nested too deeply to analyse (ran out of stack)" };
      return { ...base, analysedText, cells, skipped: `internal error while analysing: ${(err as Error).message}` };
    }
    const notes = model.hasSyntaxErrors ? ["syntax errors: analysed as far as the parser recovered"] : [];
    return { kind, text, analysedText, cells, model, versions, notes, state, nesting };
  }

  /**
   * Diagnostics for one file that was set, under the config that applies to it and the given overrides.
   * `fixes: false` leaves each diagnostic's fixes empty, for reports that never show them (the CLI without --fix,
   * the language server's diagnostics); a predicate computes fixes only for the diagnostics it accepts (the code
   * actions asked for). Fixes cost more than the rules: a 5,000-line file can have hundreds of diagnostics.
   */
  check(
    path: string,
    overrides: ConfigOverrides = {},
    { fixes = true }: { fixes?: boolean | ((d: Omit<Diagnostic, "fixes">) => boolean) } = {},
  ): FileResult {
    const entry = this.files.get(path);
    if (!entry) return { path, diagnostics: [], skipped: "not in the workspace", configErrors: [], notes: [] };
    const config = this.config(path, overrides);
    const result: FileResult = { path, diagnostics: [], configErrors: config.errors, notes: entry.notes };
    if (entry.skipped) return { ...result, skipped: entry.skipped };
    if (isExcluded(path, config)) return { ...result, skipped: `excluded by ${config.source}`, excluded: true };

    // Most files of a workspace hold nothing HF-related: nothing to report, nothing more to compute.
    if (isEmpty(entry.model)) return result;
    try {
      return this.runRules(path, entry, config, overrides, result, fixes);
    } catch (err) {
      // A bug in a rule or a fix costs this file's diagnostics, never the run or the server.
      return { ...result, diagnostics: [], skipped: `internal error while checking: ${(err as Error).message}` };
    }
  }

  private runRules(
    path: string,
    entry: Entry,
    config: ResolvedConfig,
    overrides: ConfigOverrides,
    result: FileResult,
    fixes: boolean | ((d: Omit<Diagnostic, "fixes">) => boolean),
  ): FileResult {
    const model = this.resolveImportedProtection(path, this.resolveImportedClients(path, entry.model));
    const orgContext = this.orgContext(config, path);
    const lines = (entry.lines ??= new LineIndex(entry.analysedText));
    const suppressions = (entry.suppressions ??= parseSuppressions(entry.analysedText));
    // Read on demand: only a finding a version gate decided asks where its package's range is written.
    const versionRange = (key: keyof PackageVersions) => rangeOf(this.options.fs, path, key);
    const fixContext = {
      versionRange,
      path,
      text: entry.analysedText,
      lines,
      model,
      versions: entry.versions,
      orgContext,
      helperModule: fixes === false ? undefined : this.helperModuleFor(path, model, config, overrides),
      esModule:
        fixes !== false && model.language === "js"
          ? isEsModuleFile(this.options.fs, path, entry.analysedText)
          : undefined,
    };

    const links = new ModelLinks(model);
    const diagnose = (finding: Finding): Diagnostic => {
      const placed = placeFinding(model, finding, orgContext, links);
      const diagnostic: Diagnostic = {
        code: finding.code,
        rule: ruleMeta(finding.code).name,
        severity: severityOf(finding.code, config, overrides) as Severity,
        message: finding.message,
        range: lines.range(placed.span.start, placed.span.end),
        fixes: [],
      };
      if (placed.related.length) {
        const related: RelatedInfo[] = [];
        for (const { message, path: where, span } of placed.related) {
          if (!where) related.push({ message, range: lines.range(span.start, span.end) });
          else {
            const other = this.linesOf(where);
            if (other) related.push({ message, path: where, range: other.range(span.start, span.end) });
          }
        }
        if (related.length) diagnostic.related = related;
      }
      // The predicate sees the diagnostic as reported (in its cell's lines for a notebook).
      const asked =
        fixes === true || (fixes !== false && fixes(entry.cells ? toCell(diagnostic, entry.cells) : diagnostic));
      if (asked) diagnostic.fixes = fixesFor(fixContext, finding);
      return diagnostic;
    };
    const rules = ALL_RULES.filter((rule) => severityOf(rule.code, config, overrides) !== "off");
    // An editor file keeps each subject's diagnostics for its next version (without fixes: those are asked for
    // one diagnostic at a time). What every subject depends on besides its own entities is the memo's scope.
    const memo = fixes === false && !entry.cells ? entry.state?.rules : undefined;
    const scope = memo
      ? JSON.stringify([
          rules.map((r) => `${r.code}:${severityOf(r.code, config, overrides)}`),
          orgContext,
          // Where the org is named in another file, in that file's lines (they move when it is edited).
          orgContext?.at?.path
            ? this.linesOf(orgContext.at.path)?.range(orgContext.at.span.start, orgContext.at.span.end)
            : null,
          entry.versions,
          this.generation,
        ])
      : "";
    const ctx = withLinks({ path, model, orgContext, versionRange }, links);
    const origins = originsOf(entry.model);
    for (const diagnostic of runRules({ model, links, ctx, rules, lines, diagnose }, memo, scope, origins)) {
      if (suppressions.isSuppressed(diagnostic.code, diagnostic.range.start.line)) continue;
      result.diagnostics.push(entry.cells ? toCell(diagnostic, entry.cells) : diagnostic);
    }
    result.diagnostics.sort(
      (a, b) =>
        (a.cell ?? 0) - (b.cell ?? 0) ||
        a.range.start.line - b.range.start.line ||
        a.range.start.character - b.range.start.character ||
        a.code.localeCompare(b.code),
    );
    return result;
  }

  /** Line starts of another file of the workspace; none for a notebook (its offsets are into its joined cells). */
  private linesOf(path: string): LineIndex | undefined {
    const other = this.files.get(path);
    if (!other || other.cells) return undefined;
    return (other.lines ??= new LineIndex(other.analysedText));
  }

  /**
   * What the analyzer knows about the HF calls at a place (see explain.ts): with a character, the call whose callee
   * is under it (a hover); with a line only, the calls starting on that line, else the innermost one spanning it.
   * Notebooks are not explained (their positions are per cell).
   */
  explain(path: string, at: { line: number; character?: number }, overrides: ConfigOverrides = {}): CallExplanation[] {
    const entry = this.files.get(path);
    if (!entry || entry.cells || entry.skipped || isEmpty(entry.model)) return [];
    const lines = (entry.lines ??= new LineIndex(entry.analysedText));
    const offsetOf = (line: number, character: number) => lines.offset({ line, character });
    const model = this.resolveImportedProtection(path, entry.model);
    let calls: HfCall[];
    if (at.character !== undefined) {
      const offset = offsetOf(at.line, at.character);
      calls = model.calls.filter((c) => callSpan(c).start <= offset && offset <= callSpan(c).end);
    } else {
      const start = offsetOf(at.line, 0);
      const end = at.line + 1 < lines.lineCount ? offsetOf(at.line + 1, 0) : entry.analysedText.length;
      const starting = model.calls.filter((c) => c.span.start >= start && c.span.start < end);
      const spanning = model.calls
        .filter((c) => c.span.start < start && c.span.end > start)
        .sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
      calls = starting.length ? starting : spanning.slice(0, 1);
    }
    if (!calls.length) return [];
    const orgContext = this.orgContext(this.config(path, overrides), path);
    const diagnostics = this.check(path, overrides, { fixes: false }).diagnostics;
    return calls.map((call) => explainCall({ model, call, text: entry.analysedText, lines, orgContext, diagnostics }));
  }

  /** Config files are cached per folder: call after one is created, changed or deleted. */
  invalidateConfig(): void {
    this.generation++;
    invalidateConfigCache(this.options.fs);
    this.configs = new WeakMap();
    this.aliases.clear();
    this.projects.clear();
    this.evidence.clear();
  }

  /** Merged configs per folder, per overrides object: a workspace scan asks once per file. */
  private configs = new WeakMap<ConfigOverrides, Map<string, ResolvedConfig>>();

  /** The config that applies to a file: nearest config file, then overrides. */
  config(path: string, overrides: ConfigOverrides = {}): ResolvedConfig {
    let perOverrides = this.configs.get(overrides);
    if (!perOverrides) this.configs.set(overrides, (perOverrides = new Map()));
    const dir = path.slice(0, path.lastIndexOf("/") + 1);
    let merged = perOverrides.get(dir);
    if (!merged) {
      const found = resolveConfig(this.options.fs, path, overrides.configFile);
      merged = { ...found, billTo: overrides.billTo || found.billTo, rules: { ...found.rules, ...overrides.rules } };
      perOverrides.set(dir, merged);
    }
    return merged;
  }

  /** Per helper-module path: how many workspace files have a call the HF001 fix would wrap, and whether any is async. */
  private helperNeeds?: Map<string, { files: number; async: boolean }>;

  /**
   * The project's helper module for the HF001 fix in `path`, or undefined to insert the helper inline. The
   * setting (editor, then config file) decides; "auto" uses a module when one exists or more than one file
   * needs the helper.
   */
  private helperModuleFor(
    path: string,
    model: FileModel,
    config: ResolvedConfig,
    overrides: ConfigOverrides,
  ): HelperModule | undefined {
    const mode = overrides.fixHelper ?? config.fixHelper ?? "auto";
    const entry = this.files.get(path);
    if (
      mode === "inline" ||
      !entry ||
      entry.kind === "notebook" ||
      !model.calls.some((c) => c.protection.kind === "unprotected")
    )
      return undefined;
    const where = locateHelperModule(model.language, path, entry.analysedText, this.options.fs);
    if (!where) return undefined;
    const existing = this.files.get(where.path)?.text ?? this.options.fs.readFile(where.path);
    if (existing !== undefined) return { ...where, existing };
    const need = this.helperNeedsAt(where.path, model.language);
    if (mode === "auto" && need.files < 2) return undefined;
    return {
      ...where,
      create: model.language === "python" ? pythonModuleText(need.async) : jsModuleText(where.path.endsWith(".ts")),
    };
  }

  private helperNeedsAt(modulePath: string, language: FileModel["language"]): { files: number; async: boolean } {
    if (!this.helperNeeds) {
      this.helperNeeds = new Map();
      for (const [p, e] of this.files) {
        if (e.skipped || e.kind === "notebook") continue;
        const wrapped = e.model.calls.filter((c) => c.protection.kind === "unprotected");
        if (wrapped.length === 0) continue;
        const where = locateHelperModule(e.model.language, p, e.analysedText, this.options.fs);
        if (!where) continue;
        const n = this.helperNeeds.get(where.path) ?? { files: 0, async: false };
        this.helperNeeds.set(where.path, {
          files: n.files + 1,
          async: n.async || wrapped.some((c) => c.isAsync || c.awaitSpan !== undefined),
        });
      }
    }
    void language;
    return this.helperNeeds.get(modulePath) ?? { files: 0, async: false };
  }

  /**
   * Orgs billed in the file's project, for HF003's organization context: the nearest folder with a package.json
   * or pyproject.toml (within the file's root folder), so in a monorepo one package that bills an org does not put
   * every other package in org context. Evidence naming the org wins over evidence with a dynamic value.
   */
  private orgContext(config: ResolvedConfig, path: string): OrgContext | undefined {
    if (config.billTo) return { org: config.billTo, source: "configuration" };
    const ownEntry = this.files.get(path);
    // Evidence first: most files bill no org, and the test-file check reads the whole text.
    const ownList =
      ownEntry?.model.billToEvidence.length && !isTestFile(path, ownEntry.text) ? ownEntry.model.billToEvidence : [];
    const own = ownList.find((e) => e.org) ?? ownList[0];
    if (own) return { org: own.org, expression: own.expression, source: "this file", at: { span: own.span } };
    const project = `${this.rootOf(path)}\n${this.projectOf(path)}`;
    let found = this.evidence.get(project);
    if (found === undefined) {
      found = null;
      for (const [file, entry] of this.files) {
        const first = entry.model.billToEvidence.find((e) => e.org) ?? entry.model.billToEvidence[0];
        if (!first || isTestFile(file, entry.text) || `${this.rootOf(file)}\n${this.projectOf(file)}` !== project)
          continue;
        const better =
          !found ||
          (first.org !== undefined && found.org === undefined) ||
          ((first.org !== undefined) === (found.org !== undefined) && file < found.file);
        if (better) found = { org: first.org, expression: first.expression, file, span: first.span };
      }
      this.evidence.set(project, found);
    }
    return found
      ? {
          org: found.org,
          expression: found.expression,
          source: relative(path, found.file),
          at: { path: found.file, span: found.span },
        }
      : undefined;
  }

  /** Project folder per folder: the nearest holding a package.json or pyproject.toml ("" when none does). */
  private readonly projects = new Map<string, string>();

  private projectOf(path: string): string {
    const dir = path.slice(0, Math.max(0, path.lastIndexOf("/")));
    const known = this.projects.get(dir);
    if (known !== undefined) return known;
    const root = this.rootOf(path);
    let found = "";
    if (
      this.options.fs.readFile(`${dir}/package.json`) !== undefined ||
      this.options.fs.readFile(`${dir}/pyproject.toml`) !== undefined
    )
      found = dir;
    else if (dir && dir !== root && dir.includes("/")) found = this.projectOf(dir);
    this.projects.set(dir, found);
    return found;
  }

  /** Turns "goes through a helper imported from module M" into a verdict, using M's facts when M is in the workspace. */
  private resolveImportedProtection(path: string, model: FileModel): FileModel {
    if (!model.calls.some((c) => c.protection.kind === "imported-helper")) return model;
    const calls = model.calls.map((call): HfCall => {
      const p = call.protection;
      if (p.kind !== "imported-helper") return call;
      return { ...call, protection: this.helperVerdict(path, model.language, p) };
    });
    return { ...model, calls };
  }

  /**
   * Keeps the calls on imported clients whose module exports an HF client under that name (with that module's
   * destination, bill-to and built-in retry), and drops the rest: they were only candidates.
   */
  private resolveImportedClients(path: string, model: FileModel): FileModel {
    if (!model.calls.some((c) => c.viaImport)) return model;
    const calls: HfCall[] = [];
    for (const call of model.calls) {
      const ref = call.viaImport;
      if (!ref) {
        calls.push(call);
        continue;
      }
      const target = resolveModule(
        model.language,
        ref.fromFile || path,
        ref.module,
        (f) => this.files.has(f),
        () => this.files.keys(),
        (f) => this.aliases.of(f),
      );
      const facts = target ? this.files.get(target)?.model.exports.clients?.[ref.name] : undefined;
      // `client.chat.completions.create` reads the same on an InferenceClient and an OpenAI client.
      const family =
        ref.family === "chat"
          ? facts?.family === "inference" || facts?.family === "openai"
          : facts?.family === ref.family;
      if (!facts || !family || facts.factory !== ref.factory) continue;
      const resolved: HfCall = {
        ...call,
        surface: facts.surface,
        library: facts.library,
        billTo: call.billTo.present ? call.billTo : facts.billTo,
      };
      if (facts.builtinRetry && call.protection.kind === "unprotected")
        resolved.protection = { kind: "protected", by: facts.builtinRetry };
      calls.push(resolved);
    }
    return { ...model, calls };
  }

  private helperVerdict(
    path: string,
    language: FileModel["language"],
    p: Extract<Protection, { kind: "imported-helper" }>,
  ): Protection {
    const target = resolveModule(
      language,
      p.fromFile || path,
      p.module,
      (f) => this.files.has(f),
      () => this.files.keys(),
      (f) => this.aliases.of(f),
    );
    const facts = target ? this.files.get(target)?.model.exports.retryHelpers[p.name] : undefined;
    if (!facts) return p.fallback;
    const where = `${p.name} (${relative(path, target!)})`;
    return facts.handles429
      ? { kind: "protected", by: where }
      : { kind: "unprotected", reason: `the helper ${where} does not retry 429` };
  }

  /**
   * Applies the preferred fixes of a file to a fixpoint. The workspace keeps the fixed text afterwards.
   * Files with syntax errors are never touched.
   */
  fixAll(path: string, overrides: ConfigOverrides = {}): FixAllResult {
    const entry = this.files.get(path);
    if (!entry) return { text: "", changed: false, skipped: "not in the workspace" };
    if (entry.skipped) return { text: entry.text, changed: false, skipped: entry.skipped };
    // Notebook fixes are cell edits, applied by the editor; rewriting the JSON file here could lose outputs.
    if (entry.kind === "notebook")
      return { text: entry.text, changed: false, skipped: "notebooks are fixed cell by cell in the editor" };
    const original = entry;
    const language = entry.kind === "js" ? "js" : "python";
    const hooks = {
      // A fix that creates the helper module: the workspace has it while the fix is judged (the import resolves).
      add: (files: { path: string; text: string }[]) => files.forEach((f) => this.setFile(f.path, f.text)),
      remove: (files: { path: string; text: string }[]) => files.forEach((f) => this.removeFile(f.path)),
    };
    const result = fixToFixpoint(
      entry.text,
      (candidate) => {
        // Before the first fix and after every one: what the parser recovered from silently still counts.
        const problem = syntaxProblem(language, path, candidate);
        if (problem) return `syntax errors (${problem})`;
        this.files.set(
          path,
          this.build(
            path,
            entry.kind,
            candidate,
            undefined,
            this.options.incremental !== false ? (entry.state ?? new FileState()) : undefined,
          ),
        );
        const built = this.files.get(path)!;
        if (built.skipped) return built.skipped;
        if (built.model.hasSyntaxErrors) return "syntax errors";
        return this.check(path, overrides).diagnostics;
      },
      hooks,
    );
    if (!result.changed) this.files.set(path, original);
    return result;
  }

  /** Every file currently in the workspace. */
  paths(): string[] {
    return [...this.files.keys()];
  }

  /** The text a file was analysed with (as set). */
  text(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  /**
   * Offsets in the file's text of the top-level statements that hold syntax errors (none for a valid file, a
   * skipped one, or a notebook, whose analysed text is not the editor's).
   */
  brokenStatements(path: string): readonly Span[] {
    const entry = this.files.get(path);
    if (!entry || entry.skipped || entry.cells) return [];
    return entry.model.brokenStatements ?? [];
  }
}

const EMPTY = { python: deepFreeze(emptyModel("python")), js: deepFreeze(emptyModel("js")) };
const NO_VERSIONS: PackageVersions = Object.freeze({});
const NO_NOTES: string[] = Object.freeze([]) as unknown as string[];

function sameVersions(a: PackageVersions, b: PackageVersions): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof PackageVersions)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (v && typeof v === "object") deepFreeze(v);
  return Object.freeze(value);
}

function isEmpty(model: FileModel): boolean {
  return model.calls.length === 0 && model.retries.length === 0 && model.clients.length === 0;
}

/** Nothing in the model for the rules, fixes or other files to read (see `keepInertTexts`). */
function isInert(model: FileModel): boolean {
  return (
    isEmpty(model) &&
    model.billToEvidence.length === 0 &&
    Object.keys(model.exports.retryHelpers).length === 0 &&
    Object.keys(model.exports.clients).length === 0
  );
}

function isExcluded(path: string, config: ResolvedConfig): boolean {
  if (!config.exclude.length || !config.root) return false;
  const rel = path.startsWith(config.root + "/") ? path.slice(config.root.length + 1) : undefined;
  return rel !== undefined && picomatch(config.exclude, { dot: true })(rel);
}

function severityOf(code: RuleCode, config: ResolvedConfig, overrides: ConfigOverrides): RuleSetting {
  if (overrides.select && !overrides.select.includes(code)) return "off";
  if (overrides.ignore?.includes(code)) return "off";
  return config.rules[code] ?? ruleMeta(code).defaultSeverity;
}

function toCell(d: Diagnostic, cells: NotebookCell[]): Diagnostic {
  const line = d.range.start.line;
  const cell = cells.find((c) => line >= c.startLine && line < c.startLine + c.lineCount) ?? cells[cells.length - 1];
  const shift = (r: Diagnostic["range"]) => ({
    start: { line: r.start.line - cell.startLine, character: r.start.character },
    end: { line: r.end.line - cell.startLine, character: r.end.character },
  });
  const inCell = (r: Diagnostic["range"]) =>
    r.start.line >= cell.startLine && r.end.line < cell.startLine + cell.lineCount;
  // Related places in other cells have no position in this cell's document: left out.
  const related = d.related
    ?.filter((r) => r.path === undefined && inCell(r.range))
    .map((r) => ({ ...r, range: shift(r.range) }));
  const out: Diagnostic = {
    ...d,
    range: shift(d.range),
    cell: cell.index,
    fixes: d.fixes.map((f) => ({
      ...f,
      edits: f.edits.map((e) => ({ ...e, range: shift(e.range), cell: cell.index })),
    })),
  };
  if (related?.length) out.related = related;
  else delete out.related;
  return out;
}

function relative(from: string, to: string): string {
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/") || to;
}

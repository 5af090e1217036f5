// Which files the analyzer reads, and the cheap checks that let it skip the rest before parsing.
import { namesHfToken } from "./hfToken";
import { JS_PREFILTER, PY_PREFILTER, type PrefilterNeed } from "./profiles";
import { INFERENCE_TASK_METHODS } from "./profiles/huggingfaceHub";
import { HFJS_TASK_METHODS } from "./profiles/huggingfaceInference";

export type FileKind = "python" | "notebook" | "js";

const KINDS: Record<string, FileKind> = {
  ".py": "python",
  ".pyi": "python",
  ".ipynb": "notebook",
  ".js": "js",
  ".mjs": "js",
  ".cjs": "js",
  ".jsx": "js",
  ".ts": "js",
  ".mts": "js",
  ".cts": "js",
  ".tsx": "js",
};

export function fileKind(path: string): FileKind | undefined {
  const dot = path.lastIndexOf(".");
  if (dot < 0) return undefined;
  return KINDS[path.slice(dot).toLowerCase()];
}

export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/** Why a file is not analysed, or undefined when it should be. */
export function skipReason(text: string, maxBytes = DEFAULT_MAX_BYTES): string | undefined {
  // UTF-16 length is a lower bound on UTF-8 bytes; good enough for a size gate.
  if (text.length > maxBytes) return `larger than ${Math.round(maxBytes / 1024 / 1024)} MB`;
  if (text.slice(0, 8192).includes("\u0000")) return "binary file";
  if (looksMinified(text)) return "minified";
  return undefined;
}

function looksMinified(text: string): boolean {
  if (text.length < 4096) return false;
  // Bundlers emit a few enormous lines; hand-written code averages well under 200 characters a line. Once there are
  // more lines than an average of 300 characters allows, the file is not minified: the scan stops there (this runs
  // on every keystroke in the editor).
  const enough = text.length / 300;
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", start)) {
    longest = Math.max(longest, i - start);
    start = i + 1;
    if (++lines >= enough) return false;
  }
  longest = Math.max(longest, text.length - start);
  return longest > 5000 && text.length / lines > 300;
}

/**
 * Whether a file may hold anything the analyzer reports or another file reads (an HF call, a client, a retry helper,
 * bill-to evidence); a file that cannot is not parsed at all, which keeps a workspace scan close to the cost of
 * reading the files. Every way the frontends find something needs words of its own, and this looks for them:
 * - a library's use: one of its modules named in code and what its profile says a use needs besides
 *   (profiles/types.ts `prefilter`: a class or function the frontend recognises, or an HF host or HF token);
 * - a call on a client imported from another workspace file (`client.text_generation(...)`,
 *   `.chat.completions.create(...)`, `hf.chatCompletion(...)`), which needs no library in this file: its method name;
 * - a hand-written retry (`RETRY_WORDS`) and bill-to evidence (`bill_to`, `billTo`, `X-HF-Bill-To`), anywhere.
 * In Python (and notebooks) names, modules and method names count only in code: not in a comment, a docstring or a
 * string (an import or a call names them outside strings); hosts and token names count in strings too.
 */
export function mayMatter(text: string, kind?: FileKind): boolean {
  const language = kind === "js" ? JS : PY;
  if (!language.anchors.test(text)) return false;
  if (ANYWHERE.test(text)) return true;
  return kind === "js" ? jsMayMatter(text) : scanPython(text, new Found(PY, text));
}

/** Words of hand-written retries and of tests for a 429 (retryHeuristics.ts MENTIONS_429), and of bill-to evidence. */
const RETRY_WORDS = ["retry", "sleep", "settimeout", "backoff", "429", "ratelimit", "rate_limit", "toomanyrequests"];
const ANYWHERE = new RegExp([...RETRY_WORDS, "too_many_requests", "bill[-_]?to"].join("|"), "i");
/** Where a URL reaches HF (profiles/hosts.ts: every HF host is huggingface.co or huggingface.cloud). */
const HF_HOST = "huggingface.c";
const AUTHORIZATION = "authorization";

const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const words = (list: Iterable<string>): string => [...new Set(list)].map(escape).join("|");

interface Language {
  needs: readonly PrefilterNeed[];
  /** Method names of calls on a client imported from another file, lower-cased. */
  methods: Set<string>;
  /** A file with none of these holds nothing: every way to find something needs one of them. */
  anchors: RegExp;
  /** Words whose place in the file (code, string, comment) the scan reads. */
  hits: RegExp;
}

function language(needs: readonly PrefilterNeed[], methods: string[], specifiers: boolean): Language {
  const modules = needs.flatMap((n) => n.modules);
  const globals = needs.flatMap((n) => n.globals);
  const names = needs.flatMap((n) => n.names ?? []);
  // JS names a module in its specifier (`from "openai"`, `require("@langchain/community/llms/hf")`).
  const moduleWords = specifiers ? `["'\`](?:${words(modules)})["'\`/]` : `\\b(?:${words(modules)})\\b`;
  const anchor = [moduleWords, `\\b(?:${words([...globals, ...methods])})\\b`, ANYWHERE.source];
  // The host first: where `huggingface.co` is written, a name `huggingface` (the AI SDK's provider) is too (Found.add).
  const hit = [escape(HF_HOST), AUTHORIZATION, moduleWords, `\\b(?:${words([...globals, ...names, ...methods])})\\b`];
  return {
    needs,
    methods: new Set(methods.map((m) => m.toLowerCase())),
    anchors: new RegExp(anchor.join("|"), "i"),
    hits: new RegExp(hit.join("|"), "gi"),
  };
}

const PY = language(PY_PREFILTER, [...INFERENCE_TASK_METHODS, "completions"], false);
const JS = language(JS_PREFILTER, [...HFJS_TASK_METHODS], true);

/** What a scan found so far, and whether that is enough. */
class Found {
  private readonly code = new Set<string>();
  private host = false;
  private authorization = false;
  constructor(
    private readonly language: Language,
    private readonly text: string = "",
  ) {}

  /** Records a hit (`inString`: inside a string, where only hosts and header names count); true once enough. */
  add(word: string, inString: boolean): boolean {
    const w = word.toLowerCase();
    if (w === HF_HOST) {
      this.host = true;
      if (!inString) this.code.add(HF_HOST.split(".")[0]);
    } else if (w === AUTHORIZATION) this.authorization = true;
    else if (inString) return false;
    else {
      // A module specifier hit holds its quotes: `"openai"`, `'@langchain/community/`.
      const key = /^["'`]/.test(w) ? w.slice(1, -1) : w;
      if (this.code.has(key)) return false;
      this.code.add(key);
      if (this.language.methods.has(key)) return true;
    }
    return this.enough();
  }

  private enough(): boolean {
    return this.language.needs.some(
      (need) =>
        [...need.modules, ...need.globals].some((m) => this.code.has(m.toLowerCase())) &&
        (!need.names || need.names.some((n) => this.code.has(n.toLowerCase()))) &&
        (!need.destination || this.host || (this.authorization && namesHfToken([this.text]))),
    );
  }
}
/** JS/TS: every hit counts where it is (comments included: JSDoc rarely names a module specifier or a host). */
function jsMayMatter(text: string): boolean {
  const found = new Found(JS, text);
  for (const m of text.matchAll(JS.hits)) if (found.add(m[0], false)) return true;
  return false;
}

/** What ends a stretch of plain code: a comment, a string, a bracket (depth decides what a statement is). */
const PY_SPECIAL = /[#'"()[\]{}]/g;

/**
 * Reads each hit of `PY.hits` in its place: in code, in a string code can use, or in a comment or a docstring (not
 * counted). A docstring here is a plain string (no f prefix: an f-string's fields run code, so an f-string counts
 * as code) standing alone on its lines, at bracket depth 0, right after a line ending in `:` or at the start of the
 * file: a statement that does nothing, which no analysis reads. No hit spans a comment or string delimiter, so each
 * lies wholly inside one stretch. When unsure (an unterminated string), the rest counts as code.
 */
function scanPython(text: string, found: Found): boolean {
  const hits = new RegExp(PY.hits);
  let hit = hits.exec(text);
  let depth = 0;
  /** Whether the last significant code (not comment, not whitespace) was a `:` or there was none yet. */
  let afterColon = true;
  let i = 0;
  /** Gives `found` the hits before `end` (code or string, or none when `skip`); true once it has enough. */
  const stretch = (end: number, inString: boolean, skip = false): boolean => {
    while (hit && hit.index < end) {
      if (!skip && found.add(hit[0], inString)) return true;
      if (skip && hits.lastIndex < end) hits.lastIndex = end;
      hit = hits.exec(text);
    }
    return false;
  };
  while (hit) {
    PY_SPECIAL.lastIndex = i;
    const special = PY_SPECIAL.exec(text);
    const at = special ? special.index : text.length;
    if (stretch(at, false)) return true;
    if (!special) return false;
    const c = text[at];
    const start = c === "'" || c === '"' ? prefixStart(text, at) : at;
    const code = lastNonBlank(text, i, start);
    if (code >= 0) afterColon = text.charCodeAt(code) === 0x3a;
    if (c === "#") {
      const eol = text.indexOf("\n", at);
      const end = eol < 0 ? text.length : eol;
      stretch(end, false, true);
      i = end;
    } else if (c === "'" || c === '"') {
      const closed = stringEnd(text, at);
      const end = closed < 0 ? text.length : closed;
      const formatted = /[fFtT]/.test(text.slice(start, at));
      const docstring = closed >= 0 && depth === 0 && afterColon && !formatted && standsAlone(text, start, end);
      if (stretch(end, !formatted && closed >= 0, docstring)) return true;
      afterColon = false;
      i = end;
    } else {
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (depth > 0) depth--;
      afterColon = false;
      i = at + 1;
    }
  }
  return false;
}

/** The index of the last character in [from, to) that is not a space, tab or line break, or -1. */
function lastNonBlank(text: string, from: number, to: number): number {
  for (let k = to - 1; k >= from; k--) {
    const ch = text.charCodeAt(k);
    if (ch !== 0x20 && ch !== 0x09 && ch !== 0x0a && ch !== 0x0d && ch !== 0x0c) return k;
  }
  return -1;
}

/** Where a string opening at quote `q` begins: its prefix letters (r, b, u, f, t), when they stand alone, included. */
function prefixStart(text: string, q: number): number {
  let k = q;
  while (k > 0 && q - k < 2 && /[rRbBuUfFtT]/.test(text[k - 1])) k--;
  return k > 0 && /\w/.test(text[k - 1]) ? q : k;
}

/**
 * Where the string opening at quote `q` ends (past its closing quote). An unterminated one-line string ends at its
 * line's end (the tokenizer's recovery); an unterminated triple-quoted one gives -1.
 */
function stringEnd(text: string, q: number): number {
  const quote = text[q];
  const triple = text.startsWith(quote + quote + quote, q);
  const close = triple ? quote + quote + quote : quote;
  let k = q + close.length;
  while (k < text.length) {
    const ch = text[k];
    if (ch === "\\") k += 2;
    else if (text.startsWith(close, k)) return k + close.length;
    else if (!triple && (ch === "\n" || ch === "\r")) return k;
    else k++;
  }
  return triple ? -1 : text.length;
}

/** Whether the string [start, end) is alone on its lines: only indentation before it, only a comment after it. */
function standsAlone(text: string, start: number, end: number): boolean {
  let k = start - 1;
  while (k >= 0 && (text[k] === " " || text[k] === "\t")) k--;
  if (k >= 0 && text[k] !== "\n") return false;
  // The line before must not continue into this one.
  let p = k - 1;
  if (p >= 0 && text[p] === "\r") p--;
  if (p >= 0 && text[p] === "\\") return false;
  let e = end;
  while (e < text.length && (text[e] === " " || text[e] === "\t")) e++;
  return e >= text.length || text[e] === "\n" || text[e] === "\r" || text[e] === "#";
}

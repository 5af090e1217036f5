// The text prefilter: whether a file may hold anything worth parsing, decided from its text alone with the words the
// profiles say each library's use needs (ARCHITECTURE.md, "The text prefilter").
import type { FileKind } from "./fileKinds";
import { namesHfToken } from "./hfToken";
import { JS_PREFILTER, PY_PREFILTER, type PrefilterNeed } from "./profiles";
import { INFERENCE_TASK_METHODS } from "./profiles/huggingfaceHub";
import { HFJS_TASK_METHODS } from "./profiles/huggingfaceInference";
import { CALLABLE_NAME } from "./retryHeuristics";
import { escapeRegExp as escape } from "./text";

/** How many times `mayMatter` ran, for tests that count work (a scan screens each file once). */
export const prefilterCounts = { runs: 0 };

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
  prefilterCounts.runs++;
  const language = kind === "js" ? JS : PY;
  // One pass rules out most files (no word at all); the rest are read again for what they hold.
  if (!language.first(text)) return false;
  if (BILL_TO.test(text)) return true;
  if (kind === "js") return jsMayMatter(text) || retryWords(text);
  // Where the words are (code, string, comment) is read only when they are there at all.
  const inCode = language.anchors.test(text) && mayBeEnough(text, PY) && scanPython(text, new Found(PY, text));
  return inCode || (retryWords(text) && pythonHelperShape(text));
}

const retryWords = (text: string): boolean => RETRY.test(text) || text.includes("429");

/** Whether the hits anywhere in the text, wherever they are and however bound, would be enough. */
function mayBeEnough(text: string, language: Language): boolean {
  const found = new Found(language, text, true);
  // Hosts and the header name are looked for apart: alternatives of literal words let the engine skip ahead.
  if (HOST_ANYWHERE.test(text)) found.add(HF_HOST, true, 0);
  if (AUTHORIZATION_ANYWHERE.test(text)) found.add(AUTHORIZATION, true, 0);
  for (const m of text.matchAll(language.words)) if (found.add(m[0], false, m.index!)) return true;
  return false;
}

const HOST_ANYWHERE = /huggingface\.c/i;
const AUTHORIZATION_ANYWHERE = /authorization/i;

/**
 * Words of hand-written retries and of tests for a 429 (retryHeuristics.ts MENTIONS_429): a retry helper written
 * in the file is found by them (python/helpers.ts, js/protection.ts), in a comment or docstring too.
 */
const RETRY_WORDS = ["retry", "sleep", "settimeout", "backoff", "429", "ratelimit", "rate_limit", "toomanyrequests"];
/** Bill-to evidence (billToEvidence.ts), anywhere: its own scan reads docstrings and strings. */
const BILL_TO = /bill[-_]?to/i;
/** Retry words but the short `429`, which `text.includes` finds faster. */
const RETRY = new RegExp([...RETRY_WORDS.filter((w) => w !== "429"), "too_many_requests"].join("|"), "i");
/** Where a URL reaches HF (profiles/hosts.ts: every HF host is huggingface.co or huggingface.cloud). */
const HF_HOST = "huggingface.c";
const AUTHORIZATION = "authorization";

/** A literal matched in any case, without the slower case-insensitive flag on the whole alternation. */
const anyCase = (w: string): string =>
  [...w].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escape(c))).join("");
const words = (list: Iterable<string>): string => [...new Set(list)].map(escape).join("|");

interface Language {
  needs: readonly PrefilterNeed[];
  /** Method names of calls on a client imported from another file, lower-cased. */
  methods: Set<string>;
  /** The profiles' names, lower-cased. */
  names: Set<string>;
  /**
   * Whether a name counts only where it is bound to a module (Python: qualified names come from imports and
   * attribute chains, python/scope.ts `qualify`): after a `.`, or imported by `from <module> import`.
   */
  boundNames: boolean;
  /** A module, global or method name: what every way to find something but retry and bill-to words needs. */
  anchors: RegExp;
  /** Whether a file holds an anchor, a retry or a bill-to word at all: one with none of them holds nothing. */
  first: (text: string) => boolean;
  /** Words whose place in the file (code, string, comment) the scan reads. */
  hits: RegExp;
  /** The hits but hosts and the header name: modules, globals, names and methods, as written. */
  words: RegExp;
  /** What may start or end a comment on a line (a method name may follow its `.` past a comment). */
  comment: RegExp;
}

/**
 * Whether the word at `at` follows a `.` (blanks, line breaks and line continuations between). Where a line break
 * lies between and the line before holds a comment, that comment may hide the `.`: the word counts then too.
 */
function afterDot(text: string, at: number, comment: RegExp): boolean {
  let k = at - 1;
  let crossed = -1;
  for (; k >= 0; k--) {
    const ch = text[k];
    if (ch === "\n" && crossed < 0) crossed = k;
    if (ch !== " " && ch !== "\t" && ch !== "\n" && ch !== "\r" && ch !== "\f" && ch !== "\\") break;
  }
  if (k >= 0 && text[k] === ".") return true;
  if (crossed < 0) return false;
  const lineStart = text.lastIndexOf("\n", crossed - 1) + 1;
  return comment.test(text.slice(lineStart, crossed));
}

function language(needs: readonly PrefilterNeed[], methods: string[], specifiers: boolean, comment: RegExp): Language {
  const modules = needs.flatMap((n) => n.modules);
  const globals = needs.flatMap((n) => n.globals);
  const names = needs.flatMap((n) => n.names ?? []);
  // JS names a module in its specifier (`from "openai"`, `require("@langchain/community/llms/hf")`).
  const moduleWords = specifiers ? `["'\`](?:${words(modules)})["'\`/]` : `\\b(?:${words(modules)})\\b`;
  const anchor = [moduleWords, `\\b(?:${words([...globals, ...methods])})\\b`];
  // The host first: where `huggingface.co` is written, a name `huggingface` (the AI SDK's provider) is too (Found.add).
  // Names, modules and specifiers are matched as written (Python and JS names are case-sensitive, and so are the
  // frontends' tables); hosts and the header name in any case.
  const hit = [
    anyCase(HF_HOST),
    anyCase(AUTHORIZATION),
    moduleWords,
    `\\b(?:${words([...globals, ...names, ...methods])})\\b`,
  ];
  return {
    needs,
    methods: new Set(methods.map((m) => m.toLowerCase())),
    names: new Set(names.map((m) => m.toLowerCase())),
    boundNames: !specifiers,
    anchors: new RegExp(anchor.join("|")),
    first: firstTest(specifiers ? modules.map((m) => `"${m}"`) : modules, [...globals, ...methods]),
    hits: new RegExp(hit.join("|"), "g"),
    words: new RegExp(hit.slice(2).join("|"), "g"),
    comment,
  };
}

/**
 * A test of whether the text holds any of `modules` (JS: quoted, as specifiers), `words`, retry or bill-to words,
 * ignoring case and where they are: the first test of every file, which most files fail. As the words a
 * language needs to find anything are all there, it only rules out files. Words five characters or longer are
 * tested apart from the short ones: with every alternative that long, the regex engine can skip ahead through
 * text that cannot match, which makes the common case (no word at all) about twice as fast.
 */
function firstTest(modules: string[], words: string[]): (text: string) => boolean {
  const all = [
    // A JS specifier is looked for by its longest part (`"@langchain/community"`: `langchain/community`).
    ...modules.map((m) => (m.startsWith('"') ? m.slice(1, -1) : m)),
    ...words,
    ...RETRY_WORDS,
    "too_many_requests",
    "bill",
  ].map((w) => w.toLowerCase());
  const long = [...new Set(all.filter((w) => w.length >= 5))];
  // Short module names are tested with their quotes (JS) or as words (Python): `"ai"`, `"ky"`, `agno`.
  const short = [
    ...new Set(
      modules
        .filter((m) => m.replace(/"/g, "").length < 5)
        .map((m) => (m.startsWith('"') ? `["'\`]${escape(m.slice(1, -1))}["'\`/]` : `\\b${escape(m)}\\b`)),
    ),
    ...all.filter((w) => w.length < 5 && !modules.some((m) => m.replace(/"/g, "").toLowerCase() === w)).map(escape),
  ];
  const longRe = new RegExp(long.map(escape).join("|"), "i");
  const shortRe = new RegExp(short.join("|"), "i");
  return (text) => longRe.test(text) || shortRe.test(text);
}

const PY = language(PY_PREFILTER, [...INFERENCE_TASK_METHODS, "completions"], false, /#/);
const JS = language(JS_PREFILTER, [...HFJS_TASK_METHODS], true, /\/\/|\*\//);

/** What a scan found so far, and whether that is enough. */
class Found {
  private readonly code = new Set<string>();
  private host = false;
  private authorization = false;
  /**
   * `loose`: every hit counts as bound code (a method wherever it is): what a scan of the places could find at
   * most, to skip that scan when even this is not enough.
   */
  constructor(
    private readonly language: Language,
    private readonly text: string = "",
    private readonly loose = false,
  ) {}

  private token?: boolean;
  private namesToken(): boolean {
    return (this.token ??= namesHfToken([this.text]));
  }

  /**
   * Records a hit at `at` (`inString`: inside a string, where only hosts and header names count); true once
   * enough. A method name counts only after a `.`: the call is `client.text_generation(...)`.
   */
  add(word: string, inString: boolean, at: number): boolean {
    const w = word.toLowerCase();
    if (w === HF_HOST) {
      this.host = true;
      if (!inString) this.code.add(HF_HOST.split(".")[0]);
    } else if (w === AUTHORIZATION) this.authorization = true;
    else if (inString) return false;
    else {
      // A module specifier hit holds its quotes: `"openai"`, `'@langchain/community/`.
      const key = /^["'`]/.test(w) ? w.slice(1, -1) : w;
      if (this.language.methods.has(key) && (this.loose || afterDot(this.text, at, this.language.comment))) return true;
      if (this.language.boundNames && this.language.names.has(key) && !this.loose) {
        // Python: a name counts for the modules it is reached through (`hh.InferenceClient`, an import of it).
        let added = false;
        for (const root of this.roots(at, word)) {
          const bound = `${root}:${key}`;
          if (!this.code.has(bound)) added = true;
          this.code.add(bound);
        }
        return added && this.enough();
      }
      if (this.code.has(key)) return false;
      this.code.add(key);
    }
    return this.enough();
  }

  private bindings?: Map<string, Set<string>>;

  /**
   * The top modules (lower-cased) a Python name at `at` is reached through, as python/scope.ts `qualify` resolves
   * it: the head of its attribute chain (`hh.inference.InferenceClient`: `hh`), or the name itself, and what that
   * head is bound to by an import (`import huggingface_hub as hh`, `from huggingface_hub import InferenceClient`),
   * else the head itself (an unimported `requests.get`). "*" when a comment inside the chain hides its head.
   */
  private roots(at: number, word: string): string[] {
    let head = word;
    let k = at - 1;
    for (;;) {
      const dot = skipBlanks(this.text, k);
      if (dot.comment) return ["*"];
      if (dot.at < 0 || this.text[dot.at] !== ".") break;
      const end = skipBlanks(this.text, dot.at - 1);
      if (end.comment) return ["*"];
      let start = end.at;
      while (start >= 0 && /\w/.test(this.text[start])) start--;
      // `f().x`, `a[0].x`, `"s".x`: no qualified name (the chain does not start with a name).
      if (start === end.at || /\d/.test(this.text[start + 1])) return [];
      head = this.text.slice(start + 1, end.at + 1);
      k = start;
    }
    this.bindings ??= importBindings(this.text);
    return [head, ...(this.bindings.get(head) ?? [])].map((r) => r.toLowerCase());
  }

  private enough(): boolean {
    return this.language.needs.some(
      (need) =>
        [...need.modules, ...need.globals].some((m) => this.code.has(m.toLowerCase())) &&
        (!need.names ||
          need.names.some(
            (n) =>
              this.code.has(n.toLowerCase()) ||
              this.code.has(`*:${n.toLowerCase()}`) ||
              need.modules.some((m) => this.code.has(`${m.toLowerCase()}:${n.toLowerCase()}`)),
          )) &&
        (!need.destination || this.host || (this.authorization && this.namesToken())),
    );
  }
}
/**
 * Each name Python import statements bind, with the top modules it may stand for: `from a.b import c as d` binds
 * `d` (and `c`, as written there) to `a`, `import a.b as e` binds `e` to `a` (and `import a.b`, `a` to itself). Read from the whole text,
 * comments and strings included: a binding too many only lets a file through.
 */
function importBindings(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const bind = (name: string, module: string) => {
    const set = out.get(name) ?? new Set<string>();
    set.add(module.split(".")[0]);
    out.set(name, set);
  };
  const items = (list: string): string[] =>
    list
      .replace(/#[^\n]*/g, "")
      .replace(/[()\\]/g, " ")
      .split(",")
      .map((i) => i.trim())
      .filter(Boolean);
  // The closing bracket of a bracketed list, found once however many lists are left open (hostile input).
  let close = -1;
  for (const m of text.matchAll(/\bfrom\s+([A-Za-z_][\w.]*)\s+import\s*(\(|(?:[^\n;\\]|\\\r?\n)*)/g)) {
    let list = m[2];
    if (list === "(") {
      const open = m.index! + m[0].length;
      if (close !== text.length && close < open) close = text.indexOf(")", open);
      if (close < 0) close = text.length;
      list = text.slice(open, close);
    }
    for (const item of items(list)) {
      // The name as imported counts too: that is where the file writes it (`import InferenceClient as IC`).
      const [name, alias] = item.split(/\s+as\s+/);
      bind(name.trim(), m[1]);
      if (alias) bind(alias.trim(), m[1]);
    }
  }
  for (const m of text.matchAll(/\bimport\s+((?:[^\n;\\]|\\\r?\n)*)/g)) {
    for (const item of items(m[1])) {
      const [name, alias] = item.split(/\s+as\s+/);
      bind(alias ? alias.trim() : name.split(".")[0].trim(), name.trim());
    }
  }
  return out;
}

/**
 * The first character at or before `k` that is not a blank, line break or line continuation (-1 at the start),
 * and whether a line break crossed on the way ends a line holding a comment (which may hide what is looked for).
 */
function skipBlanks(text: string, k: number): { at: number; comment: boolean } {
  let comment = false;
  for (; k >= 0; k--) {
    const ch = text[k];
    if (ch === "\n") {
      const lineStart = text.lastIndexOf("\n", k - 1) + 1;
      if (text.slice(lineStart, k).includes("#")) comment = true;
    }
    if (ch !== " " && ch !== "\t" && ch !== "\n" && ch !== "\r" && ch !== "\f" && ch !== "\\") break;
  }
  return { at: k, comment };
}

/** JS/TS: every hit counts where it is (comments included: JSDoc rarely names a module specifier or a host). */
function jsMayMatter(text: string): boolean {
  const found = new Found(JS, text);
  for (const m of text.matchAll(JS.hits)) if (found.add(m[0], false, m.index!)) return true;
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
      if (!skip && found.add(hit[0], inString, hit.index)) return true;
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

/**
 * Whether some `def` may call one of its parameters, which a Python retry helper does (python/helpers.ts:
 * HelperIndex.compute, callsAny): a call in code (not in a comment or string, not a method `x.p(` nor the `def p(`
 * itself) of a name some `def` takes as a parameter, or such a parameter named like an operation
 * (retryHeuristics.ts CALLABLE_NAME) handed on as an argument. Without one, retry words in a file that uses no HF
 * library name a retry that covers nothing this file could report or export. Parameter lists are read bracket by
 * bracket, strings skipped; the calls are looked for in the whole file (a superset of each body).
 */
function pythonHelperShape(text: string): boolean {
  const names = new Set<string>();
  /** Where each parameter list lies: not a call's arguments. */
  const headers: [number, number][] = [];
  const defs = [...text.matchAll(/\bdef\s+\w+\s*(?:\[[^\]]{0,200}\]\s*)?\(/g)];
  for (const [i, m] of defs.entries()) {
    let depth = 0;
    let piece = "";
    const pieces: string[] = [];
    let k = m.index! + m[0].length;
    // A parameter list ends before the next `def` (a statement cannot be inside it) and is never this long: past
    // either, or in a string that does not end, the file is unsure (hostile or broken) and counts as a helper, so
    // that each list costs at most its own bound.
    const bound = Math.min(defs[i + 1]?.index ?? text.length, k + 65536);
    for (; ; k++) {
      if (k >= bound) return true;
      const ch = text[k];
      if (ch === "'" || ch === '"') {
        const end = stringEnd(text, k);
        if (end < 0 || end > bound) return true;
        k = end - 1;
        piece += "''";
      } else if (ch === "(" || ch === "[" || ch === "{") depth++;
      else if ((ch === ")" || ch === "]" || ch === "}") && depth-- === 0) break;
      else if (ch === "," && depth === 0) {
        pieces.push(piece);
        piece = "";
      } else piece += ch;
    }
    pieces.push(piece);
    headers.push([m.index! + m[0].length, k]);
    for (const p of pieces) {
      const name = /^\s*\*{0,2}\s*([A-Za-z_]\w*)/.exec(p)?.[1];
      if (name && name !== "self" && name !== "cls") names.add(name);
    }
  }
  if (names.size === 0) return false;
  const alternatives = [...names].join("|");
  const operations = [...names].filter((n) => CALLABLE_NAME.test(n));
  const handed = operations.length > 0 && new RegExp(`[(,]\\s*(?:${operations.join("|")})\\s*[,)]`);
  // Most files are ruled out before comments, strings and parameter lists are blanked out.
  if (!new RegExp(`\\b(?:${alternatives})\\s*\\(`).test(text) && !(handed && handed.test(text))) return false;
  const called = new RegExp(`\\b(?:${alternatives})\\s*\\(`, "g");
  const bodies = pythonCode(text);
  const parts: string[] = [];
  let last = 0;
  for (const [from, to] of headers) {
    if (from < last) continue;
    parts.push(bodies.slice(last, from), bodies.slice(from, to).replace(/[^\n]/g, " "));
    last = to;
  }
  parts.push(bodies.slice(last));
  const code = parts.join("");
  // A call, not a method (`x.p(`) nor the `def p(` itself.
  for (const m of code.matchAll(called)) {
    // Only on its own line: a line may end in `1.` or `...` before a call on the next.
    let before = m.index - 1;
    while (before >= 0 && (code[before] === " " || code[before] === "\t")) before--;
    if (before > 0 && code[before] === "." && code[before - 1] !== ".") continue;
    if (/\bdef\s*$/.test(code.slice(Math.max(0, m.index - 12), m.index))) continue;
    return true;
  }
  return !!handed && handed.test(code);
}

/**
 * The text with comments and strings blanked out (line breaks kept), f-strings kept: their fields are code. An
 * unterminated triple-quoted string is kept (the parser may read the rest as code).
 */
function pythonCode(text: string): string {
  const out: string[] = [];
  const blank = (from: number, to: number) => out.push(text.slice(from, to).replace(/[^\n]/g, " "));
  let i = 0;
  for (;;) {
    PY_QUOTE_OR_COMMENT.lastIndex = i;
    const m = PY_QUOTE_OR_COMMENT.exec(text);
    if (!m) break;
    const at = m.index;
    out.push(text.slice(i, at));
    if (text[at] === "#") {
      const eol = text.indexOf("\n", at);
      const end = eol < 0 ? text.length : eol;
      blank(at, end);
      i = end;
      continue;
    }
    const closed = stringEnd(text, at);
    const end = closed < 0 ? text.length : closed;
    if (closed < 0 || /[fFtT]/.test(text.slice(prefixStart(text, at), at))) out.push(text.slice(at, end));
    else blank(at, end);
    i = end;
  }
  out.push(text.slice(i));
  return out.join("");
}
const PY_QUOTE_OR_COMMENT = /[#'"]/g;

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

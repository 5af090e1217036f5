// Which files the analyzer reads, and the cheap checks that let it skip the rest before parsing.
import { prefilterWords } from "./profiles";
import { INFERENCE_TASK_METHODS } from "./profiles/huggingfaceHub";

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
 * A file that mentions none of the profiles' words (profiles/index.ts) nor these cannot hold an HF call or a retry
 * helper, so it is not parsed at all. This is what keeps a workspace scan close to the cost of reading the files.
 * Words of hand-written retries: `retry`, `sleep`, `setTimeout`, a 429 test, an `hf`-named client or token.
 * The short words are tested apart: with every alternative five characters or longer, the regex engine can skip
 * ahead through text that cannot match, which makes the common case (no hint at all) about twice as fast.
 */
const WORDS = prefilterWords(["retry", "sleep", "settimeout", "hf", "429"]);
const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const LONG_HINTS = new RegExp(WORDS.long.map(escape).join("|"), "i");
const SHORT_HINTS = new RegExp(WORDS.short.map(escape).join("|"), "i");

/**
 * For Python files (`kind`) the words are narrowed to where they can matter. Words of hand-written retries count
 * anywhere: a retry loop's only mention of them may be its docstring. Every other word names a library, an HF
 * client or a token, which code does in an import, a name or a string: it counts only in code, not in a comment
 * or a docstring (see `namedInPythonCode`). The method names of calls on a client imported from another module
 * (`client.text_generation(...)`, `.chat.completions.create(...)`) count in code too: such a call needs no word of
 * its own, so narrowing must not drop a file the word test let through for it. (A file with no word anywhere is
 * still not parsed, as before.) In HF libraries' own repositories a sixth of the Python files that name a word
 * name it only in comments and docstrings, and parsing them found nothing.
 */
export function mayMatter(text: string, kind?: FileKind): boolean {
  if (!LONG_HINTS.test(text) && !SHORT_HINTS.test(text)) return false;
  return kind !== "python" || ANYWHERE.test(text) || namedInPythonCode(text);
}

const RETRY_WORDS = ["retry", "sleep", "settimeout", "429", "backoff"];
const ANYWHERE = new RegExp(RETRY_WORDS.join("|"), "i");
const IN_CODE = new RegExp(
  [...WORDS.long, ...WORDS.short, ...INFERENCE_TASK_METHODS, "completions"]
    .filter((w) => !RETRY_WORDS.includes(w))
    .map(escape)
    .join("|"),
  "gi",
);
/** What ends a stretch of plain code: a comment, a string, a bracket (depth decides what a statement is). */
const PY_SPECIAL = /[#'"()[\]{}]/g;

/**
 * Whether a word of `IN_CODE` occurs in Python code outside comments and docstrings. A docstring here is a plain string
 * (no f prefix: an f-string's fields run code) standing alone on its lines, at bracket depth 0, right after a line
 * ending in `:` or at the start of the file: a statement that does nothing, which no analysis reads. Strings
 * elsewhere count (URLs, environment variable names). No word is part of a comment or string delimiter, so a word
 * lies wholly inside one stretch. When unsure (an unterminated string), the rest counts as code.
 */
function namedInPythonCode(text: string): boolean {
  IN_CODE.lastIndex = 0;
  let hint = IN_CODE.exec(text);
  let depth = 0;
  /** Whether the last significant code (not comment, not whitespace) was a `:` or there was none yet. */
  let afterColon = true;
  let i = 0;
  /** [i, end) is code (or a string code can use) when `counts`; moves past it, saying whether a hint is inside. */
  const stretch = (end: number, counts: boolean): boolean => {
    if (!hint || hint.index >= end) return false;
    if (counts) return true;
    IN_CODE.lastIndex = end;
    hint = IN_CODE.exec(text);
    return false;
  };
  while (hint) {
    PY_SPECIAL.lastIndex = i;
    const special = PY_SPECIAL.exec(text);
    const at = special ? special.index : text.length;
    if (stretch(at, true)) return true;
    if (!special) return false;
    const c = text[at];
    const start = c === "'" || c === '"' ? prefixStart(text, at) : at;
    const code = lastNonBlank(text, i, start);
    if (code >= 0) afterColon = text.charCodeAt(code) === 0x3a;
    if (c === "#") {
      const eol = text.indexOf("\n", at);
      const end = eol < 0 ? text.length : eol;
      stretch(end, false);
      i = end;
    } else if (c === "'" || c === '"') {
      const closed = stringEnd(text, at);
      const end = closed < 0 ? text.length : closed;
      const docstring =
        closed >= 0 &&
        depth === 0 &&
        afterColon &&
        !/[fFtT]/.test(text.slice(start, at)) &&
        standsAlone(text, start, end);
      if (stretch(end, !docstring)) return true;
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

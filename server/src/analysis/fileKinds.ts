// Which files the analyzer reads, and the checks that skip a file it cannot analyse (too large, binary, minified).
// Whether a readable file is worth parsing is prefilter.ts's question.

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

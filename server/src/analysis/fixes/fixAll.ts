// Fix-all: apply preferred fixes one at a time, re-analysing after each, until none is left (a fixpoint). One
// fix per round means every fix is computed on the text it edits, so overlapping fixes can never be stitched
// into a broken file; a round that would leave the text unparsable is undone.
import type { Diagnostic } from "../diagnostic";
import { LineIndex } from "../text";

export interface FixAllResult {
  text: string;
  changed: boolean;
  /** Files the applied fixes create (the project's helper module). */
  created?: { path: string; text: string }[];
  /** Why the file was left alone (syntax errors, not analysable, ...). */
  skipped?: string;
}

/**
 * A guard against a fix that never converges, not a budget: every successful round removes one finding, so a file
 * needs about as many rounds as it has findings (a file with 300 bare calls needs 300), and the bound grows with
 * them. A fixed 200 left such files half fixed, and a second --fix changed them again.
 */
const MIN_ROUNDS = 200;

/**
 * `check(text)` re-analyses a candidate text and returns its diagnostics, or a string saying why it cannot be
 * analysed (then nothing is changed).
 */
export interface FileHooks {
  /** Adds the files a fix creates to the workspace before the fixed text is checked... */
  add(files: { path: string; text: string }[]): void;
  /** ...and takes them out again when the fix is undone. */
  remove(files: { path: string; text: string }[]): void;
}

export function fixToFixpoint(
  original: string,
  check: (text: string) => Diagnostic[] | string,
  hooks?: FileHooks,
): FixAllResult {
  const created: { path: string; text: string }[] = [];
  let text = original;
  let diagnostics = check(text);
  if (typeof diagnostics === "string") return { text, changed: false, skipped: diagnostics };
  // Fixes that did not help on the current text, by rule, message and occurrence.
  const tried = new Set<string>();
  const rounds = MIN_ROUNDS + 2 * diagnostics.length;
  for (let round = 0; round < rounds; round++) {
    const keys = occurrenceKeys(diagnostics);
    const index = diagnostics.findIndex(
      (d, i) =>
        d.cell === undefined && !tried.has(keys[i]) && d.fixes.some((f) => f.isPreferred && f.kind === "quickfix"),
    );
    if (index === -1) break;
    const candidate = diagnostics[index];
    tried.add(keys[index]);
    const fix = candidate.fixes.find((f) => f.isPreferred && f.kind === "quickfix")!;
    const lines = new LineIndex(text);
    const edits = fix.edits
      .map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), newText: e.newText }))
      .sort((a, b) => b.start - a.start);
    let next = text;
    for (const e of edits) next = next.slice(0, e.start) + e.newText + next.slice(e.end);
    if (next === text) continue;
    const files = fix.files ?? [];
    if (files.length) hooks?.add(files);
    const after = check(next);
    // A fix must leave parsable code and fewer problems of its rule; otherwise it is undone.
    const before = diagnostics.filter((d) => d.code === candidate.code).length;
    if (typeof after === "string" || after.filter((d) => d.code === candidate.code).length >= before) {
      if (files.length) hooks?.remove(files);
      check(text); // restore the analyzer's view of the last good text
      continue;
    }
    created.push(...files);
    text = next;
    diagnostics = after;
    tried.clear();
  }
  if (text === original) hooks?.remove(created);
  return created.length && text !== original ? { text, changed: true, created } : { text, changed: text !== original };
}

function occurrenceKeys(diagnostics: Diagnostic[]): string[] {
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const base = `${d.code}:${d.message}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}#${n}`;
  });
}

// STUB owned by the quick-fix work: applies preferred fixes to a fixpoint and returns the final text.
import type { Diagnostic } from "../diagnostic";

export interface FixAllResult {
  text: string;
  changed: boolean;
  /** Why the file was left alone (syntax errors, not analysable, ...). */
  skipped?: string;
}

/**
 * `check(text)` re-analyses a candidate text and returns its diagnostics, or a string saying why it cannot be
 * analysed (then nothing is changed).
 */
export function fixToFixpoint(text: string, _check: (text: string) => Diagnostic[] | string): FixAllResult {
  return { text, changed: false };
}

// Finding statements by offset, shared by both frontends' region re-parsing and span pinning.
import type { TextChange } from "../textDiff";

/** Index of the last item whose start is at or before `offset` (items in source order), or -1. */
export function lastStartingAtOrBefore<T>(items: readonly T[], startOf: (item: T) => number, offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(items[mid]) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The top-level statements an edit touches, as indexes: from the last one starting at or before the edit to the
 * first one ending at or after its end. Undefined when the edit starts before the first statement or ends after the
 * last (the caller then parses the whole file).
 */
export function touchedStatements<N>(statements: readonly N[], startOf: (s: N) => number, endOf: (s: N) => number, change: TextChange): { from: number; to: number } | undefined {
  const from = lastStartingAtOrBefore(statements, startOf, change.start);
  if (from < 0) return undefined;
  let to = from;
  while (to < statements.length && endOf(statements[to]) < change.oldEnd) to++;
  return to === statements.length ? undefined : { from, to };
}

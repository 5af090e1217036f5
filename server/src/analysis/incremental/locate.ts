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
export function touchedStatements<N>(
  statements: readonly N[],
  startOf: (s: N) => number,
  endOf: (s: N) => number,
  change: TextChange,
): { from: number; to: number } | undefined {
  const from = lastStartingAtOrBefore(statements, startOf, change.start);
  if (from < 0) return undefined;
  let to = from;
  while (to < statements.length && endOf(statements[to]) < change.oldEnd) to++;
  return to === statements.length ? undefined : { from, to };
}

/**
 * `from`..`to` widened over neighbours of the same group. A region that parsed with a syntax error alone may come
 * out as several top-level statements (error recovery ends a function early and reads the rest as statements of
 * their own); they are one region: the next edit in any of them re-parses them all, or the error would outlive
 * its fix in the pieces left out.
 */
export function widenToGroups<N>(
  statements: readonly N[],
  from: number,
  to: number,
  groupOf: (s: N) => number | undefined,
): { from: number; to: number } {
  const first = groupOf(statements[from]);
  if (first !== undefined) while (from > 0 && groupOf(statements[from - 1]) === first) from--;
  const last = groupOf(statements[to]);
  if (last !== undefined) while (to < statements.length - 1 && groupOf(statements[to + 1]) === last) to++;
  return { from, to };
}

let groups = 0;

/** A new group number, for the statements of one region parsed with a syntax error. */
export function newGroup(): number {
  return ++groups;
}

/**
 * The spans of the top-level statements that hold a syntax error, with the other statements of their groups (one
 * broken region parsed into several statements is one statement being typed), a run of consecutive ones as one span
 * (an open docstring or template literal breaks every statement after it: one span, not hundreds). The language
 * server holds what it last reported there while they stay broken (lsp/heldWhileBroken.ts).
 */
export function brokenSpans<N>(
  statements: readonly N[],
  startOf: (s: N) => number,
  endOf: (s: N) => number,
  broken: (index: number) => boolean,
  groupOf: (s: N) => number | undefined,
): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let lastTo = -2;
  for (let i = 0; i < statements.length; i++) {
    if (!broken(i)) continue;
    const { from, to } = widenToGroups(statements, i, i, groupOf);
    const last = out[out.length - 1];
    if (last && from <= lastTo + 1) last.end = Math.max(last.end, endOf(statements[to]));
    else out.push({ start: startOf(statements[from]), end: endOf(statements[to]) });
    lastTo = Math.max(lastTo, to);
    i = Math.max(i, to);
  }
  return out;
}

// Small builders over offsets; the fix context turns them into line/character TextEdits at the end.
import type { Span } from "../model";

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export function replace(span: Span, newText: string): OffsetEdit {
  return { start: span.start, end: span.end, newText };
}

export function insert(at: number, newText: string): OffsetEdit {
  return { start: at, end: at, newText };
}

/** Appends an argument (`bill_to="x"`) or property to the list spanning `inner` (the text between brackets). */
export function appendItem(text: string, inner: Span, item: string): OffsetEdit {
  const body = text.slice(inner.start, inner.end);
  const trimmed = body.replace(/\s+$/, "");
  if (trimmed.trim() === "") return insert(inner.start, item);
  const at = inner.start + trimmed.length;
  return insert(at, trimmed.endsWith(",") ? ` ${item}` : `, ${item}`);
}

/** Removes an argument or property and the separator next to it. */
export function removeItem(text: string, span: Span): OffsetEdit {
  let start = span.start;
  let end = span.end;
  const after = /^\s*,\s*/.exec(text.slice(end));
  if (after) end += after[0].length;
  else {
    const before = /,\s*$/.exec(text.slice(0, start));
    if (before) start -= before[0].length;
  }
  return { start, end, newText: "" };
}

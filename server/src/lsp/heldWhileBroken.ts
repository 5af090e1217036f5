// While a statement is being typed it is broken most of the time (an open `(`, string or template literal), and
// what the analysis finds in it changes with each half-typed state: a call appears, vanishes with error recovery,
// or its related places move a column with every character typed in front of them. A linter should not flicker
// on half-typed code, and the whole report (hundreds of diagnostics) would go to the client on each keystroke.
// So while the top-level statement being typed (the broken one that holds each edit) has a syntax error, its
// diagnostics are held as they were last reported before it broke; the rest of the file is reported fresh. Once it
// parses again, or an edit lands elsewhere, everything is.
//
// Where a held diagnostic is now is followed through every edit. What the report says moves only when an edit adds
// or removes lines (everything after it moves then anyway); a column typed in front of one on its own line leaves
// the reported one as it was until the statement parses again: moving it would change the report on every
// keystroke, which is what holding avoids (editors move what they show through edits themselves).
import type { Diagnostic as LspDiagnostic, Position, Range } from "vscode-languageserver";
import { changedRegion } from "../analysis/textDiff";
import { positionAt } from "../analysis/text";

interface Reported {
  /** The text the report was made for. */
  text: string;
  items: LspDiagnostic[];
  /** The broken statements whose diagnostics were held, in that text's positions. */
  held: Range[];
  /** Where each held diagnostic reported with older columns is in that text. */
  actual: Map<LspDiagnostic, LspDiagnostic>;
}

export class HeldWhileBroken {
  private readonly last = new Map<string, Reported>();

  /**
   * The report for `text`: `fresh` (the analysis' diagnostics), except in the broken statement (`broken`, in
   * `text`'s positions) that holds the edit since the last report, and those held then that are still broken,
   * where the last report's diagnostics stay.
   */
  report(uri: string, text: string, fresh: LspDiagnostic[], broken: readonly Range[]): LspDiagnostic[] {
    const last = this.last.get(uri);
    if (!last || broken.length === 0) return this.keep(uri, text, fresh);
    const edit = editBetween(last.text, text);
    // The statement being typed: a broken one that holds the whole edit since the last report. Edits elsewhere, or
    // spread over several statements (a paste, a storm of edits between two pulls), are reported as analysed.
    const typedIn = edit && broken.find((r) => within(edit.start, r) && within(edit.newEnd, r));
    if (edit && !typedIn) return this.keep(uri, text, fresh);
    const held = broken.filter(
      (r) => r === typedIn || last.held.some((h) => overlaps(r, edit ? mapRange(h, edit) : h)),
    );
    if (held.length === 0) return this.keep(uri, text, fresh);
    const inHeld = (p: Position) => held.some((r) => within(p, r));
    const kept: LspDiagnostic[] = [];
    const actual = new Map<LspDiagnostic, LspDiagnostic>();
    for (const d of last.items) {
      const was = last.actual.get(d) ?? d;
      // Where it starts decides; most of the file's diagnostics are not held, and are not copied.
      if (!inHeld(edit ? mapPosition(was.range.start, edit) : was.range.start)) continue;
      const now = edit ? mapDiagnostic(was, edit, uri) : was;
      if (edit?.linesMoved) kept.push(now);
      else {
        kept.push(d);
        if (now !== d) actual.set(d, now);
      }
    }
    return this.keep(uri, text, [...fresh.filter((d) => !inHeld(d.range.start)), ...kept], held, actual);
  }

  /** The document was closed, or everything is analysed afresh (settings, other files): no report is held. */
  forget(uri?: string): void {
    if (uri === undefined) this.last.clear();
    else this.last.delete(uri);
  }

  private keep(
    uri: string,
    text: string,
    items: LspDiagnostic[],
    held: Range[] = [],
    actual = new Map<LspDiagnostic, LspDiagnostic>(),
  ): LspDiagnostic[] {
    this.last.set(uri, { text, items, held, actual });
    return items;
  }
}

/** One edit between two texts, in positions: [start, oldEnd) of the old text became [start, newEnd). */
interface Edit {
  start: Position;
  oldEnd: Position;
  newEnd: Position;
  /** Whether it added or removed line breaks (then what follows moves to other lines). */
  linesMoved: boolean;
}

function editBetween(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  const change = changedRegion(before, after);
  const start = positionAt(after, change.start);
  const oldEnd = advance(start, before, change.start, change.oldEnd);
  const newEnd = advance(start, after, change.start, change.newEnd);
  return { start, oldEnd, newEnd, linesMoved: oldEnd.line - start.line !== newEnd.line - start.line };
}

/** `from` moved over text[start, end). */
function advance(from: Position, text: string, start: number, end: number): Position {
  let { line, character } = from;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      character = 0;
    } else character++;
  }
  return { line, character };
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function within(p: Position, r: Range): boolean {
  return !before(p, r.start) && !before(r.end, p);
}

function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Where a position of the old text is in the new one (inside the replaced text: where the new text ends). */
function mapPosition(p: Position, edit: Edit): Position {
  if (before(p, edit.start)) return p;
  if (before(p, edit.oldEnd)) return edit.newEnd;
  if (p.line === edit.oldEnd.line)
    return { line: edit.newEnd.line, character: edit.newEnd.character + p.character - edit.oldEnd.character };
  return { line: p.line + edit.newEnd.line - edit.oldEnd.line, character: p.character };
}

function mapRange(r: Range, edit: Edit): Range {
  return { start: mapPosition(r.start, edit), end: mapPosition(r.end, edit) };
}

/** A held diagnostic moved with its text (its related places in the same document too); itself when nothing moves. */
function mapDiagnostic(d: LspDiagnostic, edit: Edit, uri: string): LspDiagnostic {
  const moves = (r: Range) => !before(r.end, edit.start);
  if (!moves(d.range) && !(d.relatedInformation ?? []).some((r) => r.location.uri === uri && moves(r.location.range)))
    return d;
  const out: LspDiagnostic = { ...d, range: mapRange(d.range, edit) };
  if (d.relatedInformation)
    out.relatedInformation = d.relatedInformation.map((r) =>
      r.location.uri === uri ? { ...r, location: { uri, range: mapRange(r.location.range, edit) } } : r,
    );
  return out;
}

// How open documents take their changes. vscode-languageserver-textdocument applies a didChange's changes one by
// one, and each reads the previous result, which makes V8 copy the whole text per change (a 176 KB copy per
// keystroke for a 5,000-line file, allocated where only a full collection frees it). One change stays on that
// path; a batch (the transport merges a burst of didChange into one) is applied to the document's lines and
// joined once.
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";

/** Below this many changes the per-change path is as cheap. */
const BATCH = 4;

export const batchedTextDocuments: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
  update(document, changes, version) {
    if (changes.length < BATCH || changes.some((c) => !("range" in c) || !c.range))
      return TextDocument.update(document, changes, version);
    return TextDocument.update(document, [{ text: applyChanges(document.getText(), changes) }], version);
  },
};

/** The text after applying incremental changes in order, with LSP's position rules (as TextDocument applies them). */
export function applyChanges(text: string, changes: TextDocumentContentChangeEvent[]): string {
  const lines = splitLines(text);
  for (const change of changes) {
    if (!("range" in change) || !change.range) {
      lines.length = 0;
      lines.push(...splitLines(change.text));
      continue;
    }
    let { start, end } = change.range;
    if (start.line > end.line || (start.line === end.line && start.character > end.character))
      [start, end] = [end, start];
    const s = position(lines, start.line, start.character);
    const e = position(lines, end.line, end.character);
    // Re-split the edited lines with their neighbours: a CR at the end of one piece and an LF at the start of the
    // next form one line break.
    const from = Math.max(0, s.line - 1);
    const to = Math.min(lines.length, e.line + 2);
    const before = lines.slice(from, s.line).join("") + (lines[s.line] ?? "").slice(0, s.character);
    const after = (lines[e.line] ?? "").slice(e.character) + lines.slice(e.line + 1, to).join("");
    lines.splice(from, to - from, ...splitLines(before + change.text + after));
  }
  return lines.join("");
}

/** A position clamped as TextDocument.offsetAt does: past the end of a line means before its line break. */
function position(lines: string[], line: number, character: number): { line: number; character: number } {
  if (line < 0) return { line: 0, character: 0 };
  if (line >= lines.length) return { line: lines.length, character: 0 };
  const text = lines[line];
  const content = text.length - eolLength(text);
  return { line, character: Math.max(0, Math.min(character, content)) };
}

function eolLength(line: string): number {
  if (line.endsWith("\r\n")) return 2;
  return line.endsWith("\n") || line.endsWith("\r") ? 1 : 0;
}

/** Lines with their line breaks (\r\n, \n or \r); the last line has none (and may be empty only if it is all). */
function splitLines(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 || ch === 10) {
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      out.push(text.slice(from, i + 1));
      from = i + 1;
    }
  }
  if (from < text.length || out.length === 0) out.push(text.slice(from));
  return out;
}

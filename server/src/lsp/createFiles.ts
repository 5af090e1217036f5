// A fix that creates the project's helper module is one WorkspaceEdit: create the file, fill it, then edit the
// document that imports it, so the editor applies (and undoes) them as one step.
import type { CreateFile, TextDocumentEdit } from "vscode-languageserver";
import { pathToUri } from "./uris";

export function createFiles(files: { path: string; text: string }[] | undefined): (CreateFile | TextDocumentEdit)[] {
  return (files ?? []).flatMap((f) => {
    const uri = pathToUri(f.path);
    const start = { line: 0, character: 0 };
    return [
      { kind: "create" as const, uri, options: { ignoreIfExists: true } },
      { textDocument: { uri, version: null }, edits: [{ range: { start, end: start }, newText: f.text }] },
    ];
  });
}

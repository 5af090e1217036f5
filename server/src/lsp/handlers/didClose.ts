// textDocument/didClose: the file stays part of the workspace (cross-file facts) with its content on disk.
import type { TextDocumentChangeEvent } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ReadyServer } from "../readyServer";

export function didClose(server: ReadyServer, e: TextDocumentChangeEvent<TextDocument>): void {
  const path = server.engine.pathOf(e.document);
  server.overlay.delete(path);
  if (path.startsWith("/__unsaved__/")) server.analyzer.removeFile(path);
  else server.analyzer.setFile(path);
  server.engine.closed(e.document);
  // Its problems come from the workspace report (or the index's push) again.
  server.problems.invalidate();
}

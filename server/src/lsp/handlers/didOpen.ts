// textDocument/didOpen: the buffer replaces the disk for this path; analysis happens on the next pull or push.
import type { TextDocumentChangeEvent } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ReadyServer } from "../readyServer";

export function didOpen(server: ReadyServer, e: TextDocumentChangeEvent<TextDocument>): void {
  server.overlay.set(server.engine.pathOf(e.document), e.document.getText());
  server.engine.changed(e.document, "open");
  // The file's problems now come from the document; the workspace's may depend on its buffer.
  server.problems.invalidate();
}

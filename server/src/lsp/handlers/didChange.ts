// textDocument/didChange: keep the overlay in step; never analyse here, so typing never waits.
import type { TextDocumentChangeEvent } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ReadyServer } from "../readyServer";

export function didChange(server: ReadyServer, e: TextDocumentChangeEvent<TextDocument>): void {
  server.overlay.set(server.engine.pathOf(e.document), e.document.getText());
  server.engine.changed(e.document, "change");
  server.problems.invalidate("change");
}

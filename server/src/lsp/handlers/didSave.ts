// textDocument/didSave: what `hfRateGuard.run: onSave` waits for.
import type { TextDocumentChangeEvent } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ReadyServer } from "../readyServer";

export function didSave(server: ReadyServer, e: TextDocumentChangeEvent<TextDocument>): void {
  server.engine.changed(e.document, "save");
}

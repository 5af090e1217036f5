// textDocument/codeAction: quick fixes for the diagnostics asked about, and fix-all (`source.fixAll.hfRateGuard`).
// The analysis itself is current: the document was analysed for the version its diagnostics carry. A request
// about diagnostics of another version of the document gets nothing (a diagnostic unchanged since an earlier
// version carries that version and is current while the last results hold it: see DiagnosticsEngine.isCurrent).
import { CodeActionKind, type CodeAction, type CodeActionParams } from "vscode-languageserver";
import { FIX_ALL_KIND, SOURCE } from "../../../../shared/src/protocol";
import { sameRange } from "../convert";
import type { ReadyServer } from "../readyServer";
import { createFiles } from "../createFiles";
import { pathToUri } from "../uris";

export async function codeAction(server: ReadyServer, params: CodeActionParams): Promise<CodeAction[]> {
  const doc = server.documents.get(params.textDocument.uri);
  if (!doc) return [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    // Some clients (Neovim 0.7) send back only code and data: recognise ours by those when source is missing.
    const ours = params.context.diagnostics.filter(
      (d) => (d.source === undefined || d.source === SOURCE) && server.engine.isCurrent(doc.uri, doc.version, d),
    );
    const withFixes = await server.engine.fixesFor(doc, ours);
    for (const diagnostic of ours) {
      const found = withFixes.find((d) => d.code === diagnostic.code && sameRange(d.range, diagnostic.range));
      for (const fix of found?.fixes ?? []) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred,
          // One step: the helper module the fix creates (if any), then the document's own edits.
          edit: {
            documentChanges: [
              ...createFiles(fix.files),
              {
                textDocument: { uri: doc.uri, version: doc.version },
                edits: fix.edits.map((e) => ({ range: e.range, newText: e.newText })),
              },
              // A manifest the fix edits (a version range's floor).
              ...(fix.otherFiles ?? []).map((f) => ({
                textDocument: { uri: pathToUri(f.path), version: null },
                edits: f.edits.map((e) => ({ range: e.range, newText: e.newText })),
              })),
            ],
          },
        });
      }
    }
  }
  if (only && wants(FIX_ALL_KIND) && (await server.settings.get(doc.uri)).enable) {
    const edit = await server.engine.fixAllEdit(doc);
    if (edit) actions.push({ title: "HF Rate Guard: Fix all auto-fixable problems", kind: FIX_ALL_KIND, edit });
  }
  return actions;
}

// Code actions carry their edits (computed with the diagnostics and shipped in `data`), so nothing is
// recomputed here. A request for a document version other than the one the fixes were made for gets nothing.
import { CodeActionKind, type CodeAction, type CodeActionParams } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { FIX_ALL_KIND, SOURCE } from "../../../shared/src/protocol";
import type { DiagnosticData } from "./convert";
import type { DiagnosticsEngine } from "./diagnostics";
import type { SettingsStore } from "./settings";

export async function codeActions(params: CodeActionParams, doc: TextDocument, engine: DiagnosticsEngine, settings: SettingsStore): Promise<CodeAction[]> {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      // Some clients (Neovim 0.7) send back only code and data: recognise ours by those when source is missing.
      if (diagnostic.source !== undefined && diagnostic.source !== SOURCE) continue;
      const data = diagnostic.data as DiagnosticData | undefined;
      if (!data || data.version !== doc.version) continue;
      for (const fix of data.fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred,
          edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) }] },
        });
      }
    }
  }
  if (only && wants(FIX_ALL_KIND) && (await settings.get(doc.uri)).enable) {
    const edit = await engine.fixAllEdit(doc);
    if (edit) actions.push({ title: "HF Rate Guard: Fix all auto-fixable problems", kind: FIX_ALL_KIND, edit });
  }
  return actions;
}

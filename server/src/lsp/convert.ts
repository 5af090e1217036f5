// Core diagnostics to LSP diagnostics: severity, code, docs link, and in `data` the document version they were
// first reported in, so a code action request about an older version is recognised and answered with nothing
// (DiagnosticsEngine.isCurrent).
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from "vscode-languageserver";
import { SOURCE } from "../../../shared/src/protocol";
import { docsUrl } from "../../../shared/src/rules";
import type { Diagnostic } from "../analysis/diagnostic";
import { pathToUri } from "./uris";

export interface DiagnosticData {
  version: number;
}

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** `uri` is the document's: related places without a path are in it (for a notebook cell, in that cell). */
export function toLsp(d: Diagnostic, version: number, uri: string): LspDiagnostic {
  const data: DiagnosticData = { version };
  const out: LspDiagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: docsUrl(d.code) },
    source: SOURCE,
    message: d.message,
    data,
  };
  if (d.related?.length)
    out.relatedInformation = d.related.map((r) => ({
      location: { uri: r.path ? pathToUri(r.path) : uri, range: r.range },
      message: r.message,
    }));
  return out;
}

/**
 * Each core diagnostic's LSP form, made once. The core hands back the same object for a diagnostic that did not
 * change (rules/run.ts), so a keystroke converts (and encoding.ts encodes) only what changed; the LSP form keeps
 * the version it was first reported in.
 *
 * A statement being typed is judged again on every keystroke, so its diagnostics are new objects even when they
 * read exactly as before. `report` gives such a diagnostic the LSP form it had in the document's last report
 * (same code, range, message, related places; its older version stamp with it), which keeps it unchanged for the
 * encoding and lets a pull that asks with the last report's resultId be answered "unchanged" (diagnostics.ts).
 */
export class LspForms {
  private readonly forms = new WeakMap<Diagnostic, { uri: string; lsp: LspDiagnostic; content?: string }>();
  /** Per document, its last report's LSP forms by what they say (see `contentOf`). */
  private readonly lastReport = new Map<string, Map<string, LspDiagnostic>>();

  of(d: Diagnostic, version: number, uri: string): LspDiagnostic {
    const known = this.forms.get(d);
    if (known?.uri === uri) return known.lsp;
    const lsp = toLsp(d, version, uri);
    this.forms.set(d, { uri, lsp });
    return lsp;
  }

  /** A document's diagnostics as LSP forms; one that reads as in its last report keeps that report's form. */
  report(diagnostics: readonly Diagnostic[], version: number, uri: string): LspDiagnostic[] {
    const previous = this.lastReport.get(uri);
    const next = new Map<string, LspDiagnostic>();
    const out = diagnostics.map((d) => {
      let known = this.forms.get(d);
      if (known?.uri !== uri || known.content === undefined) {
        const fresh = known?.uri === uri ? known.lsp : toLsp(d, version, uri);
        const content = contentOf(fresh);
        known = { uri, lsp: previous?.get(content) ?? fresh, content };
        this.forms.set(d, known);
      }
      next.set(known.content!, known.lsp);
      return known.lsp;
    });
    this.lastReport.set(uri, next);
    return out;
  }

  /** The document was closed: its next report starts afresh. */
  forget(uri: string): void {
    this.lastReport.delete(uri);
  }
}

/** What an LSP diagnostic says, all but its version stamp (`data`), as one string. */
function contentOf(d: LspDiagnostic): string {
  return JSON.stringify({ ...d, data: undefined });
}

export function sameRange(a: Diagnostic["range"], b: Diagnostic["range"]): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

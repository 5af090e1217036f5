// Core diagnostics to LSP diagnostics: severity, code, docs link, and the fixes carried in `data` (with the
// document version they were computed for) so code actions need no server-side cache.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from "vscode-languageserver";
import { SOURCE } from "../../../shared/src/protocol";
import { docsUrl } from "../../../shared/src/rules";
import type { Diagnostic, Fix } from "../analysis/diagnostic";

export interface DiagnosticData {
  version: number;
  fixes: Fix[];
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

export function toLsp(d: Diagnostic, version: number): LspDiagnostic {
  const data: DiagnosticData = { version, fixes: d.fixes };
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: docsUrl(d.code) },
    source: SOURCE,
    message: d.message,
    data,
  };
}

// textDocument/hover: on an HF call's callee, what the analyzer knows about it (analysis/explain.ts): surface,
// billing, 429 protection, and the findings with links to their rule docs.
import { MarkupKind, type Hover, type HoverParams } from "vscode-languageserver";
import { explanationMarkdown } from "../../analysis/explainText";
import type { ReadyServer } from "../readyServer";

export async function hover(server: ReadyServer, params: HoverParams): Promise<Hover | null> {
  const doc = server.documents.get(params.textDocument.uri);
  if (!doc) return null;
  const explanations = await server.engine.explain(doc, params.position);
  if (!explanations.length) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: explanations.map(explanationMarkdown).join("\n\n---\n\n") },
    range: explanations[0].range,
  };
}

// Renders a call's explanation (explain.ts): Markdown for the editor's hover, text for `hf-rate-guard explain`.
// Kept apart from explain.ts so the language server's small bundle can render without loading the analyzer.
import type { CallExplanation, RetryExplanation } from "./explain";

function retryLine(r: RetryExplanation): string {
  const traits = [
    `attempts: ${r.attempts}`,
    `wait: ${r.wait}`,
    r.jitter ? "jitter" : "no jitter",
    r.retryAfter ? "honours Retry-After" : "ignores Retry-After",
    ...(r.retries402 ? ["also retries 402"] : []),
  ];
  return `${r.what} (line ${r.range.start.line + 1})${r.handles429 ? "" : ", which does not fire on this call's 429"}: ${traits.join(", ")}`;
}

export function explanationMarkdown(e: CallExplanation): string {
  const out = [
    `**HF Rate Guard** · \`${e.callee}\``,
    "",
    `**Surface:** ${e.surface}`,
    "",
    `**Billing:** ${e.billing}`,
    "",
    `**429:** ${e.protection}`,
  ];
  for (const r of e.retries) out.push("", `- ${retryLine(r)}`);
  // Rule names and links only: the editor shows each finding's message next to this hover already.
  if (e.findings.length)
    out.push("", `**Findings:** ${e.findings.map((f) => `[${f.code}](${f.docs}) ${f.rule}`).join(" · ")}`);
  return out.join("\n");
}

export function explanationText(e: CallExplanation, where: string): string {
  const out = [
    `${where}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.callee} (${e.library})`,
    `  surface: ${e.surface}`,
    `  billing: ${e.billing}`,
    `  429:     ${e.protection}`,
  ];
  for (const r of e.retries) out.push(`           ${retryLine(r)}`);
  for (const f of e.findings) out.push(`  ${f.code} [${f.rule}] ${f.message}`, `           ${f.docs}`);
  return out.join("\n");
}

// Bill-to evidence written anywhere in a file: an X-HF-Bill-To header, `bill_to=` or `billTo:`, whatever call it
// is attached to (often one this analyzer does not follow, e.g. LiteLLM params built in a dict). A literal names
// the org; a dynamic value (env var, config, app state) is still evidence that the project bills an organization,
// whose name the messages then do not know. Text-level on purpose: evidence is about the project, not one call.
import type { BillToEvidence, Language } from "./model";

const PATTERNS: Record<Language, RegExp> = {
  python: /["']x-hf-bill-to["']\s*:\s*([^,}\n]+)|\bbill_to\s*=\s*([^,)\n]+)|["']bill_to["']\s*:\s*([^,}\n]+)/gi,
  js: /["']?x-hf-bill-to["']?\s*:\s*([^,}\n]+)|\bbillTo\s*:\s*([^,}\n]+)/gi,
};

/** Values that say "no org" rather than naming one. */
const EMPTY = /^(None|null|undefined|""|''|``|false|False)$/;

/** An expression that means the same in any file of the language (so a fix may reuse it). */
const PORTABLE: Record<Language, RegExp> = {
  python:
    /^os\.(environ\.get|getenv)\(\s*["'][A-Z0-9_]+["'](\s*,\s*["'][^"']*["'])?\s*\)$|^os\.environ\[\s*["'][A-Z0-9_]+["']\s*\]$/,
  js: /^process\.env\.[A-Z0-9_]+$|^process\.env\[\s*["'][A-Z0-9_]+["']\s*\]$/,
};

/**
 * Evidence in one statement's text (`start` is where the statement starts in the file). `passThrough` says
 * whether a dynamic value at an offset only forwards what a caller gave (a parameter, or a field set from one):
 * a library or wrapper that forwards `bill_to` bills no organization by itself.
 */
export function billToEvidenceIn(
  text: string,
  start: number,
  language: Language,
  passThrough: (offset: number) => boolean = () => false,
): BillToEvidence[] {
  if (!/bill[-_]?to/i.test(text)) return [];
  // Comments blanked out in place, so offsets into `code` are offsets into `text`.
  const comments = language === "python" ? /#[^\n]*/g : /\/\*[\s\S]*?\*\/|(?<![:\\])\/\/[^\n]*/g;
  const code = text.replace(comments, (c) => c.replace(/[^\n]/g, " "));
  const out: BillToEvidence[] = [];
  for (const m of code.matchAll(PATTERNS[language])) {
    const raw = (m[1] ?? m[2] ?? m[3] ?? "")
      .trim()
      .replace(/[;)]+$/, "")
      .trim();
    if (!raw || EMPTY.test(raw) || raw.endsWith(":")) continue; // `bill_to: str = None` annotations, empty values
    const span = { start: start + m.index!, end: start + m.index! + m[0].length };
    const literal = /^(["'`])([^"'`{}$]+)\1$/.exec(raw);
    if (literal) out.push({ org: literal[2], span });
    else if (passThrough(start + m.index! + m[0].lastIndexOf(raw))) continue;
    else out.push({ span, expression: PORTABLE[language].test(raw) ? { language, text: raw } : undefined });
  }
  return out;
}

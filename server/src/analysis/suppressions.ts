// `# hf-rate-guard: ignore[HF001]` / `// hf-rate-guard: ignore[HF001,HF003]` on the reported line or the line
// above; without brackets every rule. `hf-rate-guard: ignore-file[...]` anywhere covers the whole file.
// The directive must sit in a comment (after #, // or /*) so that a string mentioning it does not count.
import { isRuleCode, type RuleCode } from "../../../shared/src/rules";

export interface Suppressions {
  isSuppressed(code: RuleCode, line: number): boolean;
}

export interface Directive {
  line: number;
  fileWide: boolean;
  /** undefined: all rules. */
  codes?: RuleCode[];
  /** Offsets of the directive text within its line, for fixes that merge codes into it. */
  start: number;
  end: number;
}

export const DIRECTIVE = /(#|\/\/|\/\*)\s*hf-rate-guard:\s*(ignore-file|ignore)(?:\[([^\]]*)\])?/g;

export function parseDirectives(text: string): Directive[] {
  const out: Directive[] = [];
  if (!text.includes("hf-rate-guard:")) return out;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((lineText, line) => {
    if (!lineText.includes("hf-rate-guard:")) return;
    for (const m of lineText.matchAll(DIRECTIVE)) {
      const codes =
        m[3] === undefined
          ? undefined
          : m[3]
              .split(",")
              .map((c) => c.trim().toUpperCase())
              .filter(isRuleCode);
      out.push({ line, fileWide: m[2] === "ignore-file", codes, start: m.index!, end: m.index! + m[0].length });
    }
  });
  return out;
}

export function parseSuppressions(text: string): Suppressions {
  const directives = parseDirectives(text);
  if (directives.length === 0) return { isSuppressed: () => false };
  const covers = (d: Directive, code: RuleCode) => d.codes === undefined || d.codes.includes(code);
  const fileWide = directives.filter((d) => d.fileWide);
  const byLine = new Map<number, Directive[]>();
  for (const d of directives) if (!d.fileWide) byLine.set(d.line, [...(byLine.get(d.line) ?? []), d]);
  return {
    isSuppressed(code, line) {
      if (fileWide.some((d) => covers(d, code))) return true;
      return [line, line - 1].some((l) => (byLine.get(l) ?? []).some((d) => covers(d, code)));
    },
  };
}

// Shared by the incremental-analysis tests: seeded random edits, and a model comparison that ignores the path.
import type { FileModel } from "../../server/src/analysis/model";

/** Small deterministic PRNG (mulberry32), so a failure names a seed that reproduces it. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random edit: delete a short range, move a line elsewhere, or insert one of `snippets`. */
export function randomEdit(text: string, random: () => number, snippets: readonly string[]): string {
  const at = Math.floor(random() * (text.length + 1));
  const r = random();
  if (r < 0.3 && text.length > 0)
    return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 40)));
  if (r < 0.45) {
    // Statements reorder: names appear before or after their uses.
    const lines = text.split("\n");
    const line = lines.splice(Math.floor(random() * lines.length), 1)[0];
    lines.splice(Math.floor(random() * lines.length), 0, line);
    return lines.join("\n");
  }
  return text.slice(0, at) + snippets[Math.floor(random() * snippets.length)] + text.slice(at);
}

/** The model as JSON with the file's path replaced, so two paths' models compare. */
export function modelJson(model: FileModel, file: string): string {
  return JSON.stringify(model).split(JSON.stringify(file).slice(1, -1)).join("<file>");
}

/**
 * A walk of `steps` edits from `source`, calling `check` on each new text; `check` compares the incremental result
 * with a fresh one when the text is valid and returns whether it was. Incremental equals fresh only for valid
 * code: in a file with syntax errors the kept state deliberately keeps an error inside the edited statements
 * instead of following the parser's recovery through the rest of the file. So after an edit that breaks the
 * syntax, half the time the walk goes back to the last valid text (an undo, or the keystroke that completes a
 * line), and the kept state is compared again on valid code after passing through errors. Returns how many valid
 * texts were compared.
 */
export function differentialWalk(
  source: string,
  random: () => number,
  steps: number,
  edit: (text: string) => string,
  check: (text: string, step: number) => boolean,
): number {
  let text = source;
  let valid = source;
  let compared = 0;
  for (let step = 0; step < steps; step++) {
    text = edit(text);
    if (check(text, step)) {
      valid = text;
      compared++;
    } else if (random() < 0.5) {
      text = valid;
      if (check(text, step)) compared++;
    }
  }
  return compared;
}

// How deeply a file nests, measured by one pass over its characters before any parser sees it.
//
// Deep nesting is where parsers break: tree-sitter-python's scanner overruns a buffer when its stack of
// indentation levels and open brackets passes about 511 entries (which damages the parser's memory for every later
// file), and TypeScript's recursive parser runs out of stack near 1,000 levels, after having spent the time to get
// there. No real program comes close: CPython itself refuses more than 100 levels of indentation and 200 nested
// brackets. So a file past these limits is skipped with the reason, at the cost of reading it once.
//
// The count errs on the high side (brackets inside strings and comments count too, and every line's indentation
// counts, even inside brackets), so a file that passes is surely within what the parsers handle.

/** CPython's limits ("too many levels of indentation", "too many nested parentheses"). */
export const PYTHON_MAX_INDENT_LEVELS = 100;
export const PYTHON_MAX_BRACKETS = 200;
/** Well below the depth where TypeScript's parser or the analysis runs out of stack. */
export const JS_MAX_BRACKETS = 400;

/** Why a file is nested too deeply to parse, or undefined. */
export function nestingProblem(text: string, language: "python" | "js"): string | undefined {
  const limit = language === "python" ? PYTHON_MAX_BRACKETS : JS_MAX_BRACKETS;
  const brackets = bracketDepth(text, limit);
  if (brackets > limit) return `nested too deeply: more than ${limit} levels of brackets`;
  if (language === "python" && indentLevels(text, PYTHON_MAX_INDENT_LEVELS) > PYTHON_MAX_INDENT_LEVELS) {
    return `nested too deeply: more than ${PYTHON_MAX_INDENT_LEVELS} levels of indentation (Python's own limit)`;
  }
  return undefined;
}

/** The deepest bracket nesting, counting every bracket character; stops counting once past `limit`. */
function bracketDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) {
      if (++depth > max && (max = depth) > limit) return max;
    } else if ((c === 0x29 || c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return max;
}

/**
 * The deepest stack of indentation levels, as Python's tokenizer keeps it (a wider line pushes a level, a narrower
 * one pops back to it; a tab counts 8 columns, as tree-sitter-python counts it). Blank and comment lines are
 * skipped. Stops counting once past `limit`.
 */
function indentLevels(text: string, limit: number): number {
  const stack: number[] = [0];
  let max = 1;
  let i = 0;
  while (i < text.length) {
    let width = 0;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20) width++;
      else if (c === 0x09) width += 8;
      else break;
      i++;
    }
    const c = text.charCodeAt(i);
    const blank = i >= text.length || c === 0x0a || c === 0x0d || c === 0x23;
    if (!blank) {
      while (width < stack[stack.length - 1]) stack.pop();
      if (width > stack[stack.length - 1]) {
        stack.push(width);
        if (stack.length > max && (max = stack.length) > limit + 1) return max - 1;
      }
    }
    const next = text.indexOf("\n", i);
    if (next < 0) break;
    i = next + 1;
  }
  return max - 1;
}

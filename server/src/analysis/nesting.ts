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
//
// Typing must not pay a pass over the whole file per keystroke: from the last version's measure, an edit bounds the
// new one (measureEdit), and only when a bound passes a limit is the file counted again.
import { changedRegion } from "./textDiff";

/** CPython's limits ("too many levels of indentation", "too many nested parentheses"). */
export const PYTHON_MAX_INDENT_LEVELS = 100;
export const PYTHON_MAX_BRACKETS = 200;
/** Well below the depth where TypeScript's parser or the analysis runs out of stack. */
export const JS_MAX_BRACKETS = 400;

/**
 * A file's nesting, as upper bounds: the deepest bracket nesting, and the widest indentation of a line (in columns,
 * a tab counting 8). Python's levels of indentation are strictly widening, so they are at most that width.
 */
export interface Nesting {
  brackets: number;
  width: number;
}

/** Characters read by the counts (tests count them: a keystroke reads its lines, not the file). */
export const nestingWork = { chars: 0 };

/** Why a file is nested too deeply to parse (or undefined), and its measure for the next version. */
export function nestingProblem(
  text: string,
  language: "python" | "js",
  previous?: { text: string; nesting: Nesting },
): { problem?: string; nesting: Nesting } {
  const limit = language === "python" ? PYTHON_MAX_BRACKETS : JS_MAX_BRACKETS;
  const bound = previous && measureEdit(previous.text, previous.nesting, text);
  // Within both limits whatever the edit did: nothing to count.
  if (bound && bound.brackets <= limit && (language !== "python" || bound.width <= PYTHON_MAX_INDENT_LEVELS))
    return { nesting: bound };
  nestingWork.chars += text.length;
  const nesting = { brackets: bracketDepth(text, limit), width: widest(text) };
  if (nesting.brackets > limit) return { problem: `nested too deeply: more than ${limit} levels of brackets`, nesting };
  if (
    language === "python" &&
    nesting.width > PYTHON_MAX_INDENT_LEVELS &&
    indentLevels(text, PYTHON_MAX_INDENT_LEVELS) > PYTHON_MAX_INDENT_LEVELS
  ) {
    return {
      problem: `nested too deeply: more than ${PYTHON_MAX_INDENT_LEVELS} levels of indentation (Python's own limit)`,
      nesting,
    };
  }
  return { nesting };
}

/**
 * Bounds for `text` from the measure of `before`. Each bracket character removed or inserted moves the depth at
 * every later place by at most one (opening, closing and the floor at zero are each one step), so the deepest
 * nesting grows by at most their count. Lines the edit did not touch keep their width; the touched ones (in the
 * new text) are measured.
 */
export function measureEdit(before: string, nesting: Nesting, text: string): Nesting {
  const change = changedRegion(before, text);
  let brackets = nesting.brackets;
  for (const [from, to, t] of [
    [change.start, change.oldEnd, before],
    [change.start, change.newEnd, text],
  ] as const) {
    nestingWork.chars += to - from;
    for (let i = from; i < to; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x28 || c === 0x5b || c === 0x7b || c === 0x29 || c === 0x5d || c === 0x7d) brackets++;
    }
  }
  const lineStart = text.lastIndexOf("\n", change.start - 1) + 1;
  const lineEnd = text.indexOf("\n", change.newEnd);
  const touched = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  nestingWork.chars += touched.length;
  return { brackets, width: Math.max(nesting.width, widest(touched)) };
}

/** The widest indentation of any line, in columns (a tab counts 8, as in indentLevels). */
function widest(text: string): number {
  let max = 0;
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
    if (width > max) max = width;
    const next = text.indexOf("\n", i);
    if (next < 0) break;
    i = next + 1;
  }
  return max;
}

const BRACKET = /[()[\]{}]/g;

/**
 * The deepest bracket nesting, counting every bracket character; stops counting once past `limit`. The regex
 * engine skips from bracket to bracket about twice as fast as a loop over every character (a cold scan runs this
 * over every file it parses).
 */
function bracketDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  BRACKET.lastIndex = 0;
  // test() moves lastIndex past each bracket without making a match array (exec made one per bracket: garbage).
  while (BRACKET.test(text)) {
    const c = text.charCodeAt(BRACKET.lastIndex - 1);
    if (c === 0x28 || c === 0x5b || c === 0x7b) {
      if (++depth > max && (max = depth) > limit) return max;
    } else if (depth > 0) depth--;
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

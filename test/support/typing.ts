// Typing a new line into a function one character at a time, as an editor sends it: each keystroke is one
// didChange inserting one character. Most states in between are syntax errors (an open string, an open `(`),
// which is what makes this the hard case for a parser's error recovery. Shared by `npm run bench:lsp` and the
// stability tests, so both type the same sequence.

/** What a user types into a Python function and into a TypeScript one (each ends with a newline). */
export const TYPED = {
  python: "    extra = client.text_generation('hi', model='m')\n",
  typescript: '  const extra = await client.textGeneration({ model: "m", inputs: "hi" });\n',
} as const;

/**
 * Lines whose half-typed states open a string that runs on through the rest of the file in a whole parse: a
 * docstring's `"""` and a template literal's backtick (the files hold more of both further down).
 */
export const TYPED_STRINGS = {
  python: '    """Ask the model, politely."""\n',
  typescript: "  const note = `asked ${prompt.length}`;\n",
} as const;

/** The function bodies typed into (one per round), by language. */
export function anchorLine(language: keyof typeof TYPED, round: number): (line: string) => boolean {
  const n = 40 + round;
  return language === "python"
    ? (l) => l.startsWith(`def ask_${n}(`)
    : (l) => l.startsWith(`export async function ask${n}(`);
}

export interface Keystroke {
  /** The whole text after this keystroke. */
  text: string;
  /** The didChange content change for it. */
  change: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    text: string;
  };
}

/**
 * The keystrokes that type `typed` at the start of line `line` (0-based) of `text`: the cursor sits at column 0 of
 * the function's first body line, so until the newline the typed characters push that line to the right.
 */
export function typeAt(text: string, line: number, typed: string): Keystroke[] {
  const lines = text.split("\n");
  const at = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
  const out: Keystroke[] = [];
  for (let i = 0; i < typed.length; i++) {
    const next = text.slice(0, at) + typed.slice(0, i + 1) + text.slice(at);
    const position = { line, character: i };
    out.push({ text: next, change: { range: { start: position, end: position }, text: typed[i] } });
  }
  return out;
}

/** Typing `TYPED[language]` (or another line of `lines_`) into the first body line of `rounds` functions in turn, each round after the last. */
export function typingSequence(
  language: keyof typeof TYPED,
  text: string,
  rounds: number,
  lines_: Record<keyof typeof TYPED, string> = TYPED,
): { keystrokes: Keystroke[]; lines: number[] } {
  const keystrokes: Keystroke[] = [];
  const lines: number[] = [];
  let current = text;
  for (let r = 0; r < rounds; r++) {
    const line = current.split("\n").findIndex(anchorLine(language, r)) + 1;
    if (line === 0) throw new Error(`no function for round ${r}`);
    const typed = typeAt(current, line, lines_[language]);
    keystrokes.push(...typed);
    lines.push(line);
    current = typed[typed.length - 1].text;
  }
  return { keystrokes, lines };
}

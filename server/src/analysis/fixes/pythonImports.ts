// Editing a Python file's `from M import a, b` lines the way isort (ruff's I001) would leave them: a name added in
// sorted order (constants, then classes, then functions, as ruff sorts them by default), a line that grows past
// the file's line length wrapped in parentheses one name per line, and a name a fix stopped using removed
// (pyflakes' F401), with the whole statement when it was the last one.
import { eol, type FixContext } from "./context";
import { insert, type OffsetEdit } from "./edits";
import { pythonInsertionOffset } from "./insertionPoint";

const LINE_LENGTH = 88; // ruff's and black's default

interface FromImport {
  start: number;
  end: number;
  names: string[];
  /** Written with parentheses (then kept so, one name per line). */
  wrapped: boolean;
}

function fromImport(text: string, module: string): FromImport | undefined {
  const m = new RegExp(
    `^from[ \\t]+${module.replace(/\./g, "\\.")}[ \\t]+import[ \\t]+(\\([^)]*\\)|[^\\n#;\\\\]+?)[ \\t]*(?=#|$)`,
    "m",
  ).exec(text);
  if (!m) return undefined;
  const wrapped = m[1].startsWith("(");
  const list = wrapped ? m[1].slice(1, -1) : m[1];
  const names = list
    .split(",")
    .map((n) => n.replace(/#.*$/m, "").trim())
    .filter(Boolean);
  if (names.some((n) => !/^\w+(\s+as\s+\w+)?$/.test(n))) return undefined;
  return { start: m.index, end: m.index + m[0].length, names, wrapped };
}

/** ruff's default isort key: CONSTANTS, then Classes, then functions, each case-insensitively. */
function sortKey(name: string): [number, string] {
  const bare = name.split(/\s+as\s+/)[0];
  const kind = bare.length > 1 && bare === bare.toUpperCase() ? 0 : /^[A-Z]/.test(bare) ? 1 : 2;
  return [kind, bare.toLowerCase()];
}

function compare(a: string, b: string): number {
  const [ka, na] = sortKey(a);
  const [kb, nb] = sortKey(b);
  return ka - kb || (na < nb ? -1 : na > nb ? 1 : 0);
}

function isSorted(names: string[]): boolean {
  return names.every((n, i) => i === 0 || compare(names[i - 1], n) <= 0);
}

function render(ctx: FixContext, module: string, names: string[], wrapped: boolean): string {
  const line = `from ${module} import ${names.join(", ")}`;
  if (!wrapped && line.length <= LINE_LENGTH) return line;
  const nl = eol(ctx);
  return `from ${module} import (${nl}${names.map((n) => `    ${n},${nl}`).join("")})`;
}

/** Adds `name` to `from module import ...`, or a new such line after the imports. */
export function addFromImport(ctx: FixContext, module: string, name: string): OffsetEdit[] {
  const existing = fromImport(ctx.text, module);
  if (!existing) return [insert(pythonInsertionOffset(ctx.text), `from ${module} import ${name}${eol(ctx)}`)];
  if (existing.names.some((n) => n.split(/\s+as\s+/).pop() === name)) return [];
  const names = [...existing.names];
  // Keep a sorted list sorted; an unsorted one was not sorted by a tool, so the name goes last.
  const at = isSorted(names) ? names.findIndex((n) => compare(name, n) < 0) : -1;
  names.splice(at === -1 ? names.length : at, 0, name);
  return [{ start: existing.start, end: existing.end, newText: render(ctx, module, names, existing.wrapped) }];
}

/**
 * Removes from `from module import ...` the names that `after` (the file once the fix is applied) no longer uses.
 * `removedSpan` is the text the fix takes out, which is where those names were used.
 */
export function removeUnusedImports(
  ctx: FixContext,
  module: string,
  candidates: string[],
  stillUsed: (name: string) => boolean,
): OffsetEdit[] {
  const existing = fromImport(ctx.text, module);
  if (!existing) return [];
  const unused = existing.names.filter((n) => {
    const bound = n.split(/\s+as\s+/).pop()!;
    return candidates.includes(bound) && !stillUsed(bound);
  });
  if (unused.length === 0) return [];
  const names = existing.names.filter((n) => !unused.includes(n));
  if (names.length === 0) {
    const lineEnd = ctx.text.indexOf("\n", existing.end);
    return [{ start: existing.start, end: lineEnd === -1 ? existing.end : lineEnd + 1, newText: "" }];
  }
  return [
    {
      start: existing.start,
      end: existing.end,
      newText: render(ctx, module, names, existing.wrapped && names.length > 1),
    },
  ];
}

/** Standard-library modules a project's imports commonly start with: isort puts them in their own group. */
const STDLIB = new Set(
  (
    "abc argparse ast asyncio base64 collections concurrent contextlib copy csv dataclasses datetime decimal email enum " +
    "functools glob hashlib http importlib inspect io itertools json logging math multiprocessing os pathlib pickle platform pprint queue random re " +
    "shutil signal socket sqlite3 string subprocess sys tempfile textwrap threading time traceback types typing unittest urllib uuid warnings weakref zipfile"
  ).split(" "),
);

interface ImportLine {
  start: number;
  end: number; // after its line break
  module: string;
  from: boolean;
}

/** The import statements of the top import block (one per line; a parenthesised one spans its lines). */
function importBlock(text: string): { lines: ImportLine[]; end: number } {
  const end = pythonInsertionOffset(text);
  const lines: ImportLine[] = [];
  const re = /^(from|import)[ \t]+([\w.]+)[^\n]*(?:\([^)]*\)[^\n]*)?\n?/gm;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text))
    lines.push({ start: m.index, end: m.index + m[0].length, module: m[2], from: m[1] === "from" });
  return { lines, end };
}

/**
 * `from module import name` where isort would put it: into the file's last import group in sorted order when the
 * module is third-party (as ruff sees a module it cannot find at the project root), in a group of its own after
 * the others when it is first-party or the last group is the standard library's.
 */
export function addImportLine(ctx: FixContext, module: string, name: string, firstParty: boolean): OffsetEdit[] {
  if (fromImport(ctx.text, module)) return addFromImport(ctx, module, name);
  const nl = eol(ctx);
  const line = `from ${module} import ${name}${nl}`;
  const { lines, end } = importBlock(ctx.text);
  if (lines.length === 0) return [insert(end, line + nl)];
  // Groups are runs of import lines without a blank line between them (isort's sections, in ruff's order:
  // future, standard library, third party, first party, then relative imports).
  const groups: (typeof lines)[] = [];
  for (const l of lines) {
    const g = groups[groups.length - 1];
    if (g && g[g.length - 1].end === l.start) g.push(l);
    else groups.push([l]);
  }
  const relative = groups.findIndex((g) => g.every((l) => l.module.startsWith(".")));
  const thirdParty = groups.find(
    (g) =>
      !g.every((l) => STDLIB.has(l.module.split(".")[0]) || l.module === "__future__") &&
      !g.every((l) => l.module.startsWith(".")),
  );
  // A new section goes before the relative imports when there are some, else after the block.
  const newSection = (): OffsetEdit[] => {
    if (relative !== -1) return [insert(groups[relative][0].start, line + nl)];
    const last = lines[lines.length - 1];
    return [insert(last.end, (ctx.text[last.end - 1] === "\n" ? "" : nl) + nl + line)];
  };
  if (firstParty || !thirdParty) return newSection();
  const before = thirdParty.find((l) => l.from && l.module.toLowerCase() > module.toLowerCase());
  if (before) return [insert(before.start, line)];
  const last = thirdParty[thirdParty.length - 1];
  return [insert(last.end, (ctx.text[last.end - 1] === "\n" ? "" : nl) + line)];
}

// .ipynb notebooks: code cells joined into one Python text, with a map back to cells so each diagnostic names
// its cell and a cell-relative line. IPython magics and shell escapes (%, %%, !) become comments, which keeps
// every line and column in place while keeping the parser away from non-Python syntax.

export interface NotebookCell {
  /** 0-based index among all cells of the notebook (markdown cells count too, as editors number them). */
  index: number;
  /** First line of this cell in the joined text. */
  startLine: number;
  lineCount: number;
}

export interface ParsedNotebook {
  text: string;
  cells: NotebookCell[];
}

export function parseNotebook(json: string): ParsedNotebook | { error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(json.replace(/^\uFEFF/, ""));
  } catch (err) {
    return { error: `invalid JSON (${(err as Error).message})` };
  }
  // Everything below is read as untyped JSON: a notebook written by another tool (or by hand) may put any value
  // anywhere, and a wrong type must become a reason to skip, never an exception.
  const cells = isObject(doc) ? doc.cells : undefined;
  if (!Array.isArray(cells)) return { error: "no cells array" };
  const metadata = isObject(doc) && isObject(doc.metadata) ? doc.metadata : {};
  const info = isObject(metadata.language_info) ? metadata.language_info.name : undefined;
  const kernel = isObject(metadata.kernelspec) ? metadata.kernelspec.language : undefined;
  const lang = typeof info === "string" && info ? info : typeof kernel === "string" && kernel ? kernel : undefined;
  if (lang && lang.toLowerCase() !== "python") return { error: `kernel language is ${lang}, not Python` };
  const parts: string[] = [];
  const map: NotebookCell[] = [];
  let line = 0;
  cells.forEach((cell: unknown, index) => {
    // A cell that is not an object (null, a number) has no code: it keeps its index, as editors count it.
    if (!isObject(cell) || cell.cell_type !== "code") return;
    const source = Array.isArray(cell.source)
      ? cell.source.filter((s): s is string => typeof s === "string").join("")
      : typeof cell.source === "string"
        ? cell.source
        : "";
    const lines = source.split(/\r?\n/).map((l) => l.replace(/^(\s*)(%%?|!)/, "$1#"));
    map.push({ index, startLine: line, lineCount: lines.length });
    parts.push(lines.join("\n"));
    line += lines.length;
  });
  return { text: parts.join("\n"), cells: map };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Notebook JSON for a list of cell sources (the language server receives cells, not files). */
export function notebookJson(cells: { kind: "code" | "markdown"; source: string }[]): string {
  return JSON.stringify({
    cells: cells.map((c) => ({ cell_type: c.kind, source: c.source })),
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  });
}

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
  const cells = (doc as { cells?: unknown })?.cells;
  if (!Array.isArray(cells)) return { error: "no cells array" };
  const language = (doc as { metadata?: { kernelspec?: { language?: string }; language_info?: { name?: string } } }).metadata;
  const lang = language?.language_info?.name ?? language?.kernelspec?.language;
  if (lang && lang.toLowerCase() !== "python") return { error: `kernel language is ${lang}, not Python` };
  const parts: string[] = [];
  const map: NotebookCell[] = [];
  let line = 0;
  cells.forEach((cell, index) => {
    const c = cell as { cell_type?: string; source?: string | string[] };
    if (c.cell_type !== "code") return;
    const source = Array.isArray(c.source) ? c.source.join("") : typeof c.source === "string" ? c.source : "";
    const lines = source.split(/\r?\n/).map((l) => l.replace(/^(\s*)(%%?|!)/, "$1#"));
    map.push({ index, startLine: line, lineCount: lines.length });
    parts.push(lines.join("\n"));
    line += lines.length;
  });
  return { text: parts.join("\n"), cells: map };
}

/** Notebook JSON for a list of cell sources (the language server receives cells, not files). */
export function notebookJson(cells: { kind: "code" | "markdown"; source: string }[]): string {
  return JSON.stringify({ cells: cells.map((c) => ({ cell_type: c.kind, source: c.source })), metadata: {}, nbformat: 4, nbformat_minor: 5 });
}

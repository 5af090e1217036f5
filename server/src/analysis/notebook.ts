// STUB owned by the notebook work: .ipynb code cells joined into one Python text, with a map back to cells.
export interface NotebookCell {
  /** 0-based index among all cells of the notebook. */
  index: number;
  /** First line of this cell in the joined text. */
  startLine: number;
  lineCount: number;
}

export interface ParsedNotebook {
  text: string;
  cells: NotebookCell[];
}

export function parseNotebook(_json: string): ParsedNotebook | { error: string } {
  return { error: "notebooks are not supported yet" };
}

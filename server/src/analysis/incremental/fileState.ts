// What one editor file keeps between its versions so the next analysis costs the edit: its last syntax tree, its
// name tables and its subjects' diagnostics (rules/run.ts). Owned by the Analyzer's entry for the file (replaced or
// dropped with it), never by a module-level cache keyed by path, so two analyzers (or a removed file) cannot see
// each other's state.
import { RuleMemo } from "../rules/run";

export class FileState {
  /** The name tables of the file's last version, in its language (any tables are correct to start from). */
  tables?: unknown;
  /**
   * The file's last tree and the text it was parsed from, in its frontend's form (python/parser.ts, js/parse.ts):
   * the next version re-parses only what the edit touched.
   */
  parsed?: { text: string; tree: unknown };
  /** The diagnostics of the last check, per subject. */
  readonly rules = new RuleMemo();
}

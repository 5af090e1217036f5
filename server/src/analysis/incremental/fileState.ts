// What one editor file keeps between its versions so the next analysis costs the edit: its name tables. Owned by
// the Analyzer's entry for the file (replaced or dropped with it), never by a module-level cache keyed by path, so
// two analyzers (or a removed file) cannot see each other's state.

export class FileState {
  /** The name tables of the file's last version, in its language (any tables are correct to start from). */
  tables?: unknown;
}

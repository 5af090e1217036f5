// A file's name tables, kept across edits. Each top-level statement adds entries (key -> value, e.g.
// Key.function("with_backoff") -> its def); the tables keep every key's entries in source order. After an edit
// only the statements that are new or gone change the tables, so a keystroke costs what it changes, not the whole
// file.
//
// File-wide keys double as the read keys of reads.ts: the statements contributing to Key.binding("client") are the
// statements holding entries under it. The tables answer lookups only through a NameLookup, which records the read
// of every file-wide key it is asked about: a caller cannot look a name up and forget to say so.

import { isFileKey, type FileKey, type ReadKey, type TableKey } from "./keys";
import { lastStartingAtOrBefore } from "./locate";

export interface Entry<N> {
  statement: N;
  value: unknown;
}

// Frozen: it is handed out by `values`, and a caller that changed it would change every empty lookup after it.
const NONE: readonly never[] = Object.freeze([]);

export class StatementTables<N extends object> {
  private readonly entries = new Map<TableKey, Entry<N>[]>();
  private readonly added = new Map<N, readonly (readonly [TableKey, unknown])[]>();

  constructor(private readonly startOf: (statement: N) => number) {}

  /**
   * Makes the tables those of `statements`: statements no longer there take their entries with them, new ones
   * add theirs (`entriesOf`, computed once per statement by the caller) in source order.
   */
  update(statements: readonly N[], entriesOf: (statement: N) => readonly (readonly [TableKey, unknown])[]): void {
    const current = new Set(statements);
    for (const [statement, entries] of this.added) {
      if (current.has(statement)) continue;
      for (const [key] of entries) {
        const list = this.entries.get(key);
        if (!list) continue;
        const kept = list.filter((e) => e.statement !== statement);
        if (kept.length) this.entries.set(key, kept);
        else this.entries.delete(key);
      }
      this.added.delete(statement);
    }
    for (const statement of statements) {
      if (this.added.has(statement)) continue;
      const entries = entriesOf(statement);
      this.added.set(statement, entries);
      const start = this.startOf(statement);
      for (const [key, value] of entries) {
        const list = this.entries.get(key);
        const entry = { statement, value };
        if (!list) {
          this.entries.set(key, [entry]);
          continue;
        }
        // After every entry of statements starting at or before this one (its own earlier entries included).
        list.splice(lastStartingAtOrBefore(list, (e) => this.startOf(e.statement), start) + 1, 0, entry);
      }
    }
  }

  /** The statements holding entries under a key, in source order (a read key's fingerprint; records nothing). */
  statementsOf(key: FileKey): N[] {
    const out: N[] = [];
    for (const e of this.entries.get(key) ?? NONE) if (out[out.length - 1] !== e.statement) out.push(e.statement);
    return out;
  }

  /**
   * Lookups for one analysis, recording their reads into `reads` (held by the analysis, never by the tables);
   * `reached` is told the statements whose entries a lookup returns.
   */
  lookup(reads: { read(key: ReadKey): void }, reached?: (statement: N) => void): NameLookup {
    const entries = this.entries;
    const list = (key: TableKey): readonly Entry<N>[] => {
      if (isFileKey(key)) reads.read(key);
      const found = entries.get(key) ?? NONE;
      // The caller's chance to make a statement's inside current before its nodes are read (js/splice.ts: settle).
      if (reached) for (const e of found) reached(e.statement);
      return found;
    };
    return {
      last<V>(key: TableKey): V | undefined {
        const l = list(key);
        return l.length ? (l[l.length - 1].value as V) : undefined;
      },
      values<V>(key: TableKey): readonly V[] {
        const found = list(key);
        // Most names have no entry under most keys: those share one empty list (callers only read the lists).
        return found.length ? found.map((e) => e.value as V) : NONE;
      },
    };
  }
}

/** The only way to read the tables: every lookup of a file-wide key is recorded as a read. */
export interface NameLookup {
  /** The value of a key's last entry (the binding that wins), if any. */
  last<V>(key: TableKey): V | undefined;
  /** The values of a key's entries, in source order. */
  values<V>(key: TableKey): readonly V[];
}

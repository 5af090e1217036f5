// A file's name tables, kept across edits. Each top-level statement adds entries (key -> value, e.g.
// "f:with_backoff" -> its def); the tables keep every key's entries in source order. After an edit only the
// statements that are new or gone change the tables, so a keystroke costs what it changes, not the whole file.
//
// Keys double as the read keys of reads.ts: the statements contributing to "b:client" are the statements holding
// entries under "b:client".

import { lastStartingAtOrBefore } from "./locate";

export interface Entry<N> {
  statement: N;
  value: unknown;
}

const NONE: readonly never[] = [];

export class StatementTables<N extends object> {
  private readonly entries = new Map<string, Entry<N>[]>();
  private readonly added = new Map<N, readonly (readonly [string, unknown])[]>();

  constructor(private readonly startOf: (statement: N) => number) {}

  /**
   * Makes the tables those of `statements`: statements no longer there take their entries with them, new ones
   * add theirs (`entriesOf`, computed once per statement by the caller) in source order.
   */
  update(statements: readonly N[], entriesOf: (statement: N) => readonly (readonly [string, unknown])[]): void {
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

  /** A key's entries, in source order. */
  list(key: string): readonly Entry<N>[] {
    return this.entries.get(key) ?? NONE;
  }

  /** The value of a key's last entry (the binding that wins), if any. */
  last<V>(key: string): V | undefined {
    const list = this.entries.get(key);
    return list ? (list[list.length - 1].value as V) : undefined;
  }

  /** The values of a key's entries, in source order. */
  values<V>(key: string): V[] {
    return this.list(key).map((e) => e.value as V);
  }

  /** The statements holding entries under a key, in source order. */
  statementsOf(key: string): N[] {
    const out: N[] = [];
    for (const e of this.list(key)) if (out[out.length - 1] !== e.statement) out.push(e.statement);
    return out;
  }
}

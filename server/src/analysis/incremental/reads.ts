// What a computation read from a file's name tables, so its result can be kept across edits.
//
// Both frontends judge a file one top-level statement at a time. While a statement is judged, every lookup in
// the scope's tables (imports, module-level bindings, functions, call sites) is recorded as a key. After an
// edit, the statement's kept result is still right when the statement itself is the same node (the parsers keep
// unchanged statements) and, for every key it read, the same statements contribute to that key now.
//
// Keys (keys.ts): every file-wide table key (imports, module-level bindings and their annotations, functions,
// classes, call sites), recorded by the table lookup itself (tables.ts: NameLookup); the statements mentioning a
// word (text searches across statements); the whole file.

import { detach } from "../text";
import { EVERYTHING, mentionedWord, mentionKey, type FileKey, type ReadKey } from "./keys";

export type Reads = Set<ReadKey>;

/** Words of each statement's text (statements outlive trackers: an unchanged one is kept across edits). */
const wordsOf = new WeakMap<object, Set<string>>();

export class ReadTracker<N extends object> {
  private readonly prints = new Map<ReadKey, readonly number[]>();
  /** Open recordings: every key read is added to each (nested ones belong to memoised sub-results). */
  private readonly recordings: Reads[] = [];

  constructor(
    private readonly statements: readonly N[],
    private readonly idOf: (statement: N) => number,
    private readonly textOf: (statement: N) => string,
    /** The statements holding entries under a table key, in order (see tables.ts). */
    private readonly contributors: (key: FileKey) => readonly N[],
  ) {}

  /** Called by the table lookups (tables.ts) and the two questions below; nothing else records a read. */
  read(key: ReadKey): void {
    for (const r of this.recordings) r.add(key);
  }

  /** A text search over other statements (`r.raise_for_status()` later in the module) reads every statement naming `word`. */
  mentions(word: string): void {
    this.read(mentionKey(word));
  }

  /** The result being computed depends on the whole file: it is recomputed on every edit. */
  readsEverything(): void {
    this.read(EVERYTHING);
  }

  /** Runs `fn`, returning what it read (reads also count for any recording around this one). */
  record<T>(fn: () => T): { value: T; reads: Reads } {
    const reads: Reads = new Set();
    this.recordings.push(reads);
    try {
      return { value: fn(), reads };
    } finally {
      this.recordings.pop();
    }
  }

  /**
   * A memoised answer that carries its reads: whoever gets it from the memo later depends on the same keys as
   * whoever computed it (else a statement judged second would miss the reads of a helper judged first).
   */
  memo<K, V>(table: Map<K, { value: V; reads: Reads }>, key: K, compute: () => V): V {
    const hit = table.get(key);
    if (hit) {
      for (const r of this.recordings) for (const k of hit.reads) r.add(k);
      return hit.value;
    }
    const { value, reads } = this.record(compute);
    table.set(key, { value, reads });
    return value;
  }

  /**
   * The ids of the statements contributing to a key now: the same statements mean the same answers. Ids, not the
   * statements: a kept result must not hold on to statements, or every old version of the file stays reachable.
   */
  fingerprint(key: ReadKey): readonly number[] {
    let print = this.prints.get(key);
    if (print === undefined) this.prints.set(key, (print = this.compute(key)));
    return print;
  }

  /** Whether a key's contributors are still `print`. */
  unchanged(key: ReadKey, print: readonly number[]): boolean {
    const now = this.fingerprint(key);
    if (now.length !== print.length) return false;
    for (let i = 0; i < now.length; i++) if (now[i] !== print[i]) return false;
    return true;
  }

  private compute(key: ReadKey): readonly number[] {
    // NaN equals nothing, so a result that read everything is never reused.
    if (key === EVERYTHING) return [NaN];
    const word = mentionedWord(key);
    const statements =
      word !== undefined ? this.statements.filter((s) => this.wordSet(s).has(word)) : this.contributors(key as FileKey);
    return statements.map(this.idOf);
  }

  private wordSet(statement: N): Set<string> {
    let set = wordsOf.get(statement);
    if (!set) {
      set = new Set(detach(this.textOf(statement)).match(/[A-Za-z_$][\w$]*/g) ?? []);
      wordsOf.set(statement, set);
    }
    return set;
  }
}

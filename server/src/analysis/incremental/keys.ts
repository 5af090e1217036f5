// The keys of a file's name tables, and of what a statement's judgement reads (see tables.ts, reads.ts).
//
// Keys are strings (they index Maps on every keystroke) but typed: only these constructors make them, so a lookup
// cannot be spelled with a wrong prefix, and a read key cannot be made that no lookup makes.

declare const tableKey: unique symbol;
declare const readKey: unique symbol;

/** A key of the name tables that any statement may read: recording a read of it is how a kept result stays right. */
export type FileKey = string & { readonly [tableKey]: "file"; readonly [readKey]: true };
/**
 * A key of entries that live inside one top-level statement (a function's locals, a parameter's annotation). A
 * lookup of one needs no record: it is reached only through a file-wide key (the function's name, a call site)
 * whose fingerprint holds that statement, so an edit of the statement already invalidates the reader.
 */
export type LocalKey = string & { readonly [tableKey]: "local" };
export type TableKey = FileKey | LocalKey;
/** What a judgement can depend on: a file-wide table key, the statements naming a word, or the whole file. */
export type ReadKey = FileKey | (string & { readonly [readKey]: true });

const file = (prefix: string) => (name: string) => `${prefix}:${name}` as FileKey;

export const Key = {
  /** An import alias -> its qualified name ("huggingface_hub.InferenceClient"). */
  importAlias: file("i"),
  /** An alias bound by `from m import x` / `import { x } from "m"` -> { module, name }. */
  importedName: file("from"),
  /** A module-level binding (also `obj.attr = ...` at module level in Python). */
  binding: file("b"),
  /** A module-level binding's type annotation (JS/TS). */
  bindingType: file("ab"),
  /** Functions and methods by name. */
  function: file("f"),
  /** Classes by name (Python). */
  class: file("c"),
  /** Calls of a name (`f()`, `x.f()`) and places the name is passed as an argument. */
  callSite: file("s"),
  /** A binding in a function or class scope (`scope` is its node id); module scope (0) is `binding`. */
  scoped(scope: number, name: string): TableKey {
    return scope === 0 ? Key.binding(name) : (`l:${scope}:${name}` as LocalKey);
  },
  /** A parameter's annotation in a function (or a constructor parameter property of a class: `owner` "class:<id>"). */
  annotation(owner: number | string, name: string): LocalKey {
    return `a:${owner}:${name}` as LocalKey;
  },
};

/** The statements whose text mentions `word` (text searches across statements: `r.raise_for_status()` later on). */
export function mentionKey(word: string): ReadKey {
  return `m:${word}` as ReadKey;
}

/** The word of a mention key, undefined for other keys. */
export function mentionedWord(key: ReadKey): string | undefined {
  return key.startsWith("m:") ? key.slice(2) : undefined;
}

/** The whole file: a result that read it is recomputed on every edit. */
export const EVERYTHING = "*" as ReadKey;

/** Whether a table key is read across statements (and so must be recorded). */
export function isFileKey(key: TableKey): key is FileKey {
  return !key.startsWith("l:") && !key.startsWith("a:");
}

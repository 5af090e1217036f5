// The name tables record their own reads: a lookup of a name other statements define is a dependency of the
// result being judged, without the caller saying so; a function's locals are not (their statement is reached
// through a file-wide name). A kept result is reused only while the statements behind its reads are the same.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Key } from "../../../server/src/analysis/incremental/keys";
import { ReadTracker } from "../../../server/src/analysis/incremental/reads";
import { StatementTables } from "../../../server/src/analysis/incremental/tables";

interface Statement {
  id: number;
  start: number;
  text: string;
  entries: [ReturnType<typeof Key.function> | ReturnType<typeof Key.scoped>, unknown][];
}

function setUp(statements: Statement[]) {
  const tables = new StatementTables<Statement>((s) => s.start);
  tables.update(statements, (s) => s.entries);
  const reads = new ReadTracker<Statement>(
    statements,
    (s) => s.id,
    (s) => s.text,
    (key) => tables.statementsOf(key),
  );
  return { tables, reads, names: tables.lookup(reads) };
}

const helper: Statement = {
  id: 1,
  start: 0,
  text: "def with_backoff(fn): delay = 1",
  entries: [
    [Key.function("with_backoff"), "def"],
    [Key.scoped(7, "delay"), "1"],
  ],
};
const caller: Statement = { id: 2, start: 40, text: "with_backoff(lambda: ask())", entries: [] };

test("a lookup of a file-wide name is recorded as a read, a local one is not", () => {
  const { reads, names } = setUp([helper, caller]);
  const { value, reads: recorded } = reads.record(() => [
    names.last<string>(Key.function("with_backoff")),
    names.last<string>(Key.scoped(7, "delay")),
    names.values<string>(Key.function("missing")),
  ]);
  assert.deepEqual(value, ["def", "1", []]);
  assert.deepEqual([...recorded].sort(), [Key.function("missing"), Key.function("with_backoff")].sort());
});

test("a read's fingerprint changes when the statement defining the name is replaced", () => {
  const first = setUp([helper, caller]);
  const { reads: recorded } = first.reads.record(() => first.names.last(Key.function("with_backoff")));
  const prints = [...recorded].map((k) => [k, first.reads.fingerprint(k)] as const);
  const edited: Statement = { ...helper, id: 3, text: "def with_backoff(fn): delay = 2" };
  const second = setUp([edited, caller]);
  assert.ok(prints.every(([k, p]) => first.reads.unchanged(k, p)));
  assert.ok(!prints.every(([k, p]) => second.reads.unchanged(k, p)), "the kept result must be judged again");
});

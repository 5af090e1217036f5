// A cold scan parses every JS/TS file that may matter, links each node to its parent and collects each top-level
// statement's calls: two walks over every node of the file, written to allocate nothing per node (a function per
// node and a list re-grown per node were a quarter of what the JS/TS frontend allocated). What they produce must be
// exactly what TypeScript's own parent links and a plain source-order walk give.
import assert from "node:assert/strict";
import { test } from "node:test";
import ts from "typescript";
import { parseJs } from "../../../server/src/analysis/js/parse";
import { JsScope } from "../../../server/src/analysis/js/scope";
import { StatementTables } from "../../../server/src/analysis/incremental/tables";
import { Key } from "../../../server/src/analysis/incremental/keys";

/** A module of `blocks` functions, each with nested calls, closures and a class. */
function module(blocks: number): string {
  const out = ['import { InferenceClient } from "@huggingface/inference";', "const hf = new InferenceClient();"];
  for (let i = 0; i < blocks; i++) {
    out.push(
      `export async function ask${i}(prompt: string) {`,
      `  const items = [1, 2, 3].map((x) => ({ value: x * ${i}, label: String(x) }));`,
      `  if (items.length > ${i}) console.log(items.filter((it) => it.value > 1).length);`,
      `  return hf.textGeneration({ model: "m${i}", inputs: prompt + items[0].label });`,
      "}",
      `class Box${i} { constructor(private readonly v: number) {} get twice() { return this.v * 2; } }`,
    );
  }
  return out.join("\n");
}

function nodeCount(file: ts.SourceFile): number {
  let n = 0;
  const visit = (node: ts.Node): void => {
    n++;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(file, visit);
  return n;
}

test("every node's parent is the one TypeScript's own setParentNodes gives", () => {
  const text = module(40);
  const value = parseJs("/ws/app.ts", text);
  assert.ok(nodeCount(value.file) > 2000);
  const reference = ts.createSourceFile("/ws/app.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const parents = (file: ts.SourceFile) => {
    const out: string[] = [];
    const visit = (node: ts.Node): void => {
      out.push(`${node.kind}@${node.pos}<${node.parent.kind}@${node.parent.pos}`);
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(file, visit);
    return out;
  };
  assert.deepEqual(parents(value.file), parents(reference));
});

test("each top-level statement's calls are collected in source order, nested ones included", () => {
  const { file } = parseJs("/ws/app.ts", module(40));
  const scope = new JsScope(file, undefined);
  const calls = scope.calls.map((c) => c.getStart(file));
  assert.equal(calls.length, 200);
  assert.deepEqual(
    calls,
    [...calls].sort((a, b) => a - b),
    "calls in source order",
  );
  // The inner `.map(...)` call of `items.filter(...).length` and the outer one are both found.
  const ask0 = file.statements[2];
  assert.deepEqual(
    scope.partOf(2).calls.map((c) => c.expression.getText(file)),
    ["[1, 2, 3].map", "String", "console.log", "items.filter", "hf.textGeneration"],
    ask0.getText(file).slice(0, 40),
  );
});

test("a lookup of a name nothing binds shares one empty list that no caller can change", () => {
  const tables = new StatementTables<{ start: number }>((s) => s.start);
  tables.update([{ start: 0 }], () => [[Key.function("f"), "def f"]]);
  const names = tables.lookup({ read: () => undefined });
  const none = names.values(Key.function("g"));
  assert.equal(none, names.values(Key.callSite("h")));
  assert.ok(Object.isFrozen(none));
  assert.deepEqual(names.values(Key.function("f")), ["def f"]);
});

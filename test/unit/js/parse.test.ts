// The kept TypeScript tree is updated per edit (a spliced region, TypeScript's incremental parser, or a fresh
// parse): after any sequence of edits, including ones through broken syntax, the tree of valid code must be
// exactly the tree a fresh parse of the same text gives (once the insides of the statements an edit moved are
// brought along: splice.ts moves them when they are read).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { FileState } from "../../../server/src/analysis/incremental/fileState";
import { jsParseCounts, parseJs } from "../../../server/src/analysis/js/parse";
import { settleAll } from "../../../server/src/analysis/js/splice";
import { differentialWalk, randomEdit, rng } from "../../support/differential";
import { ROOT } from "../../support/paths";

/** The tree as text: kind and span of every node and node list, one per line, checking parent links. */
function dump(file: ts.SourceFile): string {
  settleAll(file);
  const out: string[] = [];
  const visit = (node: ts.Node, depth: number) => {
    out.push(`${" ".repeat(depth)}${ts.SyntaxKind[node.kind]} [${node.pos}, ${node.end})`);
    ts.forEachChild(
      node,
      (child) => {
        assert.equal(child.parent, node, `parent of ${ts.SyntaxKind[child.kind]} at ${child.pos}`);
        visit(child, depth + 1);
      },
      (list) => {
        out.push(`${" ".repeat(depth + 1)}[list ${list.pos}, ${list.end})`);
        for (const child of list) {
          assert.equal(child.parent, node, `parent of ${ts.SyntaxKind[child.kind]} at ${child.pos}`);
          visit(child, depth + 2);
        }
      },
    );
  };
  visit(file, 0);
  out.push(`text ${file.text.length} end ${file.end}`);
  return out.join("\n");
}

const STATEMENTS = [
  "const x = 1;",
  'await client.textGeneration({ model: "m", inputs: p });',
  "return null;",
  "",
  "// note",
  "x = f(x)",
  "(a || b).run();",
  "[1, 2].forEach(g);",
  "`t${x}`;",
  "function h() {}",
  "if (x) {",
  "}",
  "} else {",
  "class K {}",
];

function lineEdit(text: string, random: () => number): string {
  const lines = text.split("\n");
  const at = Math.floor(random() * lines.length);
  const r = random();
  if (r < 0.6)
    lines.splice(at, 0, /^\s*/.exec(lines[at] ?? "")![0] + STATEMENTS[Math.floor(random() * STATEMENTS.length)]);
  else if (r < 0.8) lines.splice(at, 1);
  else lines.splice(at, 0, lines[at] ?? "");
  return lines.join("\n");
}

test("the kept TypeScript tree equals a fresh parse after line edits and random edits", () => {
  const dir = path.join(ROOT, "test", "fixtures", "js");
  const sources: [string, string][] = [];
  for (const sub of ["flag", "clean"]) {
    for (const f of fs.readdirSync(path.join(dir, sub)).sort())
      if (/\.(m?[jt]sx?|cjs|cts)$/.test(f)) sources.push([f, fs.readFileSync(path.join(dir, sub, f), "utf8")]);
  }
  const splicedBefore = jsParseCounts.spliced;
  let compared = 0;
  sources.forEach(([name, source], n) => {
    const random = rng(4000 + n);
    const ext = path.extname(name);
    const file = `/ws/tree_${n}${ext}`;
    const state = new FileState();
    parseJs(file, source, state);
    let step = 0;
    const edit = (text: string) =>
      step++ < 25 ? lineEdit(text, random) : randomEdit(text, random, ["(", ")", "{", "}", ";", "\n", "x", "`"]);
    compared += differentialWalk(source, random, 40, edit, (text, at) => {
      const kept = parseJs(file, text, state);
      const fresh = parseJs(`/ws/fresh${ext}`, text);
      if (fresh.hasSyntaxErrors) {
        assert.ok(kept.hasSyntaxErrors, `${name}, step ${at}: the kept tree missed a syntax error:\n${text}`);
        return false;
      }
      assert.equal(dump(kept.file), dump(fresh.file), `${name}, step ${at}:\n${text}`);
      return true;
    });
  });
  assert.ok(compared >= 15 * sources.length, `only ${compared} valid texts compared`);
  const spliced = jsParseCounts.spliced - splicedBefore;
  assert.ok(spliced > sources.length * 5, `only ${spliced} edits were spliced`);
});

test("a region is not spliced where automatic semicolon insertion could join it to a neighbour", () => {
  const cases: [string, string, string][] = [
    ["a call after an unterminated statement", "const a = b\nfoo();\nbar();\n", "const a = b\n(foo)();\nbar();\n"],
    ["a region that ends unterminated", "x();\ny();\n(z)();\n", "x();\ny()\n(z)();\n"],
    ["an else after an if", "if (a) {\n}\nx();\n", "if (a) {\n}\nelse {\n}\n"],
    ["trailing whitespace after the region", "x();\ny();\nz();\n", "x();\ny();   \nz();\n"],
    ["a comment after the region", "x();\ny();\nz();\n", "x();\ny(); // why\nz();\n"],
    ["the end of a statement turned into a comment", "x();\ny(a, b);\nz();\n", "x();\ny(); // a, b);\nz();\n"],
    ["a new statement before a function", "x();\nfunction f() {}\n", "x();\ny();\nfunction f() {}\n"],
  ];
  for (const [label, before, after] of cases) {
    const state = new FileState();
    parseJs("/ws/case.ts", before, state);
    const kept = dump(parseJs("/ws/case.ts", after, state).file);
    assert.equal(kept, dump(parseJs("/ws/fresh.ts", after).file), label);
  }
});

test("an edit after a class left open keeps the file's syntax error", () => {
  // TypeScript reports the missing `}` of `class Store` at the first token of the next statement: a line typed just
  // before that statement must not be spliced in as if the file were whole (it then passed as valid).
  const before =
    "class Store {\n  get(key: string) {\n    if (x) {\n    return key;\n  }\n}\nconst y = 1;\n\nfunction f() {}\n";
  const after = before.replace("\n\nfunction", "\n\n`t${x}`;\nfunction");
  assert.ok(parseJs("/ws/fresh.ts", after).hasSyntaxErrors);
  const state = new FileState();
  parseJs("/ws/case.ts", before, state);
  assert.ok(parseJs("/ws/case.ts", after, state).hasSyntaxErrors);
});

test("a region is parsed as part of a module or a script, as its file is (top-level await)", () => {
  // In a module `await` is an await expression, in a script an identifier: a region holding neither an import nor
  // an export must not be parsed as a script when its file is a module (issue 13: `const res = await` then a new
  // statement line passed as valid), and an edit that adds or removes the file's last import or export changes how
  // statements it did not touch parse.
  const cases: [string, string, string][] = [
    [
      "`await` at a line end in a module",
      'import x from "y";\nfoo();\nbar();\n',
      'import x from "y";\nconst res = await\nfoo();\nbar();\n',
    ],
    ["`await` at a line end in a script", "foo();\nbar();\n", "const res = await\nfoo();\nbar();\n"],
    ["the only export removed", "export {};\nfoo();\nconst r = await (bar);\n", "\nfoo();\nconst r = await (bar);\n"],
    ["an import added", "foo();\nconst r = await (bar);\n", 'import x from "y";\nfoo();\nconst r = await (bar);\n'],
    [
      "an export typed at a statement",
      "foo();\nconst r = await (bar);\n",
      "export const q = 1;\nconst r = await (bar);\n",
    ],
  ];
  for (const [label, before, after] of cases) {
    const state = new FileState();
    parseJs("/ws/case.ts", before, state);
    const kept = parseJs("/ws/case.ts", after, state);
    const fresh = parseJs("/ws/fresh.ts", after);
    assert.equal(kept.hasSyntaxErrors, fresh.hasSyntaxErrors, `${label}: syntax errors`);
    assert.equal(dump(kept.file), dump(fresh.file), label);
    assert.equal(ts.isExternalModule(kept.file), ts.isExternalModule(fresh.file), `${label}: module or script`);
  }
});

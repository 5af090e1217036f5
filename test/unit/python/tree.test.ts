// The JS mirror of the tree is updated per edit (unchanged statements kept, edited regions re-read or re-parsed
// alone): after any sequence of edits, including ones through broken syntax, the mirror of valid code must be
// exactly the mirror of a fresh parse of the same text.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { initPython } from "../../../server/src/analysis/python/index";
import { FileState } from "../../../server/src/analysis/incremental/fileState";
import { parseCounts, parsePython } from "../../../server/src/analysis/python/parser";
import type { PyNode } from "../../../server/src/analysis/python/tree";
import { differentialWalk, randomEdit, rng } from "../../support/differential";
import { ROOT } from "../../support/paths";

/** The tree as text: type, field, span and children, one node per line. */
function dump(node: PyNode, depth = 0, out: string[] = []): string[] {
  out.push(
    `${" ".repeat(depth)}${node.field ? node.field + ": " : ""}${node.type}${node.isNamed ? "" : "'"} [${node.startIndex}, ${node.endIndex}) ${node.parent ? "" : "root"}`,
  );
  for (const c of node.children) {
    assert.equal(c.parent, node, "parent link");
    dump(c, depth + 1, out);
  }
  return out;
}

// Whole lines, as typing makes them: new statements in bodies and at the top level, blank lines, indents.
const LINES = [
  "x = 1",
  "    value = compute(a, b)",
  "        return None",
  "",
  "def helper(fn):",
  "    pass",
  "# a comment",
  "    # indented comment",
  "client = InferenceClient()",
  "for i in range(3):",
  "try:",
  "except Exception:",
  "else:",
  "@retry",
  "class K:",
  '    """doc"""',
];
const STATEMENTS = [
  "x = 1",
  "value = compute(a, b)",
  "client.text_generation(prompt)",
  "time.sleep(1)",
  "pass",
  "# note",
  "",
];

/** A line edit that mostly keeps the file valid: a statement indented like the line it goes before, a deleted or duplicated line. */
function validLineEdit(text: string, random: () => number): string {
  const lines = text.split("\n");
  const at = Math.floor(random() * lines.length);
  const r = random();
  if (r < 0.6) {
    const indent = /^\s*/.exec(lines[at] ?? "")![0];
    lines.splice(at, 0, indent + STATEMENTS[Math.floor(random() * STATEMENTS.length)]);
  } else if (r < 0.8) lines.splice(at, 1);
  else lines.splice(at, 0, lines[at] ?? "");
  return lines.join("\n");
}

/** Any line edit, valid or not. */
function lineEdit(text: string, random: () => number): string {
  const lines = text.split("\n");
  const at = Math.floor(random() * (lines.length + 1));
  const r = random();
  if (r < 0.5) lines.splice(at, 0, LINES[Math.floor(random() * LINES.length)]);
  else if (r < 0.75) lines.splice(at, 1);
  else if (lines[at] !== undefined)
    lines[at] = (random() < 0.5 ? "    " : "") + lines[at].replace(random() < 0.5 ? /^ {4}/ : /^/, "");
  return lines.join("\n");
}

test("the incremental mirror equals a fresh parse after line edits and random edits", async () => {
  await initPython(path.join(ROOT, "node_modules"));
  const dir = path.join(ROOT, "test", "fixtures", "python");
  const sources: string[] = [];
  for (const sub of ["flag", "clean"])
    for (const f of fs.readdirSync(path.join(dir, sub)).sort())
      if (f.endsWith(".py")) sources.push(fs.readFileSync(path.join(dir, sub, f), "utf8"));
  const regionsBefore = parseCounts.region;
  let compared = 0;
  sources.forEach((source, n) => {
    const random = rng(3000 + n);
    const kept = new FileState();
    parsePython(source, kept);
    let step = 0;
    // Mostly valid edits first (the region path), then anything (errors, recovery, the incremental path).
    const edit = (text: string) => {
      const r = random();
      return step++ < 25
        ? validLineEdit(text, random)
        : r < 0.6
          ? lineEdit(text, random)
          : randomEdit(text, random, ["(", ")", ":", "\n", "    ", "x"]);
    };
    compared += differentialWalk(source, random, 40, edit, (text, at) => {
      const incremental = parsePython(text, kept);
      const fresh = parsePython(text);
      if (fresh.hasError) {
        assert.ok(incremental.hasError, `source ${n}, step ${at}: the kept mirror missed a syntax error:\n${text}`);
        return false;
      }
      assert.equal(dump(incremental.root).join("\n"), dump(fresh.root).join("\n"), `source ${n}, step ${at}:\n${text}`);
      return true;
    });
  });
  assert.ok(compared >= 20 * sources.length, `only ${compared} valid texts compared`);
  // Edits that leave the file valid re-parse just their region: make sure many did.
  const regions = parseCounts.region - regionsBefore;
  assert.ok(regions > sources.length * 5, `only ${regions} edits re-parsed a region alone`);
});

test("a region is not re-parsed alone where its neighbours could absorb it or be absorbed", async () => {
  await initPython(path.join(ROOT, "node_modules"));
  const cases: [string, string, string][] = [
    // An indented line after a body-less `def` is that def's body, not a statement of its own.
    [
      "indented line after an empty def",
      "async def go():\ntry:\n    pass\nexcept E:\n    pass\n",
      "async def go():\n        return None\ntry:\n    pass\nexcept E:\n    pass\n",
    ],
    // An indented comment after the region may belong to what the region becomes.
    ["indented comment after the region", "x = 1\n    # c\ny = 2\n", "def g():\n    # c\ny = 2\n"],
    ["indented line after the region", "x = 1\n    y = 2\nz = 3\n", "def g():\n    y = 2\nz = 3\n"],
    [
      "indented line after a function body",
      "def f():\n    pass\n\nx = 1\n",
      "def f():\n    pass\n    y = 2\n\nx = 1\n",
    ],
    ["else after an if", "if a:\n    pass\nx = 1\n", "if a:\n    pass\nelse:\n    x = 1\n"],
    ["decorator edit", "@retry\ndef f():\n    pass\nx = 1\n", "@retry(stop=3)\ndef f():\n    pass\nx = 1\n"],
    ["new statement at the top", "x = 1\ny = 2\n", "import time\nx = 1\ny = 2\n"],
    ["last line without newline", "x = 1\ny = 2", "x = 1\ny = 3"],
    [
      "CRLF line endings",
      "def f():\r\n    pass\r\n\r\nx = 1\r\n",
      "def f():\r\n    y = 2\r\n    pass\r\n\r\nx = 1\r\n",
    ],
    ["a region that starts the file", "def f():\n    pass\nx = 1\n", "def f():\n    return 1\nx = 1\n"],
  ];
  for (const [label, before, after] of cases) {
    const kept = new FileState();
    parsePython(before, kept);
    const incremental = dump(parsePython(after, kept).root).join("\n");
    assert.equal(incremental, dump(parsePython(after).root).join("\n"), label);
  }
});

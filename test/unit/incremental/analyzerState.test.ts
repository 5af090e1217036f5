// Per-file state (the last syntax tree, the name tables, the kept statement results) belongs to the Analyzer that
// analysed the file: two analyzers holding the same path with different texts (two language servers in one
// process, a test next to a server) must each re-parse and re-judge only their own edits, and report their own
// text.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../../server/src/analysis/fileSystem";
import { judgeCounts } from "../../../server/src/analysis/incremental/results";
import { jsParseCounts } from "../../../server/src/analysis/js/parse";
import { parseCounts } from "../../../server/src/analysis/python/parser";
import { ROOT } from "../../support/paths";

const WASM_DIR = path.join(ROOT, "node_modules");

const create = () => Analyzer.create({ fs: new MemoryFileSystem({}), wasmDir: WASM_DIR });

/** Thirty functions each making one unprotected HF call (HF001 each), as in a service module. */
function pythonModule(prefix: string): string {
  let text = "from huggingface_hub import InferenceClient\n\nclient = InferenceClient()\n";
  for (let i = 0; i < 30; i++)
    text += `\n\ndef ${prefix}_${i}(prompt):\n    return client.chat_completion(messages=[{"role": "user", "content": prompt}])\n`;
  return text;
}

function jsModule(prefix: string): string {
  let text =
    'import { InferenceClient } from "@huggingface/inference";\n\nconst client = new InferenceClient("hf_x");\n';
  for (let i = 0; i < 30; i++)
    text += `\nexport async function ${prefix}_${i}(prompt: string) {\n  return client.chatCompletion({ model: "m", messages: [{ role: "user", content: prompt }] });\n}\n`;
  return text;
}

/** `text` with `line` typed at the start of the body of the function named `name`. */
function typeInto(text: string, name: string, line: string): string {
  const at = text.indexOf("\n", text.indexOf(name)) + 1;
  return text.slice(0, at) + line + text.slice(at);
}

const hf001Lines = (a: Analyzer, file: string) =>
  a
    .check(file, {}, { fixes: false })
    .diagnostics.filter((d) => d.code === "HF001")
    .map((d) => d.range.start.line);

for (const language of ["python", "js"] as const) {
  test(`two analyzers holding ${language === "python" ? "a Python" : "a TypeScript"} file of the same path keep their own state`, async () => {
    const file = language === "python" ? "/ws/service.py" : "/ws/service.ts";
    const module = language === "python" ? pythonModule : jsModule;
    // The second analyzer's text differs from the first's at its first and last character and all through, so a
    // tree or tables shared by path would make the first analyzer's next edit a change of the whole file.
    const first = await create();
    const second = await create();
    const mine = module("ask");
    const theirs = `// other\n${module("summarise").replace(/prompt/g, "text")}// end\n`;
    first.setFile(file, mine);
    second.setFile(file, theirs);

    const line = language === "python" ? "    x = 1\n" : "  const x = 1;\n";
    const edited = typeInto(mine, "ask_15(", line);
    const judged = judgeCounts.judged;
    const reused = judgeCounts.reused;
    const parses = { ...parseCounts };
    const jsParses = { ...jsParseCounts };
    first.setFile(file, edited);

    // The edit re-parses its own region (no whole parse, not TypeScript's incremental parse of a file-wide change)
    // and re-judges about one statement: what the first analyzer kept was its own tree and results.
    if (language === "python") {
      assert.equal(parseCounts.region - parses.region, 1, "the edit re-parses its region alone");
      assert.equal(parseCounts.full + parseCounts.incremental, parses.full + parses.incremental);
    } else {
      assert.equal(jsParseCounts.spliced - jsParses.spliced, 1, "the edit is spliced into the kept tree");
      assert.equal(jsParseCounts.full + jsParseCounts.incremental, jsParses.full + jsParses.incremental);
    }
    assert.ok(judgeCounts.judged - judged <= 2, `re-judged ${judgeCounts.judged - judged} statements`);
    assert.ok(judgeCounts.reused - reused >= 28, `reused only ${judgeCounts.reused - reused} statements`);

    // Each reports its own text: 30 HF001 each, on its own lines (the typed line moves the later calls down one).
    const expected = (text: string) =>
      text.split("\n").flatMap((l, i) => (/client\.chat_?[cC]ompletion\(/.test(l) ? [i] : []));
    assert.deepEqual(hf001Lines(first, file), expected(edited));
    assert.deepEqual(hf001Lines(second, file), expected(theirs));

    // Removing the file from one analyzer leaves the other's state: its next edit is still a local one.
    first.removeFile(file);
    const judgedBefore = judgeCounts.judged;
    second.setFile(file, typeInto(theirs, "summarise_3(", line));
    assert.ok(judgeCounts.judged - judgedBefore <= 2, `re-judged ${judgeCounts.judged - judgedBefore} statements`);
    assert.equal(hf001Lines(second, file).length, 30);
  });
}

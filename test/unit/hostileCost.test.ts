// Hostile input is bounded (issue 13, part 3): 5,000-level nesting, a 10 MB single-line file and a minified bundle
// with an HF URL inside cost one pass over their text, never a parse, whether the CLI reads them from disk or the
// editor sends them as buffers (where every keystroke asks again). Work is counted (parser runs), not timed.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { jsParseCounts } from "../../server/src/analysis/js/parse";
import { parseCounts } from "../../server/src/analysis/python/parser";
import { ROOT } from "../support/paths";

const PY = `from huggingface_hub import InferenceClient\nclient = InferenceClient()\nclient.text_generation("hi")\n`;
const TS = `import { InferenceClient } from "@huggingface/inference";\nconst c = new InferenceClient("hf_x");\nc.chatCompletion({ model: "m", messages: [] });\n`;
const HF_FETCH = `fetch("https://router.huggingface.co/v1/chat/completions", { method: "POST" });`;

const HOSTILE: Record<string, { text: string; reason: RegExp }> = {
  "/ws/deep.py": {
    text: PY + "x = " + "(\n".repeat(5000) + "1" + ")\n".repeat(5000),
    reason: /^nested too deeply: more than 200 levels of brackets/,
  },
  "/ws/deep_calls.py": {
    text: PY + "x = " + "f(\n".repeat(5000) + "1" + ")\n".repeat(5000),
    reason: /^nested too deeply/,
  },
  "/ws/deep.ts": {
    text: TS + "const x = " + "[\n".repeat(5000) + "1" + "]\n".repeat(5000) + ";\n",
    reason: /^nested too deeply: more than 400 levels of brackets/,
  },
  "/ws/deep_blocks.js": {
    text: "function f() {\n".repeat(5000) + HF_FETCH + "\n" + "}\n".repeat(5000),
    reason: /^nested too deeply/,
  },
  "/ws/line.js": { text: HF_FETCH + "var a=1;".repeat((10 * 1024 * 1024) / 8), reason: /^larger than 2 MB/ },
  "/ws/line.py": { text: PY.replace(/\n/g, ";") + "x=1;".repeat((10 * 1024 * 1024) / 4), reason: /^larger than 2 MB/ },
  "/ws/bundle.min.js": {
    text: ("!function(){" + HF_FETCH + "var b=[1,2,3].map(function(x){return x*2});}();").repeat(400),
    reason: /^minified/,
  },
};

function parses(): number {
  return (
    parseCounts.full +
    parseCounts.incremental +
    parseCounts.region +
    jsParseCounts.full +
    jsParseCounts.incremental +
    jsParseCounts.spliced
  );
}

test("the CLI's way (files read from disk, nothing kept): hostile files are refused with a reason, without a parse", async () => {
  const files = Object.fromEntries(Object.entries(HOSTILE).map(([p, h]) => [p, h.text]));
  const a = await Analyzer.create({
    fs: new MemoryFileSystem({ ...files, "/ws/app.py": PY }),
    wasmDir: path.join(ROOT, "node_modules"),
    incremental: false,
  });
  const before = parses();
  for (const [p, h] of Object.entries(HOSTILE)) {
    a.setFile(p);
    const r = a.check(p);
    assert.match(r.skipped ?? "", h.reason, p);
    assert.deepEqual(r.diagnostics, []);
  }
  assert.equal(parses() - before, 0, "no parser ran");
  a.setFile("/ws/app.py");
  assert.deepEqual(
    a.check("/ws/app.py").diagnostics.map((d) => d.code),
    ["HF001"],
    "the file beside them is analysed",
  );
  assert.equal(parses() - before, 1);
});

test("the editor's way (buffers, incremental state kept): typing into a hostile file never reaches a parser", async () => {
  const a = await Analyzer.create({ fs: new MemoryFileSystem({}), wasmDir: path.join(ROOT, "node_modules") });
  const before = parses();
  for (const [p, h] of Object.entries(HOSTILE)) {
    let text = h.text;
    for (let keystroke = 0; keystroke < 5; keystroke++) {
      // A character typed at the start, as a user fixing the file would.
      text = "x" + text;
      a.setFile(p, text);
      assert.match(a.check(p).skipped ?? "", h.reason, `${p}, keystroke ${keystroke}`);
    }
  }
  assert.equal(parses() - before, 0, "no parser ran");
  a.setFile("/ws/app.ts", TS);
  assert.deepEqual(
    a.check("/ws/app.ts").diagnostics.map((d) => d.code),
    ["HF001"],
  );
});

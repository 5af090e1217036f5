// One bad file costs that file alone (issue 12): it is skipped with a reason, and every other file of the run is
// analysed as if it were not there.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { parseCounts, parsePython, ParserFault } from "../../server/src/analysis/python/parser";
import { wasmFaults } from "../../server/src/analysis/python/wasmGuard";
import { detectVersions } from "../../server/src/analysis/versions/detectVersions";
import { ROOT } from "../support/paths";

const WASM_DIR = path.join(ROOT, "node_modules");
const CALL_PY = `from huggingface_hub import InferenceClient\nclient = InferenceClient()\nclient.text_generation("hi")\n`;

/** Functions nested `depth` levels, one space deeper each, with a call (an open bracket) at the bottom. */
function nestedDefs(depth: number): string {
  let text = CALL_PY;
  for (let i = 0; i < depth; i++) text += " ".repeat(i) + `def f${i}():\n`;
  return text + " ".repeat(depth) + "client.text_generation('x')\n";
}

async function analyzer(files: Record<string, string>) {
  const a = await Analyzer.create({ fs: new MemoryFileSystem(files), wasmDir: WASM_DIR, incremental: false });
  for (const p of Object.keys(files)) a.setFile(p);
  return a;
}

test("a Python file indented 511 levels is skipped with the reason, and later Python files keep their findings", async () => {
  const files: Record<string, string> = { "/ws/a_deep.py": nestedDefs(520) };
  for (let i = 0; i < 5; i++) files[`/ws/b${i}.py`] = CALL_PY;
  const parsesBefore = parseCounts.full;
  const a = await analyzer(files);
  const deep = a.check("/ws/a_deep.py");
  assert.deepEqual(deep.diagnostics, []);
  assert.match(deep.skipped ?? "", /nested too deeply: more than 100 levels of indentation/);
  for (let i = 0; i < 5; i++)
    assert.deepEqual(
      a.check(`/ws/b${i}.py`).diagnostics.map((d) => d.code),
      ["HF001"],
      `b${i}.py`,
    );
  // The deep file never reached the parser: only the five small files were parsed.
  assert.equal(parseCounts.full - parsesBefore, 5);
});

test("after a fault inside tree-sitter, the parser is reset and the next files parse as on a fresh start", async () => {
  const recovered = wasmFaults.recovered;
  // Straight to the parser, past the analyzer's depth check: this input overruns tree-sitter-python's scanner.
  assert.throws(() => parsePython(nestedDefs(600)), ParserFault);
  assert.equal(wasmFaults.recovered, recovered + 1);
  const a = await analyzer({ "/ws/b.py": CALL_PY, "/ws/c.py": CALL_PY + "client.chat_completion(messages=[])\n" });
  assert.deepEqual(
    a.check("/ws/b.py").diagnostics.map((d) => d.code),
    ["HF001"],
  );
  assert.deepEqual(
    a.check("/ws/c.py").diagnostics.map((d) => `${d.code}@${d.range.start.line}`),
    ["HF001@2", "HF001@3"],
  );
  // And again: a second fault is recovered from as well.
  assert.throws(() => parsePython(nestedDefs(600)), ParserFault);
  assert.deepEqual(a.check("/ws/b.py").diagnostics.length, 1);
  const again = await analyzer({ "/ws/d.py": CALL_PY });
  assert.deepEqual(
    again.check("/ws/d.py").diagnostics.map((d) => d.code),
    ["HF001"],
  );
});

test("nesting past the parsers' limits is refused before parsing, in both languages; the limits leave real code alone", async () => {
  const brackets = (n: number) => CALL_PY + "x = " + "(\n".repeat(n) + "1" + ")\n".repeat(n) + "\n";
  const ts = (n: number) =>
    `import { InferenceClient } from "@huggingface/inference";\nconst c = new InferenceClient("hf_x");\nc.chatCompletion({});\n` +
    "const x = " +
    "[\n".repeat(n) +
    "1" +
    "]\n".repeat(n) +
    ";\n";
  const a = await analyzer({
    "/ws/p5000.py": brackets(5000),
    "/ws/p150.py": brackets(150),
    "/ws/t5000.ts": ts(5000),
    "/ws/t300.ts": ts(300),
  });
  assert.match(a.check("/ws/p5000.py").skipped ?? "", /more than 200 levels of brackets/);
  assert.equal(a.check("/ws/p150.py").skipped, undefined);
  assert.equal(a.check("/ws/p150.py").diagnostics.length, 1);
  assert.match(a.check("/ws/t5000.ts").skipped ?? "", /more than 400 levels of brackets/);
  assert.equal(a.check("/ws/t300.ts").skipped, undefined);
  assert.equal(a.check("/ws/t300.ts").diagnostics.length, 1);
});

test("malformed notebooks become a note or an empty analysis, never an exception", async () => {
  const code = {
    cell_type: "code",
    source: [
      "from huggingface_hub import InferenceClient\n",
      "client = InferenceClient()\n",
      "client.text_generation('x')\n",
    ],
  };
  const files: Record<string, string> = {
    "/ws/kernel-number.ipynb": JSON.stringify({
      cells: [code],
      metadata: { kernelspec: { language: 5 }, language_info: { name: null } },
    }),
    "/ws/null-cell.ipynb": JSON.stringify({ cells: [null, 7, "text", code], metadata: {} }),
    "/ws/odd-source.ipynb": JSON.stringify({
      cells: [{ cell_type: "code", source: [1, null, { a: 1 }] }, code],
      metadata: null,
    }),
    "/ws/cells-object.ipynb": JSON.stringify({ cells: { 0: code } }),
    "/ws/top-null.ipynb": "null",
    "/ws/r.ipynb": JSON.stringify({ cells: [code], metadata: { kernelspec: { language: "R" } } }),
  };
  const a = await analyzer(files);
  const cells = (p: string) => a.check(p).diagnostics.map((d) => `${d.code}@cell${d.cell}`);
  assert.deepEqual(
    cells("/ws/kernel-number.ipynb"),
    ["HF001@cell0"],
    "a kernel language that is not a string is no language",
  );
  assert.deepEqual(
    cells("/ws/null-cell.ipynb"),
    ["HF001@cell3"],
    "cells that are not objects keep their place in the numbering",
  );
  assert.deepEqual(cells("/ws/odd-source.ipynb"), ["HF001@cell1"]);
  assert.match(a.check("/ws/cells-object.ipynb").skipped ?? "", /no cells array/);
  assert.match(a.check("/ws/top-null.ipynb").skipped ?? "", /no cells array/);
  assert.match(a.check("/ws/r.ipynb").skipped ?? "", /kernel language is R/);
});

test('exclude: [""] and other bad globs are reported; the good globs still apply and nothing throws', async () => {
  const a = await analyzer({
    "/ws/.hf-rate-guard.json": JSON.stringify({ exclude: ["", 5, "gen/**", null] }),
    "/ws/app.py": CALL_PY,
    "/ws/gen/made.py": CALL_PY,
  });
  const app = a.check("/ws/app.py");
  assert.deepEqual(
    app.diagnostics.map((d) => d.code),
    ["HF001"],
  );
  assert.ok(
    app.configErrors.some((e) => /exclude\[0\] is empty; ignored/.test(e)),
    app.configErrors.join("\n"),
  );
  assert.ok(app.configErrors.some((e) => /exclude\[1\] must be a glob string; ignored/.test(e)));
  assert.ok(app.configErrors.some((e) => /exclude\[3\] must be a glob string/.test(e)));
  assert.equal(a.check("/ws/gen/made.py").excluded, true);
});

test("lock-file entries without a string name or version are left out; the file's other entries still count", () => {
  // Each file has a bad entry before the good one: the versions found are what the rules' version gates read.
  const cases: Record<string, string> = {
    "poetry.lock": `[[package]]\nversion = "1.0"\n\n[[package]]\nname = 5\nversion = "2"\n\n[[package]]\nname = "huggingface-hub"\nversion = "0.28.1"\n`,
    "uv.lock": `[[package]]\nname = "tenacity"\n\n[[package]]\nname = ["x"]\nversion = "1"\n\n[[package]]\nname = "huggingface-hub"\nversion = "0.30.0"\n`,
    "Pipfile.lock": JSON.stringify({ default: { broken: null, "huggingface-hub": { version: "==0.29.0" } } }),
  };
  for (const [file, text] of Object.entries(cases)) {
    const fs = new MemoryFileSystem({ [`/p/${file}`]: text });
    const versions = detectVersions(fs, "/p/app.py");
    assert.match(versions.huggingface_hub ?? "", /^0\.(28|29|30)/, `${file}: ${JSON.stringify(versions)}`);
  }
  const js = new MemoryFileSystem({
    "/j/package-lock.json": JSON.stringify({
      packages: { "node_modules/x": null, "node_modules/@huggingface/inference": { version: "4.0.0" } },
      dependencies: { y: null },
    }),
  });
  assert.equal(detectVersions(js, "/j/app.ts")["@huggingface/inference"], "4.0.0");
});

test("`llm = ChatHuggingFace(llm=llm)` is analysed like any wrapper, not dropped as too deep", async () => {
  const selfRef = `from langchain_huggingface import ChatHuggingFace, HuggingFaceEndpoint\nllm = HuggingFaceEndpoint(repo_id="m")\nllm = ChatHuggingFace(llm=llm)\nllm.invoke("hi")\n`;
  const named = selfRef
    .replace("llm = HuggingFaceEndpoint", "endpoint = HuggingFaceEndpoint")
    .replace("ChatHuggingFace(llm=llm)", "ChatHuggingFace(llm=endpoint)");
  const a = await analyzer({ "/ws/self.py": selfRef, "/ws/named.py": named });
  const self = a.check("/ws/self.py");
  assert.equal(self.skipped, undefined);
  assert.deepEqual(
    self.diagnostics.map((d) => `${d.code}@${d.range.start.line}`),
    a.check("/ws/named.py").diagnostics.map((d) => `${d.code}@${d.range.start.line}`),
  );
  assert.ok(self.diagnostics.length > 0);
});

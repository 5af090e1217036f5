// Bad input is normal input for an editor tool: none of these may throw, and each degrades the way a user
// would expect (analysed as far as possible, or skipped with a reason).
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { ROOT } from "../support/paths";

async function check(name: string, text: string) {
  const p = `/ws/${name}`;
  const analyzer = await Analyzer.create({
    fs: new MemoryFileSystem({ [p]: text }),
    wasmDir: path.join(ROOT, "node_modules"),
  });
  analyzer.setFile(p);
  return analyzer.check(p);
}

const CALL_PY = `from huggingface_hub import InferenceClient\nclient = InferenceClient()\nclient.text_generation("hi")\n`;

test("empty files", async () => {
  for (const name of ["a.py", "a.ts", "a.ipynb"]) {
    const r = await check(name, "");
    assert.deepEqual(r.diagnostics, []);
  }
});

test("syntax errors: analysed as far as the parser recovers, with a note", async () => {
  const py = await check("a.py", CALL_PY + "def broken(:\n    pass\nclient.chat_completion(messages=[\n");
  assert.ok(
    py.diagnostics.some((d) => d.code === "HF001" && d.range.start.line === 2),
    JSON.stringify(py.diagnostics),
  );
  assert.ok(py.notes.some((n) => n.includes("syntax errors")));
  const ts = await check(
    "a.ts",
    `import { InferenceClient } from "@huggingface/inference";\nconst c = new InferenceClient("hf_x");\nc.chatCompletion({ model: "m", messages: [] });\nfunction (( {\n`,
  );
  assert.ok(ts.diagnostics.some((d) => d.code === "HF001" && d.range.start.line === 2));
});

test("half-typed code does not throw", async () => {
  for (const text of [
    "from huggingface_hub import",
    "client = InferenceClient(",
    "client.chat_completion(messages=[{",
    "@retry(",
    "try:\n    client.x(\nexcept",
  ]) {
    await check("a.py", text);
  }
  for (const text of [
    "import {",
    "new InferenceClient(",
    "client.chatCompletion({ model: ",
    "try { await fetch(`https://router.huggingface.co/${",
  ]) {
    await check("a.ts", text);
  }
});

test("a 5 MB file is skipped with a reason, not parsed", async () => {
  const big = CALL_PY + "x = 1\n".repeat(900_000);
  const r = await check("big.py", big);
  assert.match(r.skipped ?? "", /larger than 2 MB/);
  assert.deepEqual(r.diagnostics, []);
});

test("binary and minified files are skipped", async () => {
  assert.equal((await check("b.py", "\u0000\u0001\u0002hf")).skipped, "binary file");
  const minified = "var a=" + "fetch('https://router.huggingface.co/v1/chat/completions',{method:'POST'});".repeat(200);
  assert.equal((await check("m.js", minified)).skipped, "minified");
});

test("1,000-level nesting in both languages", async () => {
  let py = "";
  for (let i = 0; i < 1000; i++) py += " ".repeat(i) + "if x:\n";
  py += " ".repeat(1000) + "client.text_generation('hi')\n";
  await check("deep.py", CALL_PY + py);
  const ts =
    `import { InferenceClient } from "@huggingface/inference";\nconst c = new InferenceClient("hf_x");\n` +
    "[".repeat(1000) +
    "c.chatCompletion({})" +
    "]".repeat(1000) +
    ";\n" +
    "(".repeat(1000) +
    "1" +
    ")".repeat(1000) +
    ";\n";
  const r = await check("deep.ts", ts);
  // TypeScript's recursive parser may run out of stack at this depth: then the file is skipped with a reason.
  assert.ok(
    r.diagnostics.some((d) => d.code === "HF001") || /^nested too deeply/.test(r.skipped ?? ""),
    JSON.stringify(r),
  );
  const moderate =
    `import { InferenceClient } from "@huggingface/inference";\nconst c = new InferenceClient("hf_x");\n` +
    "[".repeat(200) +
    "c.chatCompletion({})" +
    "]".repeat(200) +
    ";\n";
  assert.ok((await check("moderate.ts", moderate)).diagnostics.some((d) => d.code === "HF001"));
  const parens = "x = " + "(".repeat(1000) + "1" + ")".repeat(1000) + "\n";
  await check("parens.py", CALL_PY + parens);
});

test("a broken notebook is skipped with a reason", async () => {
  assert.match((await check("n.ipynb", "{ not json")).skipped ?? "", /notebook: invalid JSON/);
});

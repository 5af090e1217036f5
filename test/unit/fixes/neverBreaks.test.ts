// Issue 12, "a fix never breaks code": each shape that once came out of fix-all as broken code. Python results are
// compiled by the real CPython (what would import them); TypeScript results are checked by the real compiler.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { Analyzer } from "../../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../../server/src/analysis/fileSystem";
import { ROOT } from "../../support/paths";

async function fixAll(file: string, text: string, extra: Record<string, string> = {}) {
  const a = await Analyzer.create({
    fs: new MemoryFileSystem({ [file]: text, ...extra }),
    wasmDir: path.join(ROOT, "node_modules"),
    incremental: false,
  });
  a.setFile(file);
  const result = a.fixAll(file);
  return { ...result, left: a.check(file).diagnostics.map((d) => d.code) };
}

/** CPython's verdict: undefined when the text compiles, else its error message. */
function pythonError(text: string): string | undefined {
  const out = execFileSync(
    "python3",
    [
      "-c",
      "import sys\ntry:\n    compile(sys.stdin.read(), 'f.py', 'exec')\nexcept SyntaxError as e:\n    print(e.msg)",
    ],
    { input: text },
  )
    .toString()
    .trim();
  return out || undefined;
}

/** The TypeScript compiler's syntax and grammar errors (TS1xxx), which include TS1308 (await outside async). */
function typeScriptErrors(file: string, text: string): string[] {
  const host = ts.createCompilerHost({ noEmit: true });
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, version) =>
    name === file ? ts.createSourceFile(name, text, version) : getSourceFile(name, version);
  const program = ts.createProgram(
    [file],
    { noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, noResolve: true, types: [] },
    host,
  );
  return [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()]
    .filter((d) => d.code < 2000)
    .map((d) => `TS${d.code}`);
}

test("an await inside the arguments of a sync Python call: wrapped without a lambda, and it compiles", async () => {
  const text = `from huggingface_hub import InferenceClient

client = InferenceClient()


async def summarize(load):
    return client.text_generation(await load(), max_new_tokens=10)
`;
  assert.equal(pythonError(text), undefined);
  const r = await fixAll("/ws/a.py", text);
  assert.ok(r.changed, r.skipped);
  assert.deepEqual(r.left, []);
  assert.match(r.text, /return _hf_retry\(client\.text_generation, await load\(\), max_new_tokens=10\)/);
  assert.equal(pythonError(r.text), undefined);
});

test("an await inside the arguments of an awaited Python call: the async helper gets the callee and arguments", async () => {
  const text = `from huggingface_hub import AsyncInferenceClient

client = AsyncInferenceClient()


async def chat(build):
    reply = await client.chat_completion(messages=await build())
    return reply
`;
  const r = await fixAll("/ws/a.py", text);
  assert.ok(r.changed, r.skipped);
  assert.deepEqual(r.left, []);
  assert.match(r.text, /reply = await _hf_retry_async\(client\.chat_completion, messages=await build\(\)\)/);
  assert.equal(pythonError(r.text), undefined);
});

test("an await inside the arguments of a TypeScript call: an async arrow, no TS1308", async () => {
  const file = "/ws/a.ts";
  const direct = `import { InferenceClient } from "@huggingface/inference";

export async function ask(client: InferenceClient, load: () => Promise<string>) {
  return await client.chatCompletion({ model: "m", messages: [{ role: "user", content: await load() }] });
}
`;
  assert.deepEqual(typeScriptErrors(file, direct), []);
  const r = await fixAll(file, direct);
  assert.ok(r.changed, r.skipped);
  assert.deepEqual(r.left, []);
  assert.match(r.text, /return await hfRetry\(async \(\) => client\.chatCompletion\(/);
  assert.deepEqual(typeScriptErrors(file, r.text), []);
});

test("a '(' in a comment on an import line does not move the helper below module-level code", async () => {
  const text = `import os  # read the token from the env :(
from huggingface_hub import InferenceClient  # (sync client

client = InferenceClient(token=os.environ.get("HF_TOKEN"))
print(client.text_generation("hi"))
`;
  const r = await fixAll("/ws/a.py", text);
  assert.ok(r.changed, r.skipped);
  const helper = r.text.indexOf("def _hf_retry(");
  assert.ok(
    helper !== -1 && helper < r.text.indexOf("client = InferenceClient("),
    "the helper is defined before the module-level call uses it",
  );
  assert.equal(pythonError(r.text), undefined);
});

test("JS directives, a shebang and a Python encoding line stay first", async () => {
  for (const [file, first] of [
    ["/ws/page.js", `'use client';\n`],
    ["/ws/worker.ts", `"use strict";\n`],
    ["/ws/cli.mjs", `#!/usr/bin/env node\n"use strict";\n`],
  ] as const) {
    const text = `${first}\nexport async function ask() {\n  const res = await fetch("https://router.huggingface.co/v1/chat/completions", { method: "POST" });\n  return res.json();\n}\n`;
    const r = await fixAll(file, text);
    assert.ok(r.changed, `${file}: ${r.skipped}`);
    assert.ok(r.text.startsWith(first), `${file} begins with ${JSON.stringify(r.text.slice(0, 40))}`);
    assert.match(r.text, /hfFetch\("https:\/\/router/);
  }
  const py = `#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n"""Ask HF."""\nfrom huggingface_hub import InferenceClient\n\nInferenceClient().text_generation("hi")\n`;
  const r = await fixAll("/ws/a.py", py);
  assert.ok(r.changed, r.skipped);
  assert.ok(r.text.startsWith(`#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n"""Ask HF."""\n`), r.text.slice(0, 80));
});

test("fix-all leaves alone files that CPython or TypeScript reject even when our parsers recover silently", async () => {
  const body = `from huggingface_hub import InferenceClient

client = InferenceClient()
`;
  const broken: Record<string, string> = {
    "unexpected indent": body + `  client.text_generation("a")\n`,
    "a block with no body": body + `def ask():\nclient.text_generation("a")\n`,
    "a dedent to no outer level": body + `if True:\n        x = 1\n    client.text_generation("a")\n`,
    "try without except": body + `try:\n    client.text_generation("a")\nx = 1\n`,
    "positional after keyword": body + `client.text_generation(prompt="a", 1)\n`,
    "Python 2 print": body + `print client.text_generation("a")\n`,
    "await outside async": body + `def f():\n    return await client.text_generation("a")\n`,
    "import with a trailing comma":
      body.replace("InferenceClient\n", "InferenceClient,\n") + `client.text_generation("a")\n`,
  };
  for (const [what, text] of Object.entries(broken)) {
    assert.notEqual(pythonError(text), undefined, `${what}: CPython rejects it`);
    const r = await fixAll("/ws/a.py", text);
    assert.equal(r.changed, false, `${what}: left alone`);
    assert.match(r.skipped ?? "", /syntax errors/, what);
  }
  const tsBroken = `export function ask(c: { chatCompletion(a: object): Promise<unknown> }) {\n  return fetch("https://router.huggingface.co/v1/chat/completions", { body: await c.chatCompletion({}) as string });\n}\n`;
  assert.deepEqual(typeScriptErrors("/ws/a.ts", tsBroken), ["TS1308"]);
  const r = await fixAll("/ws/a.ts", tsBroken);
  assert.equal(r.changed, false);
});

test("a second fix-all changes nothing on every shape above", async () => {
  const shapes: [string, string][] = [
    [
      "/ws/a.py",
      `from huggingface_hub import InferenceClient  # (sync)\n\nclient = InferenceClient()\n\n\nasync def f(load):\n    return client.text_generation(await load())\n`,
    ],
    [
      "/ws/b.js",
      `'use client';\nexport const f = async () => (await fetch("https://router.huggingface.co/v1/models/x", { body: await Promise.resolve("") })).json();\n`,
    ],
  ];
  for (const [file, text] of shapes) {
    const once = await fixAll(file, text);
    assert.ok(once.changed, `${file}: ${once.skipped}`);
    const twice = await fixAll(file, once.text);
    assert.equal(twice.changed, false, `${file}: a second run changed it:\n${twice.text}`);
  }
});

// Issue 15: one retry helper per project. When more than one file needs it (or the module exists), the HF001 fix
// creates `hf_retry.py` beside the top package / `hfRetry.ts` beside the sources and imports it; a second fix
// reuses it. The setting (editor `hfRateGuard.fixes.helper`, config `fixHelper`) chooses inline or module.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../../server/src/analysis/fileSystem";
import { ROOT } from "../../support/paths";
import { tempDir } from "../../support/tempDir";

async function workspace(files: Record<string, string>) {
  const a = await Analyzer.create({
    fs: new MemoryFileSystem(files),
    wasmDir: path.join(ROOT, "node_modules"),
    incremental: false,
  });
  for (const p of Object.keys(files)) a.setFile(p);
  return a;
}

const ASK = (fn: string) => `from huggingface_hub import InferenceClient

client = InferenceClient()


def ${fn}(prompt):
    return client.text_generation(prompt)
`;

/** ruff at its defaults over the files written to a folder (it decides first-party imports from what is there). */
function ruffFindings(files: Record<string, string>): string {
  const dir = tempDir("hfrg-ruff-");
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const out = execFileSync(
    "python3",
    ["-m", "ruff", "check", "--no-cache", "--exit-zero", "--output-format", "concise", "."],
    { cwd: dir },
  ).toString();
  fs.rmSync(dir, { recursive: true, force: true });
  return out.replace(/All checks passed!\n?/g, "");
}

test("two files need the helper: the first fix creates hf_retry.py, both import it, nothing is left", async () => {
  const a = await workspace({ "/ws/app/ask.py": ASK("ask"), "/ws/app/summarize.py": ASK("summarize") });
  const first = a.fixAll("/ws/app/ask.py");
  assert.deepEqual(
    first.created?.map((f) => f.path),
    ["/ws/app/hf_retry.py"],
  );
  const module = first.created![0].text;
  assert.match(module, /^def hf_retry\(call, \*args, \*\*kwargs\):/m);
  assert.doesNotMatch(module, /async def/, "no async calls in the project: no async helper");
  assert.match(
    first.text,
    /^from hf_retry import hf_retry\nfrom huggingface_hub import InferenceClient$/m,
    "sorted into the import block",
  );
  assert.match(first.text, /return hf_retry\(lambda: client\.text_generation\(prompt\)\)/);
  assert.doesNotMatch(first.text, /def _hf_retry/, "nothing inlined");
  const second = a.fixAll("/ws/app/summarize.py");
  assert.equal(second.created, undefined, "the module is reused, not created twice");
  assert.match(second.text, /^from hf_retry import hf_retry$/m);
  a.setFile("/ws/app/ask.py", first.text);
  a.setFile("/ws/app/summarize.py", second.text);
  assert.deepEqual(a.check("/ws/app/ask.py").diagnostics, [], "the imported helper protects the calls");
  assert.deepEqual(a.check("/ws/app/summarize.py").diagnostics, []);
  // ruff runs from the project root, above app/: hf_retry is not first-party there, so it sorts with the others.
  assert.equal(
    ruffFindings({ "app/hf_retry.py": module, "app/ask.py": first.text, "app/summarize.py": second.text }),
    "",
  );
});

test("the quick fix carries the module to create with its edits (one WorkspaceEdit in the editor)", async () => {
  const a = await workspace({ "/ws/ask.py": ASK("ask"), "/ws/summarize.py": ASK("summarize") });
  const d = a.check("/ws/ask.py").diagnostics.find((x) => x.code === "HF001")!;
  const fix = d.fixes.find((f) => f.isPreferred)!;
  assert.deepEqual(
    fix.files?.map((f) => f.path),
    ["/ws/hf_retry.py"],
  );
  assert.ok(fix.edits.some((e) => e.newText.includes("from hf_retry import hf_retry")));
});

test("beside the top package: a file in pkg/sub imports hf_retry from the folder holding pkg", async () => {
  const a = await workspace({
    "/ws/pkg/__init__.py": "",
    "/ws/pkg/sub/__init__.py": "",
    "/ws/pkg/sub/a.py": ASK("a"),
    "/ws/pkg/b.py": ASK("b"),
    "/ws/pyproject.toml": '[project]\nname = "x"\n',
  });
  const r = a.fixAll("/ws/pkg/sub/a.py");
  assert.deepEqual(
    r.created?.map((f) => f.path),
    ["/ws/hf_retry.py"],
  );
  // At the project root ruff sees it as first-party: its own group after the third-party one.
  assert.match(r.text, /^from huggingface_hub import InferenceClient\n\nfrom hf_retry import hf_retry\n/m);
  const module = r.created![0].text;
  assert.equal(
    ruffFindings({
      "pyproject.toml": '[project]\nname = "x"\n',
      "hf_retry.py": module,
      "pkg/__init__.py": "",
      "pkg/sub/__init__.py": "",
      "pkg/sub/a.py": r.text,
    }),
    "",
  );
});

test("the setting chooses: inline even for many files, module even for one", async () => {
  const files = { "/ws/ask.py": ASK("ask"), "/ws/summarize.py": ASK("summarize") };
  const inline = await workspace({ ...files, "/ws/.hf-rate-guard.json": `{"fixHelper": "inline"}` });
  const r = inline.fixAll("/ws/ask.py");
  assert.equal(r.created, undefined);
  assert.match(r.text, /def _hf_retry\(/);
  const editor = await workspace(files);
  assert.match(editor.fixAll("/ws/ask.py", { fixHelper: "inline" }).text, /def _hf_retry\(/, "the editor setting wins");
  const module = await workspace({ "/ws/ask.py": ASK("ask"), "/ws/.hf-rate-guard.json": `{"fixHelper": "module"}` });
  assert.deepEqual(
    module.fixAll("/ws/ask.py").created?.map((f) => f.path),
    ["/ws/hf_retry.py"],
  );
  const bad = await workspace({ "/ws/ask.py": ASK("ask"), "/ws/.hf-rate-guard.json": `{"fixHelper": "shared"}` });
  assert.match(bad.check("/ws/ask.py").configErrors.join(), /fixHelper must be one of "auto", "inline", "module"/);
});

test("an existing hf_retry.py is a natural module: even one file imports it", async () => {
  const module = (await workspace({ "/ws/a.py": ASK("a"), "/ws/b.py": ASK("b") })).fixAll("/ws/a.py").created![0].text;
  const a = await workspace({ "/ws/only.py": ASK("only"), "/ws/hf_retry.py": module });
  const r = a.fixAll("/ws/only.py");
  assert.equal(r.created, undefined);
  assert.match(r.text, /^from hf_retry import hf_retry$/m);
  a.setFile("/ws/only.py", r.text);
  assert.deepEqual(a.check("/ws/only.py").diagnostics, []);
});

test("TypeScript: hfRetry.ts beside the sources, imported with the extension node16 resolution wants", async () => {
  const ts = (name: string) => `import { InferenceClient } from "@huggingface/inference";

const client = new InferenceClient("hf_x");

export async function ${name}(prompt: string) {
  return await client.chatCompletion({ model: "m", messages: [{ role: "user", content: prompt }] });
}
`;
  const fetchTs = `export async function get(url: string) {\n  return await fetch(\`https://router.huggingface.co/v1/\${url}\`);\n}\n`;
  const a = await workspace({
    "/ws/src/chat/a.ts": ts("a"),
    "/ws/src/b.ts": fetchTs,
    "/ws/tsconfig.json": `{"compilerOptions": {"module": "node16"}}`,
  });
  const r = a.fixAll("/ws/src/chat/a.ts");
  assert.deepEqual(
    r.created?.map((f) => f.path),
    ["/ws/src/hfRetry.ts"],
  );
  assert.match(r.created![0].text, /^export async function hfRetry<T>\(call: \(\) => Promise<T>\): Promise<T> \{$/m);
  assert.match(r.created![0].text, /^export function hfFetch\(/m);
  assert.match(r.text, /^import \{ hfFetch \} from "\.\.\/hfRetry\.js";$/m);
  assert.match(r.text, /new InferenceClient\("hf_x", \{ fetch: hfFetch \}\)/);
  a.setFile("/ws/src/chat/a.ts", r.text);
  const b = a.fixAll("/ws/src/b.ts");
  assert.equal(b.created, undefined);
  assert.match(b.text, /^import \{ hfFetch \} from "\.\/hfRetry\.js";$/m);
  a.setFile("/ws/src/b.ts", b.text);
  assert.deepEqual(a.check("/ws/src/chat/a.ts").diagnostics, []);
  assert.deepEqual(a.check("/ws/src/b.ts").diagnostics, []);
});

test("the helper's import goes into the third-party section, never after the relative imports (ruff I001)", async () => {
  const withRelative = (fn: string) => `import os

import requests
from huggingface_hub import InferenceClient

from .settings import MODEL

client = InferenceClient(token=os.environ["HF_TOKEN"])


def ${fn}(prompt):
    requests.get("https://example.com")
    return client.text_generation(prompt, model=MODEL)
`;
  const a = await workspace({
    "/ws/app/ask.py": withRelative("ask"),
    "/ws/app/summarize.py": withRelative("summarize"),
  });
  const fixed = a.fixAll("/ws/app/ask.py");
  assert.match(
    fixed.text,
    /^import requests\nfrom hf_retry import hf_retry\nfrom huggingface_hub import InferenceClient\n\nfrom \.settings import MODEL\n/m,
  );
  assert.equal(
    ruffFindings({
      "app/__init__.py": "",
      "app/settings.py": 'MODEL = "m"\n',
      "app/ask.py": fixed.text,
      "app/hf_retry.py": fixed.created![0].text,
    }),
    "",
  );
});

// Fixes as data: what each quick fix and suppression edits, and fix-all's guarantees (fixpoint, idempotence,
// line endings, syntax errors untouched). The run-time proof that fixed programs survive 429s is test/runtime.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../../server/src/analysis/analyzer";
import type { Diagnostic, Fix } from "../../../server/src/analysis/diagnostic";
import { MemoryFileSystem } from "../../../server/src/analysis/fileSystem";
import { LineIndex } from "../../../server/src/analysis/text";
import { ROOT } from "../../support/paths";

async function analyzer(files: Record<string, string>) {
  const a = await Analyzer.create({ fs: new MemoryFileSystem(files), wasmDir: path.join(ROOT, "node_modules") });
  for (const p of Object.keys(files)) a.setFile(p);
  return a;
}

function apply(text: string, fix: Fix): string {
  const lines = new LineIndex(text);
  const edits = fix.edits
    .map((e) => ({ s: lines.offset(e.range.start), e: lines.offset(e.range.end), t: e.newText }))
    .sort((a, b) => b.s - a.s);
  for (const e of edits) text = text.slice(0, e.s) + e.t + text.slice(e.e);
  return text;
}

function fixNamed(d: Diagnostic, title: RegExp): Fix {
  const fix = d.fixes.find((f) => title.test(f.title));
  assert.ok(fix, `no fix matching ${title} among ${d.fixes.map((f) => f.title).join(", ")}`);
  return fix;
}

const PY = `from huggingface_hub import InferenceClient

client = InferenceClient()


def ask(prompt):
    return client.text_generation(prompt)
`;

test("every diagnostic offers line and file suppressions; one quick fix is preferred", async () => {
  const a = await analyzer({ "/ws/a.py": PY });
  const [d] = a.check("/ws/a.py").diagnostics;
  assert.equal(d.fixes.filter((f) => f.isPreferred).length, 1);
  assert.match(d.fixes.find((f) => f.isPreferred)!.title, /^HF001:/);
  const line = apply(PY, fixNamed(d, /Disable HF001 for this line/));
  assert.match(line, /\n    # hf-rate-guard: ignore\[HF001\]\n    return client\.text_generation/);
  const file = apply(PY, fixNamed(d, /Disable HF001 for this file/));
  assert.ok(file.startsWith("# hf-rate-guard: ignore-file[HF001]\nfrom huggingface_hub"));
  for (const text of [line, file]) {
    const b = await analyzer({ "/ws/a.py": text });
    assert.deepEqual(b.check("/ws/a.py").diagnostics, []);
  }
});

test("a suppression merges into an existing directive and keeps CRLF line endings", async () => {
  const text = PY.replace("    return client", "    # hf-rate-guard: ignore[HF007]\n    return client").replace(
    /\n/g,
    "\r\n",
  );
  const a = await analyzer({ "/ws/a.py": text });
  const [d] = a.check("/ws/a.py").diagnostics;
  const fixed = apply(text, fixNamed(d, /Disable HF001 for this line/));
  assert.match(fixed, /# hf-rate-guard: ignore\[HF007, HF001\]\r\n    return/);
  const ts = `import { InferenceClient } from "@huggingface/inference";\r\nnew InferenceClient("hf_x").chatCompletion({ model: "m", messages: [] });\r\n`;
  const b = await analyzer({ "/ws/a.ts": ts });
  const fixedTs = apply(ts, fixNamed(b.check("/ws/a.ts").diagnostics[0], /Disable HF001 for this line/));
  assert.match(fixedTs, /\r\n\/\/ hf-rate-guard: ignore\[HF001\]\r\nnew InferenceClient/);
});

test("fix-all inserts one helper after the docstring and imports, wraps every call, and a second run changes nothing", async () => {
  const text = `"""Module docstring."""
from __future__ import annotations

import os
from huggingface_hub import (
    InferenceClient,
)

client = InferenceClient()
a = client.text_generation("a")
b = client.text_generation("b")
`;
  const a = await analyzer({ "/ws/a.py": text });
  const result = a.fixAll("/ws/a.py");
  assert.ok(result.changed);
  assert.equal(result.text.split("def _hf_retry(").length - 1, 1, "the helper is inserted once");
  assert.ok(
    result.text.indexOf("def _hf_retry_after(") > result.text.indexOf("    InferenceClient,\n)"),
    "after the imports",
  );
  assert.match(result.text, /a = _hf_retry\(lambda: client\.text_generation\("a"\)\)/);
  assert.match(result.text, /b = _hf_retry\(lambda: client\.text_generation\("b"\)\)/);
  assert.deepEqual(a.check("/ws/a.py").diagnostics, []);
  const again = (await analyzer({ "/ws/a.py": result.text })).fixAll("/ws/a.py");
  assert.equal(again.changed, false);
});

test("fix-all never touches a file with syntax errors", async () => {
  const broken = PY + "def oops(:\n";
  const a = await analyzer({ "/ws/a.py": broken });
  const result = a.fixAll("/ws/a.py");
  assert.equal(result.changed, false);
  assert.equal(result.text, broken);
});

test("HF003 adds bill_to, or the header where bill_to does not exist yet (huggingface_hub < 0.30)", async () => {
  const files = { "/ws/a.py": PY, "/ws/.hf-rate-guard.json": `{"billTo": "acme"}` };
  const a = await analyzer(files);
  const d = a.check("/ws/a.py").diagnostics.find((x) => x.code === "HF003")!;
  assert.match(apply(PY, fixNamed(d, /^HF003/)), /InferenceClient\(bill_to="acme"\)/);
  const old = await analyzer({ ...files, "/ws/requirements.txt": "huggingface_hub==0.28.1\n" });
  const d2 = old.check("/ws/a.py").diagnostics.find((x) => x.code === "HF003")!;
  assert.match(apply(PY, fixNamed(d2, /^HF003/)), /InferenceClient\(headers=\{"X-HF-Bill-To": "acme"\}\)/);
  const openai = `from openai import OpenAI\nc = OpenAI(base_url="https://router.huggingface.co/v1", default_headers={"X-Trace": "1"})\nc.chat.completions.create(model="m", messages=[])\n`;
  const o = await analyzer({ "/ws/b.py": openai, "/ws/.hf-rate-guard.json": `{"billTo": "acme"}` });
  const d3 = o.check("/ws/b.py").diagnostics.find((x) => x.code === "HF003")!;
  assert.match(apply(openai, fixNamed(d3, /^HF003/)), /default_headers=\{"X-HF-Bill-To": "acme", "X-Trace": "1"\}/);
});

test("HF003 in TypeScript: billTo in the client options", async () => {
  const ts = `import { InferenceClient } from "@huggingface/inference";\nconst c = new InferenceClient("hf_x", { endpointUrl: undefined });\nexport const f = () => c.chatCompletion({ model: "m", messages: [] });\n`;
  const a = await analyzer({ "/ws/a.ts": ts });
  const d = a.check("/ws/a.ts", { billTo: "acme" }).diagnostics.find((x) => x.code === "HF003")!;
  assert.match(
    apply(ts, fixNamed(d, /^HF003/)),
    /new InferenceClient\("hf_x", \{ endpointUrl: undefined, billTo: "acme" \}\)/,
  );
});

test("HF007 rewrites the legacy URL to the router", async () => {
  const text = `import requests\nr = requests.post("https://api-inference.huggingface.co/models/gpt2", json={})\nif r.status_code == 429:\n    raise SystemExit(1)\n`;
  const a = await analyzer({ "/ws/a.py": text });
  const d = a.check("/ws/a.py").diagnostics.find((x) => x.code === "HF007")!;
  assert.match(apply(text, fixNamed(d, /^HF007/)), /"https:\/\/router\.huggingface\.co\/hf-inference\/models\/gpt2"/);
});

test("tenacity: the wait becomes Retry-After-aware with jitter, and a stop is added", async () => {
  const text = `from huggingface_hub import InferenceClient
from tenacity import retry, retry_if_exception, wait_exponential

client = InferenceClient()


def is_429(err):
    return getattr(getattr(err, "response", None), "status_code", None) == 429


@retry(retry=retry_if_exception(is_429), wait=wait_exponential(max=30))
def ask(prompt):
    return client.text_generation(prompt)
`;
  const a = await analyzer({ "/ws/a.py": text });
  assert.deepEqual(
    a
      .check("/ws/a.py")
      .diagnostics.map((d) => d.code)
      .sort(),
    ["HF002", "HF004", "HF006"],
  );
  const result = a.fixAll("/ws/a.py");
  assert.match(
    result.text,
    /@retry\(retry=retry_if_exception\(is_429\), wait=_hf_tenacity_wait, stop=stop_after_attempt\(5\)\)/,
  );
  // Sorted as isort/ruff keep it; wait_exponential is no longer used (ruff F401).
  assert.match(result.text, /^from tenacity import retry, retry_if_exception, stop_after_attempt$/m);
  assert.deepEqual(a.check("/ws/a.py").diagnostics, []);
});

test("notebook diagnostics carry cell edits; fix-all on the file leaves notebooks to the editor", async () => {
  const nb = JSON.stringify({
    cells: [
      {
        cell_type: "code",
        source: "from huggingface_hub import InferenceClient\nInferenceClient().text_generation('x')\n",
      },
    ],
  });
  const a = await analyzer({ "/ws/n.ipynb": nb });
  const [d] = a.check("/ws/n.ipynb").diagnostics;
  assert.ok(d.fixes.every((f) => f.edits.every((e) => e.cell === 0)));
  assert.match(a.fixAll("/ws/n.ipynb").skipped ?? "", /notebooks/);
});

test("a hand-written Python loop's sleep waits on Retry-After with full jitter (HF002 and HF004 together)", async () => {
  const text = require("node:fs").readFileSync(
    path.join(ROOT, "test", "fixtures", "python", "flag", "manual_loop.py"),
    "utf8",
  ) as string;
  const a = await analyzer({ "/ws/a.py": text });
  assert.deepEqual(
    a
      .check("/ws/a.py")
      .diagnostics.map((d) => d.code)
      .sort(),
    ["HF002", "HF004"],
  );
  const result = a.fixAll("/ws/a.py");
  assert.match(result.text, /time\.sleep\(_hf_retry_after\(err, 2\*\*attempt\)\)/);
  assert.deepEqual(a.check("/ws/a.py").diagnostics, []);
});

test("a hand-written fetch loop's setTimeout waits on Retry-After with full jitter", async () => {
  const text = require("node:fs").readFileSync(
    path.join(ROOT, "test", "fixtures", "js", "flag", "loop_no_retry_after.ts"),
    "utf8",
  ) as string;
  const a = await analyzer({ "/ws/a.ts": text });
  assert.deepEqual(
    a
      .check("/ws/a.ts")
      .diagnostics.map((d) => d.code)
      .sort(),
    ["HF002", "HF004"],
  );
  const result = a.fixAll("/ws/a.ts");
  assert.match(result.text, /setTimeout\(r, hfRetryAfterMs\(res, 2 \*\* attempt \* 1000\)\)/);
  assert.match(result.text, /function hfRetryAfterMs\(source: unknown, jitterCapMs: number\): number/);
  assert.deepEqual(a.check("/ws/a.ts").diagnostics, []);
});

test("projects using tenacity get the HF001 fix written with tenacity, preferred over the helper", async () => {
  const text = `from huggingface_hub import InferenceClient
from tenacity import retry

client = InferenceClient()
print(client.text_generation("hi"))
`;
  const a = await analyzer({ "/ws/a.py": text });
  const [d] = a.check("/ws/a.py").diagnostics;
  const variant = fixNamed(d, /HF001: Retry with tenacity/);
  assert.equal(variant.isPreferred, true);
  assert.equal(fixNamed(d, /HF001: Retry with backoff that honours/).isPreferred, false);
  const fixed = apply(text, variant);
  assert.match(fixed, /print\(_hf_retry_tenacity\(lambda: client\.text_generation\("hi"\)\)\)/);
  const b = await analyzer({ "/ws/a.py": fixed });
  assert.deepEqual(b.check("/ws/a.py").diagnostics, []);
});

test("a backoff decorator waits on Retry-After through backoff.runtime", async () => {
  const text = require("node:fs").readFileSync(
    path.join(ROOT, "test", "runtime", "programs", "inference_backoff.py"),
    "utf8",
  ) as string;
  const a = await analyzer({ "/ws/a.py": text });
  assert.deepEqual(
    a.check("/ws/a.py").diagnostics.map((d) => d.code),
    ["HF002"],
  );
  const result = a.fixAll("/ws/a.py");
  assert.match(
    result.text,
    /@backoff\.on_exception\(backoff\.runtime, HfHubHTTPError, max_tries=5, giveup=payment_required, value=_hf_backoff_wait, jitter=None\)/,
  );
  assert.deepEqual(a.check("/ws/a.py").diagnostics, []);
});

test("HF002 on a retry whose wait cannot be rewritten offers wrapping its calls in the helper", async () => {
  const text = `import time
from huggingface_hub import InferenceClient
from huggingface_hub.errors import HfHubHTTPError

client = InferenceClient()


def ask(prompt):
    for attempt in range(3):
        try:
            return client.text_generation(prompt)
        except HfHubHTTPError:
            time.sleep(5)
`;
  const a = await analyzer({ "/ws/a.py": text });
  const d = a.check("/ws/a.py").diagnostics.find((x) => x.code === "HF002")!;
  const wrap = fixNamed(d, /HF002: Wrap the calls/);
  assert.equal(wrap.isPreferred, false);
  const fixed = apply(text, wrap);
  // In a loop the arguments are passed to the helper (a lambda would capture `attempt`-style loop variables late).
  assert.match(fixed, /return _hf_retry\(client\.text_generation, prompt\)/);
  assert.equal(fixed.split("def _hf_retry(").length - 1, 1);
});

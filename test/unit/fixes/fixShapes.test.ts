// Issue 15: fixes that look like the user wrote them. Only what is used is inserted (no async twin without async
// calls, one Retry-After reader), with PEP 8's blank lines; libraries the project depends on are preferred; and
// fix-all finishes the job (bill-to after a URL migration, a bound for HF006, 402 out of a literal for HF005).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../../server/src/analysis/fileSystem";
import { ROOT } from "../../support/paths";

async function fixAll(file: string, text: string, extra: Record<string, string> = {}) {
  const a = await Analyzer.create({
    fs: new MemoryFileSystem({ [file]: text, ...extra }),
    wasmDir: path.join(ROOT, "node_modules"),
    incremental: false,
  });
  for (const p of [file, ...Object.keys(extra)]) a.setFile(p);
  const before = a.check(file).diagnostics;
  const result = a.fixAll(file);
  return {
    ...result,
    before: before.map((d) => d.code),
    left: a.check(file).diagnostics.map((d) => d.code),
    fixes: before,
  };
}

function compiles(text: string): void {
  execFileSync("python3", ["-c", "import sys; compile(sys.stdin.read(), 'f.py', 'exec')"], { input: text });
}

const SYNC = `from huggingface_hub import InferenceClient

client = InferenceClient()


def ask(prompt):
    return client.text_generation(prompt)
`;

test("a file without async calls gets no async helper, and the helper is small", async () => {
  const r = await fixAll("/ws/a.py", SYNC);
  assert.deepEqual(r.left, []);
  assert.doesNotMatch(r.text, /async def|asyncio/);
  const inserted = r.text.split("\n").length - SYNC.split("\n").length;
  assert.ok(inserted <= 60, `${inserted} lines inserted (was about 95)`);
  assert.equal(r.text.match(/retry-after/g)?.length, 1, "one Retry-After reader");
  compiles(r.text);
});

test("a file with an awaited call gets the async helper only", async () => {
  const text = `from huggingface_hub import AsyncInferenceClient

client = AsyncInferenceClient()


async def ask(prompt):
    return await client.text_generation(prompt)
`;
  const r = await fixAll("/ws/a.py", text);
  assert.deepEqual(r.left, []);
  assert.match(r.text, /return await _hf_retry_async\(lambda: client\.text_generation\(prompt\)\)/);
  assert.doesNotMatch(r.text, /^def _hf_retry\(/m);
  compiles(r.text);
});

test("PEP 8 blank lines: two around the inserted functions, never three", async () => {
  const r = await fixAll("/ws/a.py", SYNC);
  assert.doesNotMatch(r.text, /\n\n\n\n/, "no run of three blank lines");
  assert.match(
    r.text,
    /from huggingface_hub import InferenceClient\n\n\n# HF Rate Guard: retry for Hugging Face calls[^\n]*\ndef _hf_retry_after\(/,
  );
  assert.match(r.text, /        time\.sleep\(delay\)\n\n\nclient = InferenceClient\(\)/);
});

test("a TS file with a retried call and a hand-written loop has one Retry-After reader", async () => {
  const text = `import { InferenceClient } from "@huggingface/inference";

const client = new InferenceClient("hf_x");

export async function embed(text: string): Promise<unknown> {
  let delay = 1000;
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await fetch("https://router.huggingface.co/hf-inference/models/x", { method: "POST", body: text });
    if (res.status !== 429) return res.json();
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay *= 2;
  }
  return client.chatCompletion({ model: "m", messages: [] });
}
`;
  const r = await fixAll("/ws/a.ts", text);
  assert.ok(r.changed, r.skipped);
  assert.match(r.text, /new InferenceClient\("hf_x", \{ fetch: hfFetch \}\)/);
  assert.match(r.text, /hfRetryAfterMs\(res, delay\)/);
  assert.equal(r.text.match(/function hfRetryAfterMs\(/g)?.length, 1, "one reader");
  assert.equal(r.text.match(/Date\.parse/g)?.length, 1, "one HTTP-date parser");
});

test("tenacity or backoff in the project's requirements: the HF001 fix written with it is preferred", async () => {
  for (const [lib, name] of [
    ["tenacity", "_hf_retry_tenacity"],
    ["backoff", "_hf_retry_backoff"],
  ]) {
    const r = await fixAll("/ws/a.py", SYNC, { "/ws/requirements.txt": `huggingface_hub>=0.30\n${lib}>=8\n` });
    assert.deepEqual(r.left, [], lib);
    assert.match(r.text, new RegExp(`return ${name}\\(lambda: client\\.text_generation\\(prompt\\)\\)`), lib);
    assert.doesNotMatch(r.text, /def _hf_retry\(/, `${lib}: our own loop is not inserted`);
    compiles(r.text);
  }
  // A raw HTTP client returns its 429 instead of raising it: tenacity would not see it, so the helper stays.
  const raw = `import requests\n\nrequests.post("https://router.huggingface.co/v1/chat/completions", json={})\n`;
  const r = await fixAll("/ws/b.py", raw, { "/ws/requirements.txt": "tenacity>=8\n" });
  assert.match(r.text, /_hf_retry\(lambda: requests\.post/);
});

test("HF006 gets a bound: backoff max_tries, an attempt counter in a while-True loop (Python and TS)", async () => {
  const backoffText = `import backoff
from huggingface_hub import InferenceClient
from huggingface_hub.errors import HfHubHTTPError

client = InferenceClient()


def is_not_429(err):
    return err.response.status_code != 429


@backoff.on_exception(backoff.expo, HfHubHTTPError, giveup=is_not_429, jitter=backoff.full_jitter)
def ask(prompt):
    return client.text_generation(prompt)
`;
  const b = await fixAll("/ws/a.py", backoffText);
  assert.ok(b.before.includes("HF006"), b.before.join());
  assert.ok(!b.left.includes("HF006"), b.left.join());
  assert.match(b.text, /max_tries=5\)/);
  const loop = `import time

import requests


def ask(body):
    while True:
        res = requests.post("https://router.huggingface.co/v1/chat/completions", json=body)
        if res.status_code != 429:
            return res
        time.sleep(1)
`;
  const l = await fixAll("/ws/b.py", loop);
  assert.ok(l.before.includes("HF006"), l.before.join());
  assert.ok(!l.left.includes("HF006"), l.left.join());
  assert.match(
    l.text,
    /    attempts = 0\n    while True:\n        attempts \+= 1\n        if attempts > 5:\n            raise RuntimeError/,
  );
  compiles(l.text);
  const ts = `export async function ask(body: string): Promise<unknown> {
  while (true) {
    const res = await fetch("https://router.huggingface.co/v1/chat/completions", { method: "POST", body });
    if (res.status !== 429) return res.json();
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
`;
  const t = await fixAll("/ws/c.ts", ts);
  assert.ok(t.before.includes("HF006"), t.before.join());
  assert.ok(!t.left.includes("HF006"), t.left.join());
  assert.match(t.text, /for \(let attempts = 1; ; attempts\+\+\) \{\n    if \(attempts > 5\) throw new Error/);
});

test("HF005 takes 402 out of a literal status set; a range has no fix", async () => {
  const text = `from huggingface_hub import InferenceClient
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_random_exponential

client = InferenceClient()


def retryable(err):
    return err.response.status_code in (402, 429, 503)


@retry(retry=retry_if_exception(retryable), wait=wait_random_exponential(max=30), stop=stop_after_attempt(5))
def ask(prompt):
    return client.text_generation(prompt)
`;
  const r = await fixAll("/ws/a.py", text);
  assert.ok(r.before.includes("HF005"), r.before.join());
  assert.ok(!r.left.includes("HF005"), r.left.join());
  assert.match(r.text, /status_code in \(429, 503\)/);
  const broad = text.replace("in (402, 429, 503)", ">= 400");
  const b = await fixAll("/ws/a.py", broad);
  assert.ok(b.before.includes("HF005"), b.before.join());
  assert.ok(b.left.includes("HF005"), "no rewrite of a range");
});

test("fix-all bills the org after migrating a legacy URL, through the headers variable the call passes", async () => {
  const text = `import os

import requests

LEGACY = "https://api-inference.huggingface.co/models/facebook/bart-large-cnn"


def summarize(text):
    headers = {"Authorization": f"Bearer {os.environ['HF_TOKEN']}"}
    return requests.post(LEGACY, headers=headers, json={"inputs": text})
`;
  const r = await fixAll("/ws/a.py", text, { "/ws/.hf-rate-guard.json": `{"billTo": "acme"}` });
  assert.ok(r.before.includes("HF007"), r.before.join());
  assert.deepEqual(r.left, []);
  assert.match(r.text, /headers = \{"X-HF-Bill-To": "acme", "Authorization"/);
  compiles(r.text);
});

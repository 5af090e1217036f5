// A cold scan analyses files on several threads (parallel.ts); the report must be exactly the single-threaded one,
// including files that lean on each other (a retry helper imported from another file), a broken file and a
// notebook, which stay on the main thread.
import assert from "node:assert/strict";
import { test } from "node:test";
import { hfPython, hfTs } from "../support/heavyFiles";
import { runCli, workspace } from "../support/cli";

test("check on several threads reports exactly what one thread reports", () => {
  const files: Record<string, string> = {
    "utils/retry.py":
      "import time\n\ndef with_backoff(fn):\n    for attempt in range(5):\n        try:\n            return fn()\n        except Exception as err:\n            if '429' not in str(err):\n                raise\n            time.sleep(2 ** attempt)\n",
    "app/uses_helper.py":
      "from huggingface_hub import InferenceClient\nfrom utils.retry import with_backoff\n\nclient = InferenceClient()\n\ndef ask(p):\n    return with_backoff(lambda: client.text_generation(p))\n",
    "app/broken.py":
      "from huggingface_hub import InferenceClient\nclient = InferenceClient()\ndef ask(p:\n    return client.text_generation(p\n",
    "notebooks/n.ipynb": JSON.stringify({
      cells: [
        {
          cell_type: "code",
          source: ["from huggingface_hub import InferenceClient\n", "InferenceClient().text_generation('hi')\n"],
          metadata: {},
          outputs: [],
        },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    }),
  };
  // Enough HF-heavy text for several batches, so worker threads are started.
  for (let i = 0; i < 12; i++) files[`pkg/m${i}.${i % 2 ? "ts" : "py"}`] = i % 2 ? hfTs(30 + i) : hfPython(30 + i);
  const dir = workspace(files);
  const one = runCli(["check", "--no-cache", "--jobs", "1", "--format", "json", "."], dir);
  const many = runCli(["check", "--no-cache", "--jobs", "3", "--verbose", "--format", "json", "."], dir);
  assert.match(
    many.stderr,
    /file\(s\) analysed on [23] threads, [1-9]\d* of them \(0 JS\/TS\) by worker threads/,
    many.stderr,
  );
  assert.equal(many.status, one.status);
  assert.ok(JSON.parse(one.stdout).diagnostics.length > 100);
  assert.equal(many.stdout, one.stdout);
});

test("worker threads take JS/TS files too when there is enough of them, with the same report", () => {
  // Only TypeScript, more than worker threads load TypeScript's compiler for (JS_WORTH_LOADING in parallel.ts).
  const files: Record<string, string> = {};
  for (let i = 0; i < 7; i++) files[`web/m${i}.ts`] = hfTs(100 + i);
  const dir = workspace(files);
  const one = runCli(["check", "--no-cache", "--jobs", "1", "--format", "json", "."], dir);
  const many = runCli(["check", "--no-cache", "--jobs", "2", "--verbose", "--format", "json", "."], dir);
  const note = /(\d+) file\(s\) analysed on 2 threads, (\d+) of them \((\d+) JS\/TS\) by worker threads/.exec(
    many.stderr,
  );
  assert.ok(note, many.stderr);
  assert.equal(note[1], "7");
  assert.ok(Number(note[3]) > 0, many.stderr);
  assert.equal(note[2], note[3]);
  assert.equal(many.status, one.status);
  assert.ok(JSON.parse(one.stdout).diagnostics.length > 100);
  assert.equal(many.stdout, one.stdout);
});

test("--jobs takes a whole number of threads", () => {
  const r = runCli(["check", "--jobs", "0", "."], workspace({ "a.py": "x = 1\n" }));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--jobs takes a whole number/);
});

// Issue 15's fix shapes proven at run time, like fixedPrograms.test.ts proves the inline helper: real programs,
// fixed by the real `check --fix`, run against the mock HF router on 127.0.0.1. The shapes: the project's helper
// module (two files need the helper, so one hf_retry.py / hfRetry.ts is created and imported), and the fixes
// written with the retry library the project depends on (tenacity, backoff, p-retry 7 and 6, both installed as
// devDependencies, p-retry 6 under the alias p-retry-6). Each faces a 429 with and without Retry-After, a 503, a
// dropped connection, and a 402 (one request, never retried).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { DROPPED, MockRouter, PAYMENT_REQUIRED, rateLimited } from "../mock-hf/mockRouter";
import { runCli } from "../support/cli";
import { ROOT } from "../support/paths";

const exec = promisify(execFile);
const PROGRAMS = path.join(ROOT, "test", "runtime", "programs");
const WORK = path.join(ROOT, "test-artifacts", "runtime-shapes");

interface Shape {
  name: string;
  /** Program files copied into the project folder, and extra files (manifests). */
  programs: string[];
  extra?: Record<string, string>;
  /** What the fixed files must contain: proof that the shape under test is the one applied. */
  expect: { file: string; pattern: RegExp }[];
  /** `node_modules/<name>` in the project folder, linked to a package of the repository's node_modules. */
  link?: Record<string, string>;
  /**
   * The client's errors carry no headers (@huggingface/inference task functions), so a retry around the call
   * cannot read Retry-After: the 429 with Retry-After is retried without a timed wait.
   */
  headerless?: boolean;
}

/** The p-retry fix: its import, and the onFailedAttempt argument of p-retry 7+ (context) or 5-6 (the error). */
const P_RETRY_IMPORT = /^import pRetry from "p-retry";$/m;
const CONTEXT_ARGUMENT = /onFailedAttempt: async \(\{ error, attemptNumber, retriesLeft \}/;
const ERROR_ARGUMENT = /onFailedAttempt: async \(error\) =>/;

const shapes: Shape[] = [
  {
    name: "python-module",
    programs: ["inference_sync.py", "requests_post.py"],
    expect: [
      { file: "hf_retry.py", pattern: /^def hf_retry\(call, \*args, \*\*kwargs\):/m },
      { file: "inference_sync.py", pattern: /^from hf_retry import hf_retry$/m },
      { file: "requests_post.py", pattern: /^from hf_retry import hf_retry$/m },
    ],
  },
  {
    name: "ts-module",
    programs: ["fetch.ts"],
    extra: { "fetch_again.ts": fs.readFileSync(path.join(PROGRAMS, "fetch.ts"), "utf8") },
    expect: [
      { file: "hfRetry.ts", pattern: /^export function hfFetch\(/m },
      { file: "fetch.ts", pattern: /^import \{ hfFetch \} from "\.\/hfRetry(\.js)?";$/m },
    ],
  },
  {
    name: "tenacity",
    programs: ["inference_sync.py"],
    extra: { "requirements.txt": "huggingface_hub\ntenacity\n" },
    expect: [{ file: "inference_sync.py", pattern: /_hf_retry_tenacity\(lambda: client\.chat_completion/ }],
  },
  {
    name: "backoff",
    programs: ["inference_sync.py"],
    extra: { "requirements.txt": "huggingface_hub\nbackoff\n" },
    expect: [{ file: "inference_sync.py", pattern: /_hf_retry_backoff\(lambda: client\.chat_completion/ }],
  },
  {
    // p-retry 7 from the lock file's floor: fetch resolves a 429, so the fix gives it a fetch that throws it.
    name: "p-retry-fetch",
    programs: ["fetch.ts"],
    extra: { "package.json": JSON.stringify({ type: "module", dependencies: { "p-retry": "^7.1.1" } }) },
    expect: [
      { file: "fetch.ts", pattern: P_RETRY_IMPORT },
      { file: "fetch.ts", pattern: CONTEXT_ARGUMENT },
      { file: "fetch.ts", pattern: /await hfPRetryFetch\(`\$\{BASE\}/ },
    ],
  },
  {
    // p-retry 6 (the error argument): an @huggingface/inference client gets the p-retry fetch as its `fetch` option.
    name: "p-retry-6-client",
    programs: ["inference.mjs"],
    extra: { "package.json": JSON.stringify({ dependencies: { "p-retry": "^6.2.1" } }) },
    link: { "p-retry": "p-retry-6" },
    expect: [
      { file: "inference.mjs", pattern: P_RETRY_IMPORT },
      { file: "inference.mjs", pattern: ERROR_ARGUMENT },
      { file: "inference.mjs", pattern: /fetch: hfPRetryFetch \}\);$/m },
    ],
  },
  {
    // A call that throws its 429: wrapped in pRetry with the fix's options.
    name: "p-retry-call",
    programs: ["inference_task.mjs"],
    extra: { "package.json": JSON.stringify({ dependencies: { "p-retry": "^7.1.1" } }) },
    headerless: true,
    expect: [
      { file: "inference_task.mjs", pattern: P_RETRY_IMPORT },
      {
        file: "inference_task.mjs",
        pattern: /await pRetry\(\(\) => chatCompletion\(\{[\s\S]*\}\), hfPRetryOptions\);/,
      },
    ],
  },
];

async function run(file: string, mock: MockRouter): Promise<{ ok: boolean; output: string }> {
  const command = file.endsWith(".py") ? ["python3", file] : [process.execPath, "--import", "tsx", file];
  try {
    const r = await exec(command[0], command.slice(1), {
      cwd: ROOT,
      env: { ...process.env, HF_ROUTER: mock.url, HF_TOKEN: "hf_test" },
      timeout: 90_000,
    });
    return { ok: true, output: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: (e.stdout ?? "") + (e.stderr ?? e.message) };
  }
}

describe("issue 15's fix shapes survive 429s, 503s and stop at 402", { concurrency: 2 }, () => {
  for (const shape of shapes) {
    describe(shape.name, { concurrency: 1 }, () => {
      const mock = new MockRouter();
      const dir = path.join(WORK, shape.name);
      const main = path.join(dir, shape.programs[0]);
      before(async () => {
        await mock.start();
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir, { recursive: true });
        for (const p of shape.programs) fs.copyFileSync(path.join(PROGRAMS, p), path.join(dir, p));
        for (const [name, text] of Object.entries(shape.extra ?? {})) fs.writeFileSync(path.join(dir, name), text);
        for (const [name, target] of Object.entries(shape.link ?? {})) {
          fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
          fs.symlinkSync(path.join(ROOT, "node_modules", target), path.join(dir, "node_modules", name), "dir");
        }
      });
      after(() => mock.stop());

      test("check --fix applies the shape and leaves no HF001", () => {
        const cli = runCli(["check", "--fix", "--no-cache", "--format", "json", dir], ROOT);
        assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
        assert.deepEqual(
          JSON.parse(cli.stdout).diagnostics.filter((d: { code: string }) => d.code === "HF001"),
          [],
        );
        for (const e of shape.expect) assert.match(fs.readFileSync(path.join(dir, e.file), "utf8"), e.pattern, e.file);
      });

      test("429 with Retry-After 1 s, then 200: waits at least that long, then succeeds", async () => {
        mock.play([rateLimited({ "retry-after": "1" })]);
        const r = await run(main, mock);
        assert.ok(r.ok, r.output);
        assert.equal(mock.requests.length, 2);
        if (!shape.headerless)
          assert.ok(mock.requests[1].at - mock.requests[0].at >= 980, "waited as Retry-After asked");
      });

      test("429 without Retry-After, then 200: succeeds", async () => {
        mock.play([rateLimited()]);
        const r = await run(main, mock);
        assert.ok(r.ok, r.output);
        assert.equal(mock.requests.length, 2);
      });

      test("503, then 200: succeeds", async () => {
        mock.play([{ status: 503, body: { error: "Service Unavailable" } }]);
        const r = await run(main, mock);
        assert.ok(r.ok, r.output);
        assert.equal(mock.requests.length, 2);
      });

      test("a dropped connection, then 200: succeeds", async () => {
        mock.play([DROPPED]);
        const r = await run(main, mock);
        assert.ok(r.ok, r.output);
        assert.equal(mock.requests.length, 2);
      });

      test("402: fails after exactly one request", async () => {
        mock.play([], PAYMENT_REQUIRED);
        const r = await run(main, mock);
        assert.equal(r.ok, false, r.output);
        assert.equal(mock.requests.length, 1);
      });
    });
  }
});

// The proof behind the HF001 quick fixes (issue 3): real Python and Node programs, fixed by the real
// `hf-rate-guard check --fix`, run against a mock HF router on 127.0.0.1 that answers with scripted 429s, 402s
// and 200s. Each unfixed program fails against the same mock, so these tests can fail.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import ts from "typescript";
import { Analyzer } from "../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { LineIndex } from "../../server/src/analysis/text";
import { MockRouter, PAYMENT_REQUIRED, rateLimited, type Answer } from "../mock-hf/mockRouter";
import { runCli } from "../support/cli";
import { ROOT } from "../support/paths";

const exec = promisify(execFile);
const PROGRAMS = path.join(ROOT, "test", "runtime", "programs");
// Inside the repository so that the programs resolve the npm packages (@huggingface/inference, openai, tsx).
const WORK = path.join(ROOT, "test-artifacts", "runtime");

interface Program {
  file: string;
  command: string[];
  /** Requests made before giving up on endless 429s: the inserted helper tries 5 times, the OpenAI SDK 1 + 2 retries. */
  bound: number;
}

const PY = ["python3"];
const NODE = [process.execPath];
const programs: Program[] = [
  { file: "inference_sync.py", command: PY, bound: 5 },
  { file: "inference_async.py", command: PY, bound: 5 },
  { file: "requests_post.py", command: PY, bound: 5 },
  { file: "httpx_post.py", command: PY, bound: 5 },
  { file: "aiohttp_post.py", command: PY, bound: 5 },
  { file: "openai_no_retries.py", command: PY, bound: 3 },
  { file: "inference.mjs", command: NODE, bound: 5 },
  { file: "fetch.ts", command: [...NODE, "--import", "tsx"], bound: 5 },
  { file: "openai_no_retries.mjs", command: NODE, bound: 3 },
];

async function run(program: Program, file: string, mock: MockRouter): Promise<{ ok: boolean; output: string }> {
  try {
    const r = await exec(program.command[0], [...program.command.slice(1), file], {
      cwd: ROOT,
      env: { ...process.env, HF_ROUTER: mock.url, HF_TOKEN: "hf_test", PIP_RETRIES: "0" },
      timeout: 90_000,
    });
    return { ok: true, output: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: (e.stdout ?? "") + (e.stderr ?? e.message) };
  }
}

/** JS/TS syntax check of a fixed program (Python is checked with py_compile). */
function parsesAsJs(file: string): void {
  const text = fs.readFileSync(file, "utf8");
  const out = ts.transpileModule(text, {
    reportDiagnostics: true,
    fileName: file,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  assert.deepEqual(
    out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
    [],
  );
}

before(() => {
  fs.mkdirSync(WORK, { recursive: true });
  // The programs' own project: without it they would belong to the repository's package.json, whose devDependency
  // on p-retry would make the HF001 fix use p-retry (fixShapes.test.ts proves that shape) instead of the helper.
  fs.writeFileSync(path.join(WORK, "package.json"), JSON.stringify({ private: true }));
});

describe("quick-fixed programs survive 429s against a mock HF router", { concurrency: 3 }, () => {
  for (const program of programs) {
    describe(program.file, { concurrency: 1 }, () => {
      const mock = new MockRouter();
      const dir = path.join(WORK, path.parse(program.file).name);
      const original = path.join(dir, "original", program.file);
      const fixed = path.join(dir, "fixed", program.file);
      before(async () => {
        await mock.start();
        for (const f of [original, fixed]) {
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.copyFileSync(path.join(PROGRAMS, program.file), f);
        }
      });
      after(() => mock.stop());

      const expectSuccessAfterRetry = async (file: string, first: Answer, minGapMs: (firstAt: number) => number) => {
        mock.play([first]);
        const r = await run(program, file, mock);
        assert.ok(r.ok, r.output);
        assert.match(r.output, /\bok\b/);
        assert.equal(mock.requests.length, 2, "one throttled request, then one that succeeds");
        const [a, b] = mock.requests;
        assert.ok(b.at >= minGapMs(a.at), `retried after ${b.at - a.at} ms, sooner than Retry-After allowed`);
      };

      test("unfixed, it fails on a 429 (so this test can fail)", async () => {
        mock.play([rateLimited({ "retry-after": "1" })]);
        const r = await run(program, original, mock);
        assert.equal(r.ok, false, r.output);
      });

      test("check --fix leaves parsable code with no HF001 or HF002", async () => {
        const cli = runCli(["check", "--fix", "--format", "json", fixed], ROOT);
        assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
        const left = JSON.parse(cli.stdout).diagnostics.filter(
          (d: { code: string }) => d.code === "HF001" || d.code === "HF002",
        );
        assert.deepEqual(left, []);
        assert.notEqual(fs.readFileSync(fixed, "utf8"), fs.readFileSync(original, "utf8"));
        if (fixed.endsWith(".py")) await exec("python3", ["-m", "py_compile", fixed]);
        else parsesAsJs(fixed);
      });

      test("429 with Retry-After in seconds, then 200: succeeds after waiting", () =>
        expectSuccessAfterRetry(fixed, rateLimited({ "retry-after": "1" }), (at) => at + 1000 - 20));

      test("429 with Retry-After as an HTTP-date, then 200: succeeds after that date", async () => {
        const when = Math.ceil((Date.now() + 1500) / 1000) * 1000;
        await expectSuccessAfterRetry(
          fixed,
          rateLimited({ "retry-after": new Date(when).toUTCString() }),
          () => when - 20,
        );
      });

      test("429 without Retry-After, then 200: succeeds", async () => {
        mock.play([rateLimited()]);
        const r = await run(program, fixed, mock);
        assert.ok(r.ok, r.output);
        assert.equal(mock.requests.length, 2);
      });

      test("402: fails after exactly one request", async () => {
        mock.play([], PAYMENT_REQUIRED);
        const r = await run(program, fixed, mock);
        assert.equal(r.ok, false, r.output);
        assert.equal(mock.requests.length, 1);
      });

      test("429 every time: gives up at the bound", async () => {
        mock.play([], rateLimited({ "retry-after": "0" }));
        const r = await run(program, fixed, mock);
        assert.equal(r.ok, false, r.output);
        assert.equal(mock.requests.length, program.bound);
      });
    });
  }
});

describe("the tenacity variant of the HF001 fix survives 429s too", { concurrency: 1 }, () => {
  const program: Program = { file: "inference_tenacity.py", command: PY, bound: 5 };
  const mock = new MockRouter();
  const fixed = path.join(WORK, "inference_tenacity", program.file);
  before(async () => {
    await mock.start();
    fs.mkdirSync(path.dirname(fixed), { recursive: true });
    const text = fs.readFileSync(path.join(PROGRAMS, program.file), "utf8");
    const analyzer = await Analyzer.create({
      fs: new MemoryFileSystem({ [fixed]: text }),
      wasmDir: path.join(ROOT, "node_modules"),
    });
    analyzer.setFile(fixed);
    const [hf001] = analyzer.check(fixed).diagnostics.filter((d) => d.code === "HF001");
    const variant = hf001.fixes.find((f) => f.title.startsWith("HF001: Retry with tenacity"))!;
    const lines = new LineIndex(text);
    let out = text;
    for (const e of [...variant.edits].sort((a, b) => lines.offset(b.range.start) - lines.offset(a.range.start))) {
      out = out.slice(0, lines.offset(e.range.start)) + e.newText + out.slice(lines.offset(e.range.end));
    }
    fs.writeFileSync(fixed, out);
  });
  after(() => mock.stop());

  test("429 with Retry-After, then 200: succeeds after waiting", async () => {
    mock.play([rateLimited({ "retry-after": "1" })]);
    const r = await run(program, fixed, mock);
    assert.ok(r.ok, r.output);
    assert.equal(mock.requests.length, 2);
    assert.ok(mock.requests[1].at - mock.requests[0].at >= 980);
  });

  test("402: fails after exactly one request", async () => {
    mock.play([], PAYMENT_REQUIRED);
    assert.equal((await run(program, fixed, mock)).ok, false);
    assert.equal(mock.requests.length, 1);
  });

  test("429 every time: gives up at the bound", async () => {
    mock.play([], rateLimited({ "retry-after": "0" }));
    assert.equal((await run(program, fixed, mock)).ok, false);
    assert.equal(mock.requests.length, program.bound);
  });
});

describe("the backoff decorator, fixed for HF002 by check --fix, waits on Retry-After", { concurrency: 1 }, () => {
  const program: Program = { file: "inference_backoff.py", command: PY, bound: 5 };
  const mock = new MockRouter();
  const fixed = path.join(WORK, "inference_backoff", program.file);
  before(async () => {
    await mock.start();
    fs.mkdirSync(path.dirname(fixed), { recursive: true });
    fs.copyFileSync(path.join(PROGRAMS, program.file), fixed);
    const cli = runCli(["check", "--fix", "--format", "json", fixed], ROOT);
    assert.deepEqual(JSON.parse(cli.stdout).diagnostics, [], cli.stderr);
    assert.match(fs.readFileSync(fixed, "utf8"), /backoff\.runtime/);
  });
  after(() => mock.stop());

  test("429 with Retry-After 2 s, then 200: waits the full 2 s (no jitter below it)", async () => {
    mock.play([rateLimited({ "retry-after": "2" })]);
    const r = await run(program, fixed, mock);
    assert.ok(r.ok, r.output);
    assert.equal(mock.requests.length, 2);
    assert.ok(mock.requests[1].at - mock.requests[0].at >= 1980);
  });

  test("402: gives up after one request", async () => {
    mock.play([], PAYMENT_REQUIRED);
    assert.equal((await run(program, fixed, mock)).ok, false);
    assert.equal(mock.requests.length, 1);
  });
});

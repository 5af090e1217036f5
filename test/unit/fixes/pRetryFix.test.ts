// Issue 15, "Use what the project already depends on" for JS/TS: when the project depends on p-retry (5.0 or later,
// ESM-only), the preferred HF001 fix is written with it, shaped for the installed major (the lock file decides,
// else the range's floor), and our own helper is the second choice. CommonJS files and p-retry 4 keep the helper.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../../server/src/analysis/analyzer";
import type { Diagnostic } from "../../../server/src/analysis/diagnostic";
import { MemoryFileSystem } from "../../../server/src/analysis/fileSystem";
import { ROOT } from "../../support/paths";

async function analyze(file: string, text: string, extra: Record<string, string> = {}) {
  const a = await Analyzer.create({
    fs: new MemoryFileSystem({ [file]: text, ...extra }),
    wasmDir: path.join(ROOT, "node_modules"),
    incremental: false,
  });
  for (const p of [file, ...Object.keys(extra)]) a.setFile(p);
  const hf001 = a.check(file).diagnostics.find((d) => d.code === "HF001");
  const fixed = a.fixAll(file);
  return { hf001, text: fixed.text, left: a.check(file).diagnostics.map((d) => `${d.code} ${d.message}`) };
}

function titles(d: Diagnostic | undefined): string[] {
  return (d?.fixes ?? []).filter((f) => f.kind === "quickfix").map((f) => `${f.isPreferred ? "*" : " "}${f.title}`);
}

const CLIENT = `import { InferenceClient } from "@huggingface/inference";

const client = new InferenceClient(process.env.HF_TOKEN);

export async function ask(content: string) {
  return client.chatCompletion({ model: "m", messages: [{ role: "user", content }] });
}
`;

const AXIOS = `import axios from "axios";

export async function ask(prompt: string) {
  const r = await axios.post(
    "https://router.huggingface.co/v1/chat/completions",
    { model: "m", messages: [{ role: "user", content: prompt }] },
    { headers: { Authorization: \`Bearer \${process.env.HF_TOKEN}\` } },
  );
  return r.data;
}
`;

const pkg = (range: string) => JSON.stringify({ type: "module", dependencies: { "p-retry": range } });

test("p-retry 7 in package.json: the client gets a fetch retried with p-retry, preferred over the helper", async () => {
  const r = await analyze("/ws/src/chat.ts", CLIENT, { "/ws/package.json": pkg("^7.1.0") });
  assert.deepEqual(titles(r.hf001).slice(0, 2), [
    "*HF001: Give the client a fetch retried with p-retry",
    " HF001: Give the client a Retry-After-aware fetch",
  ]);
  assert.deepEqual(r.left, []);
  assert.match(
    r.text,
    /^import \{ InferenceClient \} from "@huggingface\/inference";\nimport pRetry from "p-retry";\n\n/,
  );
  assert.match(r.text, /new InferenceClient\(process\.env\.HF_TOKEN, \{ fetch: hfPRetryFetch \}\)/);
  assert.match(r.text, /onFailedAttempt: async \(\{ error, attemptNumber, retriesLeft \}: \{ error: unknown;/);
  assert.doesNotMatch(r.text, /function hfRetry\(|function hfFetch\(/, "not the helper as well");
  assert.equal(r.text.match(/function hfRetryAfterMs/g)?.length, 1, "one Retry-After reader");
});

test("a call that throws its 429 (axios) is wrapped in pRetry with the fix's options", async () => {
  const r = await analyze("/ws/src/ask.ts", AXIOS, { "/ws/package.json": pkg("^7.0.0") });
  assert.equal(titles(r.hf001)[0], "*HF001: Retry with p-retry, waiting on Retry-After");
  assert.deepEqual(r.left, []);
  assert.match(r.text, /const r = await pRetry\(\(\) => axios\.post\([\s\S]*\), hfPRetryOptions\);/);
  assert.doesNotMatch(r.text, /hfPRetryFetch/, "only what is used");
});

test("the lock file decides the major: p-retry 6 locked under a ^6 || ^7 range gets the error argument", async () => {
  const lock = JSON.stringify({ lockfileVersion: 3, packages: { "node_modules/p-retry": { version: "6.2.1" } } });
  const r = await analyze("/ws/ask.ts", AXIOS, {
    "/ws/package.json": pkg("^6.0.0 || ^7.0.0"),
    "/ws/package-lock.json": lock,
  });
  assert.match(r.text, /onFailedAttempt: async \(error: Error & \{ attemptNumber: number; retriesLeft: number \}\) =>/);
  assert.match(r.text, /if \(error\.retriesLeft === 0\) return;/);
  assert.deepEqual(r.left, []);
});

test("an import of p-retry under another name is reused, and the fix adds no second import", async () => {
  const text = `import retry, { AbortError } from "p-retry";\n${AXIOS}\nexport const stop = new AbortError("x");\nexport const again = retry;\n`;
  const r = await analyze("/ws/ask.mjs", text.replace(": string", ""), { "/ws/package.json": pkg("^7.0.0") });
  assert.equal(r.text.match(/from "p-retry"/g)?.length, 1);
  assert.match(r.text, /await retry\(\(\) => axios\.post\(/);
});

test("a named-only import gets the default name added in place", async () => {
  const text = `import { AbortError } from "p-retry";\n${AXIOS}\nexport const stop = new AbortError("x");\n`;
  const r = await analyze("/ws/ask.ts", text, { "/ws/package.json": pkg("^7.0.0") });
  assert.match(r.text, /^import pRetry, \{ AbortError \} from "p-retry";$/m);
  assert.equal(r.text.match(/from "p-retry"/g)?.length, 1);
});

test("fetch, which resolves a 429, gets hfPRetryFetch; a file without imports gets the import on top", async () => {
  const text = `export async function ask() {
  const res = await fetch("https://router.huggingface.co/v1/chat/completions", {
    method: "POST",
    headers: { Authorization: \`Bearer \${process.env.HF_TOKEN}\` },
    body: "{}",
  });
  return res.json();
}
`;
  const r = await analyze("/ws/ask.mjs", text, { "/ws/package.json": pkg("^7.0.0") });
  assert.match(r.text, /^import pRetry from "p-retry";\n\n\/\/ HF Rate Guard/);
  assert.match(r.text, /await hfPRetryFetch\("https:/);
  assert.deepEqual(r.left, []);
});

test("no p-retry fix where p-retry cannot load or is not there: CommonJS, p-retry 4, no dependency", async () => {
  const cjs = `const { InferenceClient } = require("@huggingface/inference");\nconst client = new InferenceClient(process.env.HF_TOKEN);\nmodule.exports = () => client.chatCompletion({ model: "m", messages: [] });\n`;
  for (const [file, text, manifest] of [
    ["/ws/chat.cjs", cjs, pkg("^7.0.0")],
    ["/ws/chat.js", cjs, pkg("^7.0.0")],
    ["/ws/chat.ts", CLIENT, pkg("^4.6.2")],
    ["/ws/chat.ts", CLIENT, JSON.stringify({ dependencies: { "async-retry": "^1.3.3" } })],
  ]) {
    const r = await analyze(file, text, { "/ws/package.json": manifest });
    assert.equal(titles(r.hf001)[0], "*HF001: Give the client a Retry-After-aware fetch", `${file} ${manifest}`);
    assert.doesNotMatch(r.text, /p-retry|pRetry/, `${file} ${manifest}`);
  }
});

test("TypeScript that compiles to CommonJS keeps the helper; an ESM tsconfig or package gets p-retry", async () => {
  const deps = { dependencies: { "p-retry": "^7.1.0" } };
  const cases: [Record<string, string>, boolean][] = [
    // node16 resolution in a package without "type": "module" emits require() (TS1479 for an ESM-only import).
    [
      {
        "/ws/package.json": JSON.stringify(deps),
        "/ws/tsconfig.json": '{ "compilerOptions": { "module": "node16" } }',
      },
      false,
    ],
    [{ "/ws/package.json": JSON.stringify(deps) }, false],
    [
      {
        "/ws/package.json": JSON.stringify(deps),
        "/ws/tsconfig.json": '{ "compilerOptions": { "module": "ESNext" } }',
      },
      true,
    ],
    [
      {
        "/ws/package.json": JSON.stringify({ ...deps, type: "module" }),
        "/ws/tsconfig.json": '{ "compilerOptions": { "module": "nodenext" } }',
      },
      true,
    ],
  ];
  for (const [files, pRetry] of cases) {
    const r = await analyze("/ws/src/chat.ts", CLIENT, files);
    assert.equal(/p-retry/.test(titles(r.hf001)[0]), pRetry, JSON.stringify(files));
    assert.deepEqual(r.left, []);
  }
});

test("only the file's own package.json makes p-retry a dependency; its lock file gives the version", async () => {
  const lock = (v: string) =>
    JSON.stringify({ lockfileVersion: 3, packages: { "node_modules/p-retry": { version: v } } });
  const esm = { type: "module", dependencies: { axios: "^1.7.0" } };
  // p-retry only as some dependency's dependency (in the lock), or in a parent project's package.json: not ours.
  for (const extra of <Record<string, string>[]>[
    { "/ws/app/package.json": JSON.stringify(esm), "/ws/app/package-lock.json": lock("7.1.1") },
    {
      "/ws/app/package.json": JSON.stringify(esm),
      "/ws/package.json": JSON.stringify({ devDependencies: { "p-retry": "^7.1.0" } }),
    },
  ]) {
    const r = await analyze("/ws/app/ask.ts", AXIOS, extra);
    assert.equal(titles(r.hf001)[0], "*HF001: Retry with backoff that honours Retry-After", Object.keys(extra).join());
  }
  // Declared by the file's project, installed as 6.2.1 by the workspace root's lock.
  const r = await analyze("/ws/app/ask.ts", AXIOS, {
    "/ws/app/package.json": JSON.stringify({ ...esm, dependencies: { "p-retry": "*" } }),
    "/ws/package.json": JSON.stringify({ private: true, workspaces: ["app"] }),
    "/ws/package-lock.json": lock("6.2.1"),
  });
  assert.match(r.text, /onFailedAttempt: async \(error: Error &/);
  // A lock above that is not a workspace root belongs to another project: the declared range decides (6).
  const other = await analyze("/ws/app/ask.ts", AXIOS, {
    "/ws/app/package.json": JSON.stringify({ ...esm, dependencies: { "p-retry": "^6.2.0" } }),
    "/ws/package.json": JSON.stringify({ private: true }),
    "/ws/package-lock.json": lock("7.1.1"),
  });
  assert.match(other.text, /onFailedAttempt: async \(error: Error &/);
});

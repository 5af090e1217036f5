// Workspace-level behaviour: version gates read from manifests, cross-file helpers in JS/TS, config precedence,
// suppressions, notebooks.
import assert from "node:assert/strict";
import { test } from "node:test";
import path from "node:path";
import { Analyzer } from "../../server/src/analysis/analyzer";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { analyzeFiles, codesOf } from "../support/analyze";
import { ROOT } from "../support/paths";

const TENACITY_CLIENT = `from huggingface_hub import InferenceClient
from huggingface_hub.errors import HfHubHTTPError
from smolagents import InferenceClientModel

model = InferenceClientModel(model_id="Qwen/Qwen2.5-Coder-32B-Instruct")
model([{"role": "user", "content": "hi"}])
`;

test("version gate: smolagents before 1.23 does not retry rate limits by itself", async () => {
  assert.deepEqual(await codesOf("app.py", TENACITY_CLIENT, { "/ws/requirements.txt": "smolagents==1.20.0\n" }), [
    "HF001@6",
  ]);
  assert.deepEqual(await codesOf("app.py", TENACITY_CLIENT, { "/ws/requirements.txt": "smolagents>=1.23\n" }), []);
  // No version information: assume the newest.
  assert.deepEqual(await codesOf("app.py", TENACITY_CLIENT), []);
});

test("version gate: hub downloads retry 429 only from huggingface_hub 1.2, read from a lock file", async () => {
  const src = `from huggingface_hub import hf_hub_download\nhf_hub_download("gpt2", "config.json")\n`;
  const poetryLock = `[[package]]\nname = "huggingface-hub"\nversion = "0.36.0"\n`;
  assert.deepEqual(await codesOf("app.py", src, { "/ws/poetry.lock": poetryLock }), ["HF001@2"]);
  assert.deepEqual(
    await codesOf("app.py", src, { "/ws/pyproject.toml": `[project]\ndependencies = ["huggingface_hub>=1.3"]\n` }),
    [],
  );
});

test("version gate: @huggingface/inference before 4.0 has plain errors, so httpResponse checks never match", async () => {
  const src = `import { InferenceClient } from "@huggingface/inference";
const client = new InferenceClient("hf_x");
export async function ask() {
  try {
    return await client.chatCompletion({ model: "m", messages: [] });
  } catch (err: any) {
    if (err.httpResponse?.status === 429) throw new Error("later");
    throw err;
  }
}
`;
  assert.deepEqual(
    await codesOf("app.ts", src, {
      "/ws/package.json": JSON.stringify({ dependencies: { "@huggingface/inference": "^3.9.0" } }),
    }),
    ["HF001@5"],
  );
  assert.deepEqual(
    await codesOf("app.ts", src, {
      "/ws/package.json": JSON.stringify({ dependencies: { "@huggingface/inference": "^4.13.0" } }),
    }),
    [],
  );
});

test("a retry helper imported from another TS file protects the call; one that does not retry 429 does not", async () => {
  const helper = `export async function withBackoff<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await fn();
    } catch (err: any) {
      if (err.httpResponse?.status !== 429) throw err;
      const ra = Number(err.httpResponse.headers?.get?.("retry-after"));
      await new Promise((r) => setTimeout(r, ra ? ra * 1000 : Math.random() * 2 ** attempt * 1000));
    }
  }
  throw new Error("unreachable");
}
`;
  const app = `import { InferenceClient } from "@huggingface/inference";
import { withBackoff } from "./utils/retry.js";
const client = new InferenceClient("hf_x");
export const ask = () => withBackoff(() => client.chatCompletion({ model: "m", messages: [] }));
`;
  const result = await analyzeFiles({ "/ws/src/utils/retry.ts": helper, "/ws/src/app.ts": app });
  assert.deepEqual(
    result["/ws/src/app.ts"].map((d) => d.code),
    [],
  );
  const alone = await analyzeFiles({ "/ws/src/app.ts": app });
  assert.deepEqual(
    alone["/ws/src/app.ts"].map((d) => d.code),
    ["HF001"],
  );
});

const BARE = `from huggingface_hub import InferenceClient
client = InferenceClient()
client.text_generation("hi")
`;

test("the nearest config wins: a sub-folder's pyproject section over the root's .hf-rate-guard.json", async () => {
  const files = {
    "/ws/.hf-rate-guard.json": JSON.stringify({ rules: { HF001: "error" } }),
    "/ws/svc/pyproject.toml": `[tool.hf-rate-guard]\nbillTo = "acme"\n[tool.hf-rate-guard.rules]\nHF001 = "info"\n`,
    "/ws/svc/app.py": BARE,
    "/ws/other/app.py": BARE,
  };
  const result = await analyzeFiles(files);
  assert.deepEqual(result["/ws/svc/app.py"].map((d) => `${d.code}:${d.severity}`).sort(), [
    "HF001:info",
    "HF003:warning",
  ]);
  assert.deepEqual(
    result["/ws/other/app.py"].map((d) => `${d.code}:${d.severity}`),
    ["HF001:error"],
  );
});

test("package.json's hfRateGuard key configures JS projects; rule names work as keys", async () => {
  const files = {
    "/ws/package.json": JSON.stringify({ name: "x", hfRateGuard: { rules: { "unhandled-rate-limit": "off" } } }),
    "/ws/a.ts": `import { InferenceClient } from "@huggingface/inference";\nnew InferenceClient("hf_x").chatCompletion({ model: "m", messages: [] });\n`,
  };
  assert.deepEqual((await analyzeFiles(files))["/ws/a.ts"], []);
});

test("an invalid config names the file and the problem, and defaults still apply", async () => {
  const files = {
    "/ws/.hf-rate-guard.json": `{"rules": {"HF009": "loud", "HF001": "error"}, "billTo": 3}`,
    "/ws/app.py": BARE,
  };
  const analyzer = await Analyzer.create({ fs: new MemoryFileSystem(files), wasmDir: path.join(ROOT, "node_modules") });
  analyzer.setFile("/ws/app.py");
  const result = analyzer.check("/ws/app.py");
  assert.ok(
    result.configErrors.some((e) => e.includes("/ws/.hf-rate-guard.json") && e.includes("HF009")),
    result.configErrors.join("\n"),
  );
  assert.ok(result.configErrors.some((e) => e.includes("billTo")));
  assert.deepEqual(
    result.diagnostics.map((d) => `${d.code}:${d.severity}`),
    ["HF001:error"],
  );
  const broken = await analyzeFiles({ "/ws/.hf-rate-guard.json": "{ not json", "/ws/app.py": BARE });
  assert.deepEqual(
    broken["/ws/app.py"].map((d) => d.code),
    ["HF001"],
  );
});

test("suppressions: same line, line above, a list of codes, all rules, and file-wide", async () => {
  const line = BARE.replace(
    'client.text_generation("hi")',
    'client.text_generation("hi")  # hf-rate-guard: ignore[HF001]',
  );
  assert.deepEqual(await codesOf("a.py", line), []);
  const other = BARE.replace(
    'client.text_generation("hi")',
    'client.text_generation("hi")  # hf-rate-guard: ignore[HF007]',
  );
  assert.deepEqual(await codesOf("a.py", other), ["HF001@3"]);
  const all = BARE.replace('client.text_generation("hi")', '# hf-rate-guard: ignore\nclient.text_generation("hi")');
  assert.deepEqual(await codesOf("a.py", all), []);
  const file = "# hf-rate-guard: ignore-file[HF001, HF003]\n" + BARE;
  assert.deepEqual(await codesOf("a.py", file, {}, { billTo: "acme" }), []);
  const inString = BARE + 'NOTE = "hf-rate-guard: ignore-file"\n';
  assert.deepEqual(await codesOf("a.py", inString), ["HF001@3"]);
  const ts = `import { InferenceClient } from "@huggingface/inference";\n// hf-rate-guard: ignore[HF001,HF003]\nnew InferenceClient("hf_x").chatCompletion({ model: "m", messages: [] });\n`;
  assert.deepEqual(await codesOf("a.ts", ts), []);
});

test("notebooks: code cells are analysed and each diagnostic names its cell with a cell-relative line", async () => {
  const nb = JSON.stringify({
    cells: [
      { cell_type: "markdown", source: ["# Demo\n"] },
      {
        cell_type: "code",
        source: [
          "!pip install huggingface_hub\n",
          "from huggingface_hub import InferenceClient\n",
          "client = InferenceClient()\n",
        ],
      },
      { cell_type: "code", source: ["%time\n", "client.text_generation('hi')\n"] },
    ],
    metadata: { language_info: { name: "python" } },
  });
  const result = await analyzeFiles({ "/ws/demo.ipynb": nb });
  assert.deepEqual(
    result["/ws/demo.ipynb"].map((d) => ({ code: d.code, cell: d.cell, line: d.range.start.line })),
    [{ code: "HF001", cell: 2, line: 1 }],
  );
});

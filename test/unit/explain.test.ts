// The explanation of an HF call (issue 14, "a hover that explains"): surface, billing and 429 protection as the
// analyzer knows them, shared by the hover and `hf-rate-guard explain`.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { Analyzer } from "../../server/src/analysis/analyzer";
import type { ConfigOverrides } from "../../server/src/analysis/config/types";
import type { CallExplanation } from "../../server/src/analysis/explain";
import { explanationMarkdown } from "../../server/src/analysis/explainText";
import { MemoryFileSystem } from "../../server/src/analysis/fileSystem";
import { ROOT } from "../support/paths";

async function explain(
  files: Record<string, string>,
  file: string,
  at: { line: number; character?: number },
  overrides: ConfigOverrides = {},
): Promise<CallExplanation[]> {
  const analyzer = await Analyzer.create({ fs: new MemoryFileSystem(files), wasmDir: path.join(ROOT, "node_modules") });
  for (const p of Object.keys(files)) analyzer.setFile(p);
  return analyzer.explain(file, at, overrides);
}

test("a router call through an OpenAI client: provider from the model suffix, personal billing, the SDK's own retries", async () => {
  const [e] = await explain(
    {
      "/ws/app.py": `from openai import OpenAI
client = OpenAI(base_url="https://router.huggingface.co/v1")
reply = client.chat.completions.create(
    model="meta-llama/Llama-3.1-8B-Instruct:groq",
    messages=[],
)
`,
    },
    "/ws/app.py",
    { line: 2 },
  );
  assert.equal(e.callee, "client.chat.completions.create");
  assert.match(e.surface, /Inference Providers .*provider: groq/);
  assert.match(e.billing, /personal account/);
  assert.equal(e.protected, true);
  assert.match(e.protection, /OpenAI SDK retries 429 \(2 retries, honours Retry-After\)/);
  assert.deepEqual(e.findings, []);
});

test("an org's bill-to and a user-written retry: attempts, wait, jitter and Retry-After as written, findings with docs", async () => {
  const files = {
    "/ws/app.py": `from huggingface_hub import InferenceClient
from tenacity import retry, stop_after_attempt, wait_fixed

client = InferenceClient(provider="together")

@retry(stop=stop_after_attempt(4), wait=wait_fixed(2))
def ask():
    return client.chat_completion(messages=[])
`,
    "/ws/team.py": `from huggingface_hub import InferenceClient\nteam = InferenceClient(bill_to="acme")\n`,
  };
  // A hover asks with a character: on the callee it explains, off it (the arguments) it does not.
  assert.deepEqual(await explain(files, "/ws/app.py", { line: 7, character: 36 }), []);
  const [e] = await explain(files, "/ws/app.py", { line: 7, character: 15 });
  assert.match(e.surface, /provider: together/);
  assert.match(e.billing, /personal account, not "acme".*team\.py bills "acme"/);
  assert.equal(e.protected, true);
  assert.deepEqual(
    e.retries.map((r) => [r.what, r.attempts, r.wait, r.jitter, r.retryAfter]),
    [["tenacity retry", "stop_after_attempt(4)", "wait_fixed(2)", false, false]],
  );
  assert.deepEqual(e.findings.map((f) => f.code).sort(), ["HF002", "HF003", "HF004", "HF005"]);
  const md = explanationMarkdown(e);
  assert.match(md, /\*\*Billing:\*\*/);
  assert.match(md, /\[HF002\]\(https:\/\/\S+\/docs\/rules\/HF002\.md\)/);
});

test("the trap that makes a retry ineffective is the explanation of an unprotected call", async () => {
  const [e] = await explain(
    {
      "/ws/app.py": `import requests
from tenacity import retry, stop_after_attempt

@retry(stop=stop_after_attempt(3))
def ask():
    return requests.post("https://router.huggingface.co/hf-inference/models/gpt2", json={})
`,
    },
    "/ws/app.py",
    { line: 5 },
  );
  assert.equal(e.protected, false);
  assert.match(e.protection, /never fires/);
  assert.match(e.surface, /provider: hf-inference/);
  assert.equal(e.retries[0].handles429, false);
  assert.deepEqual(
    e.findings.map((f) => f.code),
    ["HF001"],
  );
});

test("Hub and Inference Endpoint calls are not credit-billed", async () => {
  const files = {
    "/ws/app.ts": `import { InferenceClient } from "@huggingface/inference";
import { listModels } from "@huggingface/hub";
const hf = new InferenceClient(process.env.HF_TOKEN);
const ep = hf.endpoint("https://abc123.us-east-1.aws.endpoints.huggingface.cloud");
export async function run() {
  await ep.textGeneration({ inputs: "hi" });
  for await (const m of listModels({ search: { owner: "acme" } })) console.log(m);
}
`,
  };
  const [endpoint] = await explain(files, "/ws/app.ts", { line: 5 });
  assert.match(endpoint.surface, /Inference Endpoint/);
  assert.match(endpoint.billing, /uptime/);
  const [hub] = await explain(files, "/ws/app.ts", { line: 6 });
  assert.match(hub.surface, /Hub API/);
  assert.match(hub.billing, /Not billed/);
});

test("a LangChain JS chain built from a model with maxRetries: 0: unprotected, and protected once it is wrapped in withRetry()", async () => {
  const files = {
    "/ws/chain.ts": `import { HuggingFaceInference } from "@langchain/community/llms/hf";
import { RunnableSequence } from "@langchain/core/runnables";
const model = new HuggingFaceInference({ model: "gpt2", maxRetries: 0 });
const chain = RunnableSequence.from([prompt, model, parser]);
export const bare = (text: string) => chain.invoke({ text });
export const retried = (text: string) => chain.withRetry().invoke({ text });
`,
  };
  const [bare] = await explain(files, "/ws/chain.ts", { line: 4 });
  assert.equal(bare.callee, "chain.invoke");
  assert.equal(bare.protected, false);
  assert.match(bare.protection, /maxRetries: 0 switches off LangChain's retries/);
  const [retried] = await explain(files, "/ws/chain.ts", { line: 5 });
  assert.equal(retried.callee, "chain.withRetry().invoke");
  assert.equal(retried.protected, true);
  assert.match(retried.protection, /withRetry\(\) retries the runnable/);
});

// End-to-end through the real Analyzer and both frontends: the workspace-level behaviour (cross-file helpers,
// organization context, config severities, suppressions) that no single frontend test covers.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeFiles, codesOf } from "../support/analyze";

const UNPROTECTED_PY = `from huggingface_hub import InferenceClient

client = InferenceClient()
client.chat_completion(messages=[{"role": "user", "content": "hi"}])
`;

test("an unprotected InferenceClient call is HF001 on the call's line", async () => {
  assert.deepEqual(await codesOf("app.py", UNPROTECTED_PY), ["HF001@4"]);
});

test("a retry helper imported from another workspace file protects the call", async () => {
  const helper = `import random, time
from huggingface_hub.errors import HfHubHTTPError

def with_backoff(fn, attempts=5):
    for attempt in range(attempts):
        try:
            return fn()
        except HfHubHTTPError as err:
            if err.response.status_code != 429 or attempt == attempts - 1:
                raise
            ra = err.response.headers.get("retry-after")
            time.sleep(float(ra) if ra else random.uniform(0, 2 ** attempt))
`;
  const app = `from huggingface_hub import InferenceClient
from utils.retry import with_backoff

client = InferenceClient()
with_backoff(lambda: client.chat_completion(messages=[]))
`;
  const result = await analyzeFiles({ "/ws/utils/retry.py": helper, "/ws/app.py": app });
  assert.deepEqual(
    result["/ws/app.py"].map((d) => d.code),
    [],
  );
  // Without the helper's file in the workspace, nothing vouches for it.
  const alone = await analyzeFiles({ "/ws/app.py": app });
  assert.deepEqual(
    alone["/ws/app.py"].map((d) => d.code),
    ["HF001"],
  );
});

test("bill-to evidence in one file makes an organization context for another, naming the org", async () => {
  const billing = `from huggingface_hub import InferenceClient
team = InferenceClient(bill_to="acme")
`;
  const result = await analyzeFiles({ "/ws/billing.py": billing, "/ws/app.py": UNPROTECTED_PY });
  const hf003 = result["/ws/app.py"].filter((d) => d.code === "HF003");
  assert.equal(hf003.length, 1);
  assert.equal(hf003[0].range.start.line, 2, "on the client construction");
  assert.match(hf003[0].message, /acme/);
  assert.match(hf003[0].message, /billing\.py/);
});

test("configured billTo and severities apply; a rule can be switched off", async () => {
  const files = {
    "/ws/app.py": UNPROTECTED_PY,
    "/ws/.hf-rate-guard.json": JSON.stringify({ billTo: "acme", rules: { HF001: "error" } }),
  };
  const result = await analyzeFiles(files);
  assert.deepEqual(result["/ws/app.py"].map((d) => `${d.code}:${d.severity}`).sort(), ["HF001:error", "HF003:warning"]);
  const off = await analyzeFiles(files, { rules: { HF001: "off" } });
  assert.deepEqual(
    off["/ws/app.py"].map((d) => d.code),
    ["HF003"],
  );
});

test("suppressions on the line or the line above silence a rule", async () => {
  const text = UNPROTECTED_PY.replace(
    "client.chat_completion",
    "# hf-rate-guard: ignore[HF001]\nclient.chat_completion",
  );
  assert.deepEqual(await codesOf("app.py", text), []);
  const other = UNPROTECTED_PY.replace(
    "client.chat_completion",
    "# hf-rate-guard: ignore[HF003]\nclient.chat_completion",
  );
  assert.deepEqual(await codesOf("app.py", other), ["HF001@5"]);
});

test("the same rule engine serves TypeScript", async () => {
  const ts = `import { InferenceClient } from "@huggingface/inference";
const client = new InferenceClient(process.env.HF_TOKEN);
export async function ask() {
  return client.chatCompletion({ model: "m", messages: [] });
}
`;
  assert.deepEqual(await codesOf("app.ts", ts), ["HF001@4"]);
});

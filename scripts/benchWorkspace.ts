// Generators for the benchmarks: a large mixed workspace (about 5% of files use HF) and HF-heavy single files.
import fs from "node:fs";
import path from "node:path";

const PLAIN_PY = (i: number) => `"""Module ${i}: plain business logic."""
from dataclasses import dataclass


@dataclass
class Item${i}:
    name: str
    price: float

    def total(self, qty: int) -> float:
        return self.price * qty
`;

const PLAIN_TS = (i: number) => `// Module ${i}: plain business logic.
export interface Item${i} {
  name: string;
  price: number;
}

export function total${i}(item: Item${i}, qty: number): number {
  return item.price * qty;
}
`;

/**
 * An HF-heavy Python module: every block is ordinary code (parsing, formatting, a data class) around two HF calls,
 * one with a hand-written retry loop and one raw HTTP call; about one HF call every 25 lines.
 */
export function hfPython(blocks: number): string {
  let out = "import time\nimport random\nimport requests\nfrom dataclasses import dataclass\nfrom huggingface_hub import InferenceClient\nfrom huggingface_hub.errors import HfHubHTTPError\n\nclient = InferenceClient()\n\n";
  for (let i = 0; i < blocks; i++) {
    out += `
@dataclass
class Record${i}:
    """A row of input data."""
    name: str
    text: str
    score: float = 0.0

    def normalized(self) -> str:
        words = [w.strip().lower() for w in self.text.split() if w.strip()]
        return " ".join(words)


def prompt_${i}(record: Record${i}) -> str:
    lines = [f"Name: {record.name}", f"Text: {record.normalized()}"]
    if record.score > 0.5:
        lines.append("Priority: high")
    return "\\n".join(lines)
`;
    out += `
def ask_${i}(prompt):
    for attempt in range(5):
        try:
            return client.chat_completion(messages=[{"role": "user", "content": prompt}])
        except HfHubHTTPError as err:
            if err.response.status_code != 429:
                raise
            time.sleep(2 ** attempt)


def raw_${i}(payload):
    res = requests.post("https://router.huggingface.co/v1/chat/completions", json=payload)
    res.raise_for_status()
    return res.json()
`;
  }
  return out;
}

/** The TypeScript counterpart of hfPython. */
export function hfTs(blocks: number): string {
  let out = `import { InferenceClient } from "@huggingface/inference";\nconst client = new InferenceClient(process.env.HF_TOKEN);\n`;
  for (let i = 0; i < blocks; i++) {
    out += `
export interface Record${i} {
  name: string;
  text: string;
  score: number;
}

export function prompt${i}(record: Record${i}): string {
  const words = record.text.split(/\\s+/).filter(Boolean).map((w) => w.toLowerCase());
  const lines = [\`Name: \${record.name}\`, \`Text: \${words.join(" ")}\`];
  if (record.score > 0.5) lines.push("Priority: high");
  return lines.join("\\n");
}
`;
    out += `
export async function ask${i}(prompt: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const out = await client.chatCompletion({ model: "m", messages: [{ role: "user", content: prompt }] });
      return out.choices[0].message.content ?? "";
    } catch (err: any) {
      if (err.httpResponse?.status !== 429) throw err;
      await new Promise((r) => setTimeout(r, 2 ** attempt * 1000));
    }
  }
  throw new Error("rate limited");
}

export const raw${i} = (body: unknown) =>
  fetch("https://router.huggingface.co/v1/chat/completions", { method: "POST", body: JSON.stringify(body) });
`;
  }
  return out;
}

/** Writes the workspace and returns its line count. */
export function generateWorkspace(dir: string, targetLines: number): { lines: number; files: number } {
  let lines = 0;
  let files = 0;
  for (let i = 0; lines < targetLines; i++) {
    const sub = path.join(dir, `pkg${Math.floor(i / 100)}`);
    fs.mkdirSync(sub, { recursive: true });
    const hf = i % 20 === 0; // 5% of files use HF
    const py = i % 2 === 0;
    const text = hf ? (py ? hfPython(3) : hfTs(3)) : py ? PLAIN_PY(i).repeat(8) : PLAIN_TS(i).repeat(10);
    fs.writeFileSync(path.join(sub, `m${i}.${py ? "py" : "ts"}`), text);
    lines += text.split("\n").length;
    files++;
  }
  return { lines, files };
}

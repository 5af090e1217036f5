// HF-heavy single files for the benchmarks and the typing tests: ordinary code around HF calls, about one HF
// call every 25 lines, sized to a line count.

/**
 * An HF-heavy Python module: every block is ordinary code (parsing, formatting, a data class) around two HF calls,
 * one with a hand-written retry loop and one raw HTTP call; about one HF call every 25 lines.
 */
export function hfPython(blocks: number): string {
  let out =
    "import time\nimport random\nimport requests\nfrom dataclasses import dataclass\nfrom huggingface_hub import InferenceClient\nfrom huggingface_hub.errors import HfHubHTTPError\n\nclient = InferenceClient()\n\n";
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

/** The generated module with enough blocks for `lines` lines. */
export function sized(gen: (blocks: number) => string, lines = 5000): string {
  let blocks = 10;
  while (gen(blocks).split("\n").length < lines) blocks += 5;
  return gen(blocks);
}

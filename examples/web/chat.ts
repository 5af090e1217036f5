import { InferenceClient } from "@huggingface/inference";

const client = new InferenceClient(process.env.HF_TOKEN, { billTo: "acme" });

export async function chat(prompt: string): Promise<string> {
  try {
    const out = await client.chatCompletion({
      model: "meta-llama/Llama-3.1-8B-Instruct",
      messages: [{ role: "user", content: prompt }],
    });
    return out.choices[0].message.content ?? "";
  } catch (err: any) {
    // Wrong shape: @huggingface/inference errors expose err.httpResponse.status, so this never fires.
    if (err.response?.status === 429) return chat(prompt);
    throw err;
  }
}

export async function embed(text: string): Promise<number[]> {
  const url = "https://router.huggingface.co/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction";
  let delay = 1000;
  while (true) {
    const res = await fetch(url, {
      method: "POST",
      headers: { Authorization: `Bearer ${process.env.HF_TOKEN}`, "X-HF-Bill-To": "acme" },
      body: JSON.stringify({ inputs: text }),
    });
    if (res.status !== 429) return res.json();
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay *= 2;
  }
}

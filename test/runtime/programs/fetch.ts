const BASE = process.env.HF_ROUTER ?? "https://router.huggingface.co";

async function main(): Promise<void> {
  const res = await fetch(`${BASE}/v1/chat/completions`, {
    method: "POST",
    headers: { Authorization: "Bearer hf_test", "Content-Type": "application/json" },
    body: JSON.stringify({ model: "mock-model", messages: [{ role: "user", content: "hi" }] }),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const data = (await res.json()) as { choices: { message: { content: string } }[] };
  console.log(data.choices[0].message.content);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

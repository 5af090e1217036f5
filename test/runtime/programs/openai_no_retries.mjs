import OpenAI from "openai";

const client = new OpenAI({ baseURL: `${process.env.HF_ROUTER ?? "https://router.huggingface.co"}/v1`, apiKey: "hf_test", maxRetries: 0 });
const reply = await client.chat.completions.create({ model: "mock-model", messages: [{ role: "user", content: "hi" }] });
console.log(reply.choices[0].message.content);

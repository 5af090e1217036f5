import { InferenceClient } from "@huggingface/inference";

const client = new InferenceClient("hf_test", { endpointUrl: process.env.HF_ROUTER ?? "https://router.huggingface.co" });
const reply = await client.chatCompletion({ model: "mock-model", messages: [{ role: "user", content: "hi" }] });
console.log(reply.choices[0].message.content);

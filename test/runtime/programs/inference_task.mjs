import { chatCompletion } from "@huggingface/inference";

// A task function: no client object, the token and endpoint travel with each call.
const reply = await chatCompletion({
  accessToken: "hf_test",
  endpointUrl: process.env.HF_ROUTER ?? "https://router.huggingface.co",
  model: "mock-model",
  messages: [{ role: "user", content: "hi" }],
});
console.log(reply.choices[0].message.content);

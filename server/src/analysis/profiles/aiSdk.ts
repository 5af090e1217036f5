// The Vercel AI SDK with @ai-sdk/huggingface: generateText & co. retry (maxRetries, default 2) and honour
// Retry-After; errors are APICallError with statusCode.
import type { JsProfile } from "./types";

/** The `ai` package's functions that call a model (the HF provider's when its `model` is one). */
export const AI_SDK_CALLS = new Set([
  "generateText",
  "streamText",
  "generateObject",
  "streamObject",
  "embed",
  "embedMany",
]);

export const aiSdkProfile: JsProfile = {
  language: "js",
  id: "@ai-sdk/huggingface",
  modules: ["@ai-sdk/huggingface", "ai"],
  prefilter: { needs: "names", calls: ["huggingface"] },
  factories: [{ qualified: "@ai-sdk/huggingface.createHuggingFace", kind: "aisdk-provider" }],
  errorShape: { raises: "aisdk", right: /\.statusCode\b|APICallError/ },
  builtinRetry: {
    note: "the AI SDK retries 429 (maxRetries 2, honours Retry-After)",
    off: { option: "maxRetries", value: "0", note: "maxRetries: 0 switches off the AI SDK's retries" },
  },
  selfRetry: "maxRetries (default 2), Retry-After honoured",
  endpoint: ["baseURL"],
  billTo: { note: "createHuggingFace({ headers })" },
};

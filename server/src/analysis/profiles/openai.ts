// The OpenAI SDKs (Python `openai`, npm `openai`) pointed at the HF router: they retry 429 themselves, 2 retries by
// default honouring retry-after-ms / retry-after, none with max_retries=0 / maxRetries: 0 (docs/hf-facts.md,
// "What each client does on 429").
import type { JsProfile, PythonProfile } from "./types";

/**
 * Both SDKs: the resource groups between the client and the method (`client.chat.completions.create`), and the
 * methods on them that send a request (a group path starting with `models` reaches the router's model list).
 */
export const OPENAI_GROUPS = new Set(["chat", "completions", "embeddings", "responses", "models", "images", "audio"]);
export const OPENAI_REQUEST_METHODS = new Set(["create", "list", "stream", "parse"]);

export const openaiPythonProfile: PythonProfile = {
  language: "python",
  id: "openai",
  modules: ["openai"],
  prefilter: { needs: "hf-destination" },
  versions: { key: "openai", names: ["openai"] },
  clients: [
    { qualified: "openai.OpenAI", kind: "openai" },
    { qualified: "openai.AsyncOpenAI", kind: "openai", isAsync: true },
  ],
  on429: {
    raises: "openai",
    caught: ["RateLimitError", "APIStatusError", "APIError", "OpenAIError"].map((n) => ({ type: `openai.${n}` })),
  },
  builtinRetry: {
    note: "the OpenAI SDK retries 429 (2 retries, honours Retry-After)",
    off: { option: "max_retries", value: "0", note: "max_retries=0 switches off the OpenAI SDK's retries" },
  },
  selfRetry: "2 retries by default, Retry-After honoured; max_retries=0 switches them off",
  endpoint: ["base_url"],
  billTo: { note: "default_headers= on the client or extra_headers= per call", clientHeaders: "default_headers" },
};

export const openaiJsProfile: JsProfile = {
  language: "js",
  id: "openai",
  modules: ["openai"],
  prefilter: { needs: "hf-destination" },
  versions: { key: "openai-js", names: ["openai"] },
  clients: [
    { qualified: "openai.default", kind: "openai", className: "OpenAI" },
    { qualified: "openai.OpenAI", kind: "openai", className: "OpenAI" },
    { qualified: "openai.AzureOpenAI", kind: "openai", className: "OpenAI" },
  ],
  errorShape: { raises: "openai", right: /\.status\b|RateLimitError|APIError/ },
  builtinRetry: {
    note: "the OpenAI SDK retries 429 (2 retries, honours Retry-After)",
    off: { option: "maxRetries", value: "0", note: "maxRetries: 0 switches off the OpenAI SDK's retries" },
  },
  selfRetry: "2 retries by default, Retry-After honoured; maxRetries: 0 switches them off",
  endpoint: ["baseURL"],
  billTo: { note: "defaultHeaders on the client or { headers } per request", clientHeaders: "defaultHeaders" },
};

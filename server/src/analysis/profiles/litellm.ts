// LiteLLM (Python): which of its calls reach HF, and who retries them.
// - `huggingface/<model>` goes through LiteLLM's own HF provider, which retries only when the call (or the
//   Router) sets `num_retries`.
// - `openai/<model>` with an `api_base` on the HF router goes through LiteLLM's OpenAI provider, which builds an
//   OpenAI SDK client with its default `max_retries` (2), so 429 is retried honouring Retry-After; `max_retries=0`
//   switches that off. (litellm/llms/openai: the client is created with `max_retries` popped from the call's
//   params, default 2; see docs/accuracy.md.)
import type { PythonProfile } from "./types";
import { classifyUrl } from "./hosts";

export const LITELLM_CALLS = new Set([
  "completion",
  "acompletion",
  "embedding",
  "aembedding",
  "text_completion",
  "atext_completion",
]);

/**
 * The call's retry options, read in this order: `num_retries` turns on LiteLLM's own retries (huggingface/); on the
 * openai/ route the count reaches the OpenAI SDK as `max_retries`. Either written as 0 switches retrying off.
 */
export const LITELLM_RETRY_OPTIONS = ["num_retries", "max_retries"];
export const LITELLM_RETRIES_OFF = "0";

export const LITELLM_NUM_RETRIES = "litellm retries (num_retries)";
export const LITELLM_OPENAI_RETRY_OFF = "max_retries=0 switches off the OpenAI SDK's retries under LiteLLM";
export const LITELLM_OPENAI_RETRY =
  "LiteLLM's openai/ provider uses the OpenAI SDK, which retries 429 (2 retries, honours Retry-After)";

/** "hf" for the huggingface/ provider, "openai" for openai/ on the HF router, undefined when not an HF call. */
export function litellmRoute(model: string | undefined, apiBase: string | undefined): "hf" | "openai" | undefined {
  if (!model) return undefined;
  if (model.startsWith("huggingface/")) return "hf";
  if (model.startsWith("openai/") && apiBase && classifyUrl(apiBase) === "router") return "openai";
  return undefined;
}

export const litellmProfile: PythonProfile = {
  language: "python",
  id: "litellm",
  modules: ["litellm"],
  prefilter: { needs: "names", calls: [...LITELLM_CALLS] },
  on429: {
    raises: "litellm",
    caught: ["RateLimitError", "APIError", "APIStatusError", "OpenAIError"].flatMap((n) => [
      { type: `litellm.${n}` },
      { type: `openai.${n}` },
    ]),
  },
  selfRetry: "only with num_retries (huggingface/ provider); openai/ on the router retries through the OpenAI SDK",
  endpoint: ["api_base", "base_url"],
  billTo: { note: "extra_headers on the call", callHeaders: ["extra_headers", "headers"] },
};

// LlamaIndex (Python) HF integrations. None retries a 429 by itself:
// - `llama_index.llms.huggingface_api.HuggingFaceInferenceAPI`: huggingface_hub InferenceClient / AsyncInferenceClient
//   (model name or URL in `model_name` / `model`), so a 429 raises HfHubHTTPError;
// - `llama_index.llms.text_generation_inference.TextGenerationInference`: the `text_generation` client on
//   `model_url` (usually a self-hosted TGI server; an HF host only when the URL says so);
// - `llama_index.embeddings.huggingface_api.HuggingFaceInferenceAPIEmbedding`: InferenceClient feature extraction.
// Sources: run-llama/llama_index llama-index-integrations/llms/llama-index-llms-huggingface-api,
// llms/llama-index-llms-text-generation-inference, embeddings/llama-index-embeddings-huggingface-api.
import type { FrameworkClass } from "./frameworks";
import type { PythonProfile } from "./types";

const LLM_METHODS = [
  "complete",
  "acomplete",
  "chat",
  "achat",
  "stream_complete",
  "astream_complete",
  "stream_chat",
  "astream_chat",
  "predict",
  "apredict",
];

export const LLAMA_INDEX_CLASSES: FrameworkClass[] = [
  {
    paths: [
      "llama_index.llms.huggingface_api.HuggingFaceInferenceAPI",
      "llama_index.llms.huggingface.HuggingFaceInferenceAPI",
    ],
    role: "model",
    methods: LLM_METHODS,
    surface: "router",
    urlKeywords: ["model_name", "model"],
  },
  {
    paths: ["llama_index.llms.text_generation_inference.TextGenerationInference"],
    role: "model",
    methods: LLM_METHODS,
    surface: undefined,
    urlKeywords: ["model_url"],
  },
  {
    paths: [
      "llama_index.embeddings.huggingface_api.HuggingFaceInferenceAPIEmbedding",
      "llama_index.embeddings.huggingface.HuggingFaceInferenceAPIEmbedding",
    ],
    role: "model",
    methods: [
      "get_text_embedding",
      "get_query_embedding",
      "get_text_embedding_batch",
      "aget_text_embedding",
      "aget_query_embedding",
      "aget_text_embedding_batch",
    ],
    surface: "router",
    urlKeywords: ["model_name", "model"],
  },
];

export const llamaIndexProfile: PythonProfile = {
  language: "python",
  id: "llama_index",
  modules: ["llama_index"],
  prefilter: { needs: "names" },
  frameworks: { classes: LLAMA_INDEX_CLASSES },
  selfRetry: "never",
};

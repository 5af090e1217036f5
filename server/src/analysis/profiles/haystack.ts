// Haystack 2.x (Python) HF API components. Each builds a huggingface_hub InferenceClient from `api_type` and
// `api_params` (`{"model": ...}` for the serverless API, `{"url": ...}` for Inference Endpoints or a TGI server)
// and calls it once per `run`; nothing retries, so a 429 raises HfHubHTTPError out of `run` (and out of the
// Pipeline that runs the component). Sources: deepset-ai/haystack haystack/components/generators/hugging_face_api.py,
// generators/chat/hugging_face_api.py, embedders/hugging_face_api_text_embedder.py,
// embedders/hugging_face_api_document_embedder.py.
import type { FrameworkClass } from "./frameworks";
import type { PythonProfile } from "./types";

const COMPONENT = {
  role: "model" as const,
  methods: ["run", "run_async"],
  surface: "router" as const,
  urlInDict: "api_params",
};

export const HAYSTACK_CLASSES: FrameworkClass[] = [
  {
    paths: [
      "haystack.components.generators.HuggingFaceAPIGenerator",
      "haystack.components.generators.hugging_face_api.HuggingFaceAPIGenerator",
    ],
    ...COMPONENT,
  },
  {
    paths: [
      "haystack.components.generators.chat.HuggingFaceAPIChatGenerator",
      "haystack.components.generators.chat.hugging_face_api.HuggingFaceAPIChatGenerator",
    ],
    ...COMPONENT,
  },
  {
    paths: [
      "haystack.components.embedders.HuggingFaceAPITextEmbedder",
      "haystack.components.embedders.hugging_face_api_text_embedder.HuggingFaceAPITextEmbedder",
    ],
    ...COMPONENT,
  },
  {
    paths: [
      "haystack.components.embedders.HuggingFaceAPIDocumentEmbedder",
      "haystack.components.embedders.hugging_face_api_document_embedder.HuggingFaceAPIDocumentEmbedder",
    ],
    ...COMPONENT,
  },
];

export const haystackProfile: PythonProfile = {
  language: "python",
  id: "haystack",
  modules: ["haystack"],
  // Its HF components are named HuggingFaceAPI*.
  prefilter: { needs: "names" },
  frameworks: { classes: HAYSTACK_CLASSES },
  selfRetry: "never",
};

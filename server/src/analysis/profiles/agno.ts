// agno (Python): `agno.models.huggingface.HuggingFace` calls `InferenceClient.chat.completions.create` and wraps
// every error in ModelProviderError; nothing in the model retries. agno's Agent (and its Model base) take
// `retries` (default 0), `delay_between_retries` and `exponential_backoff`: `retries=N` is the library's retry,
// switched on by an option, so it protects the call (a fixed or exponential wait that never reads Retry-After,
// like tenacity's). Sources: agno libs/agno/agno/models/huggingface/huggingface.py, agno/agent/agent.py.
import type { FrameworkClass } from "./frameworks";
import type { PythonProfile } from "./types";

const RETRIES = {
  retryKeywords: ["retries"],
  retryNote: "agno retries the run (retries=N)",
};

export const AGNO_CLASSES: FrameworkClass[] = [
  {
    paths: ["agno.models.huggingface.HuggingFace", "agno.models.huggingface.huggingface.HuggingFace"],
    role: "model",
    methods: ["invoke", "ainvoke", "invoke_stream", "ainvoke_stream", "response", "aresponse"],
    surface: "router",
    urlKeywords: ["base_url"],
    ...RETRIES,
  },
  {
    paths: ["agno.agent.Agent", "agno.agent.agent.Agent"],
    role: "agent",
    methods: ["run", "arun", "print_response", "aprint_response"],
    surface: undefined,
    modelKeyword: "model",
    ...RETRIES,
  },
];

export const agnoProfile: PythonProfile = {
  language: "python",
  id: "agno",
  modules: ["agno"],
  // Its HF model is imported from agno.models.huggingface.
  prefilter: { needs: "names" },
  frameworks: { classes: AGNO_CLASSES },
  selfRetry: "Model/Agent retries=N (default 0): the library's retry, ignoring Retry-After",
};

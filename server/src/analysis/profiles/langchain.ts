// LangChain (Python) HF classes and the composites that carry them. None of the HF classes retries a 429:
// - `HuggingFaceEndpoint` (langchain_huggingface, and the older langchain_community.llms copy) calls a
//   huggingface_hub InferenceClient; a 429 raises HfHubHTTPError. `endpoint_url` decides the host.
// - `ChatHuggingFace` runs the `llm=` it wraps.
// - `HuggingFaceHub` (langchain_community.llms, deprecated) posts through InferenceClient.post with a task.
// - `HuggingFaceTextGenInference` (langchain_community.llms) uses the `text_generation` client on
//   `inference_server_url`, usually a self-hosted TGI server.
// - `HuggingFaceEndpointEmbeddings` (langchain_huggingface) / `HuggingFaceHubEmbeddings` (langchain_community)
//   call InferenceClient feature extraction; `model` may be a URL.
// - `HuggingFaceInferenceAPIEmbeddings` (langchain_community.embeddings) does `requests.post(...)` and returns
//   `response.json()` without checking the status: a 429 comes back as the error body, nothing raises.
// `Runnable.with_retry()` (langchain_core) wraps any runnable in tenacity: retry on Exception, 3 attempts,
// exponential jitter (it never reads Retry-After). It is the library's retry switched on by a call, not HF002.
// `|`, `RunnableSequence`, `.bind`, `.with_config` ... return a runnable that invokes the model as it is.
// Sources: langchain-ai/langchain libs/community/langchain_community/{llms,chat_models,embeddings}/huggingface*.py,
// libs/partners/huggingface, libs/core/langchain_core/runnables/{base,retry}.py (see docs/hf-facts.md).
import type { FrameworkClass } from "./frameworks";
import type { JsProfile, PythonProfile } from "./types";

export const LANGCHAIN_PY_METHODS = [
  "invoke",
  "ainvoke",
  "stream",
  "astream",
  "batch",
  "abatch",
  "generate",
  "agenerate",
  "predict",
  "apredict",
  "embed_query",
  "embed_documents",
  "aembed_query",
  "aembed_documents",
  "run",
  "arun",
  "__call__",
];

const MODEL = { role: "model" as const, methods: LANGCHAIN_PY_METHODS };

/** `pkg.Class` and `pkg.module.Class` for each package that exports the class. */
function paths(className: string, modules: string[]): string[] {
  return modules.map((m) => `${m}.${className}`);
}

export const LANGCHAIN_CLASSES: FrameworkClass[] = [
  {
    paths: paths("HuggingFaceEndpoint", [
      "langchain_huggingface",
      "langchain_huggingface.llms",
      "langchain_huggingface.llms.huggingface_endpoint",
      "langchain_community.llms",
      "langchain_community.llms.huggingface_endpoint",
      "langchain.llms",
    ]),
    ...MODEL,
    surface: "router",
    urlKeywords: ["endpoint_url"],
  },
  {
    paths: paths("ChatHuggingFace", [
      "langchain_huggingface",
      "langchain_huggingface.chat_models",
      "langchain_huggingface.chat_models.huggingface",
      "langchain_community.chat_models",
      "langchain_community.chat_models.huggingface",
    ]),
    ...MODEL,
    surface: "router",
  },
  {
    paths: paths("HuggingFaceHub", [
      "langchain_community.llms",
      "langchain_community.llms.huggingface_hub",
      "langchain.llms",
      "langchain",
    ]),
    ...MODEL,
    surface: "legacy",
  },
  {
    paths: paths("HuggingFaceTextGenInference", [
      "langchain_community.llms",
      "langchain_community.llms.huggingface_text_gen_inference",
      "langchain.llms",
    ]),
    ...MODEL,
    surface: undefined,
    urlKeywords: ["inference_server_url"],
  },
  {
    paths: paths("HuggingFaceEndpointEmbeddings", [
      "langchain_huggingface",
      "langchain_huggingface.embeddings",
      "langchain_huggingface.embeddings.huggingface_endpoint",
    ]),
    ...MODEL,
    surface: "router",
    urlKeywords: ["model"],
  },
  {
    paths: paths("HuggingFaceHubEmbeddings", [
      "langchain_community.embeddings",
      "langchain_community.embeddings.huggingface_hub",
      "langchain.embeddings",
    ]),
    ...MODEL,
    surface: "router",
    urlKeywords: ["model"],
  },
  {
    paths: paths("HuggingFaceInferenceAPIEmbeddings", [
      "langchain_community.embeddings",
      "langchain_community.embeddings.huggingface",
      "langchain.embeddings",
    ]),
    ...MODEL,
    surface: "legacy",
    urlKeywords: ["api_url"],
    returnsErrorBody: true,
  },
];

/** Methods that return a runnable invoking the same model (no retry of their own). */
export const LANGCHAIN_SAME_MODEL = new Set([
  "bind",
  "bind_tools",
  "with_config",
  "with_structured_output",
  "with_types",
  "with_listeners",
  "with_fallbacks",
  "configurable_fields",
  "configurable_alternatives",
  "pipe",
]);

export const LANGCHAIN_WITH_RETRY = "with_retry";
export const LANGCHAIN_RETRY_NOTE = "LangChain's with_retry() retries the runnable (3 attempts, exponential jitter)";

/** Classes that chain runnables given as arguments: any HF model among them makes the chain an HF call. */
export const LANGCHAIN_CHAINS = new Set([
  "langchain_core.runnables.RunnableSequence",
  "langchain_core.runnables.base.RunnableSequence",
  "langchain.schema.runnable.RunnableSequence",
  "langchain.chains.LLMChain",
  "langchain.chains.llm.LLMChain",
]);

export const langchainPythonProfile: PythonProfile = {
  language: "python",
  id: "langchain",
  modules: ["langchain_huggingface", "langchain_community", "langchain_core", "langchain"],
  prefilter: { needs: "names" },
  // The HF classes keep their own client kind: composites and ChatHuggingFace are followed by the frontend.
  frameworks: { classes: LANGCHAIN_CLASSES, kind: "langchain" },
  selfRetry: "never; .with_retry() is LangChain's tenacity retry (3 attempts, exponential jitter, no Retry-After)",
  billTo: {
    note: 'HuggingFaceEndpoint(server_kwargs={"bill_to": ...})',
    inDict: { option: "server_kwargs", key: "bill_to" },
  },
};

/**
 * LangChain JS runnables built from an HF model that invoke the model as it is (Runnable.pipe/bind/withConfig ...
 * in @langchain/core runnables/base): their `invoke/stream/batch` are calls of the model, with its protection.
 */
/** LangChain JS model and embeddings methods that call the model. */
export const LANGCHAIN_JS_METHODS = new Set([
  "invoke",
  "call",
  "stream",
  "batch",
  "generate",
  "predict",
  "embedQuery",
  "embedDocuments",
]);

export const LANGCHAIN_JS_SAME_MODEL = new Set([
  "pipe",
  "bind",
  "bindTools",
  "withConfig",
  "withStructuredOutput",
  "withListeners",
  "withFallbacks",
]);

export const LANGCHAIN_JS_WITH_RETRY = "withRetry";
export const LANGCHAIN_JS_RETRY_NOTE =
  "LangChain's withRetry() retries the runnable (p-retry, 3 attempts by default, no Retry-After)";

/** `RunnableSequence.from([prompt, model, parser])`: any HF model among the steps makes the sequence an HF call. */
export const LANGCHAIN_JS_SEQUENCES = new Set([
  "@langchain/core/runnables.RunnableSequence.from",
  "langchain/schema/runnable.RunnableSequence.from",
]);

// LangChain JS's HuggingFaceInference retries through its AsyncCaller (p-retry) unless maxRetries: 0.
export const langchainJsProfile: JsProfile = {
  language: "js",
  id: "@langchain/community",
  modules: ["@langchain/community"],
  prefilter: { needs: "names" },
  clients: [
    {
      qualified: "@langchain/community/llms/hf.HuggingFaceInference",
      kind: "langchain",
      className: "HuggingFaceInference",
    },
    {
      qualified: "@langchain/community/embeddings/hf.HuggingFaceInferenceEmbeddings",
      kind: "langchain",
      className: "HuggingFaceInferenceEmbeddings",
    },
  ],
  endpoint: ["endpointUrl"],
  errorShape: { raises: "langchain", right: /\.status\b|\.message\b/ },
  builtinRetry: {
    note: "LangChain's AsyncCaller retries failed calls",
    off: { option: "maxRetries", value: "0", note: "maxRetries: 0 switches off LangChain's retries" },
  },
  selfRetry: "yes, its AsyncCaller (p-retry, 6 attempts); no Retry-After",
};

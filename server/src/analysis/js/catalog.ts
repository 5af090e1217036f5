// What counts as an HF call in JS/TS (see docs/hf-facts.md for what each client does on 429).

/** How a 429 reaches the caller's code. */
export type JsRaise =
  | "hfjs" // @huggingface/inference: err.httpResponse.status (>= 4.0), plain Error before
  | "hubjs" // @huggingface/hub: HubApiError.statusCode
  | "openai" // RateLimitError, err.status
  | "fetch" // a Response; never throws on 429
  | "axios" // throws; err.response.status
  | "ky" // throws HTTPError; err.response.status
  | "got" // throws HTTPError; err.response.statusCode
  | "aisdk" // APICallError.statusCode
  | "langchain";

export type JsClientKind = "hfjs" | "openai" | "axios" | "ky" | "got" | "aisdk-provider" | "langchain";

export const CLIENT_CLASSES = new Map<string, { kind: JsClientKind; library: string; className: string }>([
  [
    "@huggingface/inference.InferenceClient",
    { kind: "hfjs", library: "@huggingface/inference", className: "InferenceClient" },
  ],
  ["@huggingface/inference.HfInference", { kind: "hfjs", library: "@huggingface/inference", className: "HfInference" }],
  [
    "@huggingface/inference.HfInferenceEndpoint",
    { kind: "hfjs", library: "@huggingface/inference", className: "HfInferenceEndpoint" },
  ],
  ["openai.default", { kind: "openai", library: "openai", className: "OpenAI" }],
  ["openai.OpenAI", { kind: "openai", library: "openai", className: "OpenAI" }],
  ["openai.AzureOpenAI", { kind: "openai", library: "openai", className: "OpenAI" }],
  [
    "@langchain/community/llms/hf.HuggingFaceInference",
    { kind: "langchain", library: "@langchain/community", className: "HuggingFaceInference" },
  ],
  [
    "@langchain/community/embeddings/hf.HuggingFaceInferenceEmbeddings",
    { kind: "langchain", library: "@langchain/community", className: "HuggingFaceInferenceEmbeddings" },
  ],
]);

/** Factories that make instances: axios.create(), ky.create()/extend(), got.extend(), createHuggingFace(). */
export const FACTORIES = new Map<string, JsClientKind>([
  ["axios.default.create", "axios"],
  ["axios.create", "axios"],
  ["ky.default.create", "ky"],
  ["ky.default.extend", "ky"],
  ["got.default.extend", "got"],
  ["@ai-sdk/huggingface.createHuggingFace", "aisdk-provider"],
]);

export const HFJS_NON_CALLS = new Set(["endpoint", "constructor"]);

export const HUB_DOWNLOADS = new Set([
  "downloadFile",
  "downloadFileToCacheDir",
  "snapshotDownload",
  "uploadFile",
  "uploadFiles",
  "commit",
]);

export const HTTP_VERBS = new Set(["get", "post", "put", "patch", "delete", "head", "request", "options"]);

export const AI_SDK_CALLS = new Set([
  "generateText",
  "streamText",
  "generateObject",
  "streamObject",
  "embed",
  "embedMany",
]);

export const LANGCHAIN_METHODS = new Set([
  "invoke",
  "call",
  "stream",
  "batch",
  "generate",
  "predict",
  "embedQuery",
  "embedDocuments",
]);

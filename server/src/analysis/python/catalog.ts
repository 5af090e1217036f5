// What counts as an HF call in Python: the client classes, their network methods, and the Hub functions.
// Sources: huggingface_hub, openai-python, langchain-huggingface, smolagents, litellm (see docs/hf-facts.md).
import { INFERENCE_API_CLASSES } from "../profiles/huggingfaceHub";

export type PyClientKind =
  | "inference"
  | "hfapi"
  | "openai"
  | "requests-session"
  | "httpx-client"
  | "aiohttp-session"
  | "langchain"
  | "smolagents-model"
  | "smolagents-agent"
  | "inference-api";

export interface ClientClass {
  kind: PyClientKind;
  library: string;
  className: string;
  isAsync: boolean;
}

const classes: [string, PyClientKind, string, boolean][] = [
  ["huggingface_hub.InferenceClient", "inference", "huggingface_hub", false],
  ["huggingface_hub.AsyncInferenceClient", "inference", "huggingface_hub", true],
  ["huggingface_hub.inference._client.InferenceClient", "inference", "huggingface_hub", false],
  ["huggingface_hub.HfApi", "hfapi", "huggingface_hub", false],
  ["openai.OpenAI", "openai", "openai", false],
  ["openai.AsyncOpenAI", "openai", "openai", true],
  ["requests.Session", "requests-session", "requests", false],
  ["requests.session", "requests-session", "requests", false],
  ["httpx.Client", "httpx-client", "httpx", false],
  ["httpx.AsyncClient", "httpx-client", "httpx", true],
  ["aiohttp.ClientSession", "aiohttp-session", "aiohttp", true],
  ["langchain_huggingface.HuggingFaceEndpoint", "langchain", "langchain_huggingface", false],
  ["langchain_huggingface.ChatHuggingFace", "langchain", "langchain_huggingface", false],
  ["langchain_huggingface.HuggingFaceEndpointEmbeddings", "langchain", "langchain_huggingface", false],
  ["langchain_huggingface.llms.HuggingFaceEndpoint", "langchain", "langchain_huggingface", false],
  ["langchain_huggingface.chat_models.ChatHuggingFace", "langchain", "langchain_huggingface", false],
  ["smolagents.InferenceClientModel", "smolagents-model", "smolagents", false],
  ["smolagents.HfApiModel", "smolagents-model", "smolagents", false],
  ["smolagents.CodeAgent", "smolagents-agent", "smolagents", false],
  ["smolagents.ToolCallingAgent", "smolagents-agent", "smolagents", false],
];

for (const q of INFERENCE_API_CLASSES) classes.push([q, "inference-api", "huggingface_hub", false]);

export const CLIENT_CLASSES = new Map<string, ClientClass>(
  classes.map(([q, kind, library, isAsync]) => [q, { kind, library, className: q.split(".").pop()!, isAsync }]),
);

/** InferenceClient methods that do not hit the network (or are not inference): not reported. */
export const INFERENCE_NON_CALLS = new Set([
  "close",
  "__enter__",
  "__exit__",
  "__aenter__",
  "__aexit__",
  "headers",
  "model",
  "provider",
  "token",
]);

/** HfApi methods that are local helpers rather than requests. */
export const HFAPI_NON_CALLS = new Set(["endpoint", "token", "headers", "library_name"]);

/** Module-level Hub functions; downloads/uploads are retried by huggingface_hub >= 1.2 itself. */
export const HUB_DOWNLOADS = new Set([
  "hf_hub_download",
  "snapshot_download",
  "upload_file",
  "upload_folder",
  "create_commit",
  "upload_large_folder",
]);
export const HUB_FUNCTIONS = new Set([
  "model_info",
  "dataset_info",
  "space_info",
  "whoami",
  "list_models",
  "list_datasets",
  "list_spaces",
  "list_repo_files",
  "repo_info",
  "create_repo",
  "delete_repo",
  "file_exists",
  "repo_exists",
  "get_hf_file_metadata",
  "list_repo_refs",
  "list_repo_commits",
]);

export const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete", "head", "request", "stream", "options"]);

export const LANGCHAIN_METHODS = new Set([
  "invoke",
  "ainvoke",
  "stream",
  "astream",
  "batch",
  "abatch",
  "generate",
  "agenerate",
  "predict",
  "embed_query",
  "embed_documents",
  "aembed_query",
  "aembed_documents",
  "__call__",
]);

export type HostKind = "router" | "router-models" | "legacy" | "endpoint" | "hub" | "hub-download" | "other";

/** Classifies a (possibly partially known) URL; "other" when it is not an HF host. */
export function classifyUrl(url: string, method = "post"): HostKind {
  const u = url.toLowerCase();
  if (/(^|\/\/|\.)router\.huggingface\.co/.test(u)) {
    if (/router\.huggingface\.co\/v1\/models/.test(u) && method === "get") return "router-models";
    return "router";
  }
  if (/api-inference\.huggingface\.co/.test(u)) return "legacy";
  if (/\.endpoints\.huggingface\.cloud/.test(u)) return "endpoint";
  if (/(^|\/\/)(www\.)?huggingface\.co\/api\//.test(u) || /(^|\/\/)(www\.)?huggingface\.co\/api$/.test(u)) return "hub";
  if (/(^|\/\/)(www\.)?huggingface\.co\/.+\/resolve\//.test(u)) return "hub-download";
  return "other";
}

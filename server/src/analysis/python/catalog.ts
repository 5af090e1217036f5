// What counts as an HF call in Python: the client classes, their network methods, and the Hub functions.
// Sources: huggingface_hub, openai-python, langchain-huggingface, smolagents, litellm (see docs/hf-facts.md).
import { INFERENCE_API_CLASSES } from "../profiles/huggingfaceHub";
import { AGNO_CLASSES } from "../profiles/agno";
import type { FrameworkClass } from "../profiles/frameworks";
import { HAYSTACK_CLASSES } from "../profiles/haystack";
import { LANGCHAIN_CLASSES, LANGCHAIN_PY_METHODS } from "../profiles/langchain";
import { LLAMA_INDEX_CLASSES } from "../profiles/llamaIndex";

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
  | "inference-api"
  | "framework-model"
  | "framework-agent";

export interface ClientClass {
  kind: PyClientKind;
  library: string;
  className: string;
  isAsync: boolean;
  /** Framework classes (LangChain, agno, LlamaIndex, Haystack): their profile. */
  framework?: FrameworkClass;
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
  ["smolagents.InferenceClientModel", "smolagents-model", "smolagents", false],
  ["smolagents.HfApiModel", "smolagents-model", "smolagents", false],
  ["smolagents.CodeAgent", "smolagents-agent", "smolagents", false],
  ["smolagents.ToolCallingAgent", "smolagents-agent", "smolagents", false],
];

for (const q of INFERENCE_API_CLASSES) classes.push([q, "inference-api", "huggingface_hub", false]);

export const CLIENT_CLASSES = new Map<string, ClientClass>(
  classes.map(([q, kind, library, isAsync]) => [q, { kind, library, className: q.split(".").pop()!, isAsync }]),
);

// Framework classes come from their profiles; LangChain's keep their own kind (composites, ChatHuggingFace).
for (const [list, kind] of [
  [LANGCHAIN_CLASSES, "langchain"],
  [AGNO_CLASSES, undefined],
  [LLAMA_INDEX_CLASSES, undefined],
  [HAYSTACK_CLASSES, undefined],
] as [FrameworkClass[], PyClientKind | undefined][]) {
  for (const framework of list) {
    for (const q of framework.paths) {
      CLIENT_CLASSES.set(q, {
        kind: kind ?? (framework.role === "agent" ? "framework-agent" : "framework-model"),
        library: q.split(".")[0],
        className: q.split(".").pop()!,
        isAsync: false,
        framework,
      });
    }
  }
}

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

export const LANGCHAIN_METHODS = new Set(LANGCHAIN_PY_METHODS);

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

// What counts as an HF call in Python: the client classes (from the library profiles), their network methods, and
// the Hub functions. Sources: huggingface_hub, openai-python, langchain-huggingface, smolagents (docs/hf-facts.md).
import { PY_CLIENT_CLASSES, type PyClientClass } from "../profiles";
import { LANGCHAIN_PY_METHODS } from "../profiles/langchain";
export { classifyUrl, type HostKind } from "../profiles/hosts";
export type { PyClientKind } from "../profiles/types";

export type ClientClass = PyClientClass;

/** The client classes of every Python profile (profiles/index.ts). */
export const CLIENT_CLASSES = PY_CLIENT_CLASSES;

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
  // Buckets (1.x): both go through http_backoff for their Hub requests (429 retried by default), and move the
  // file bytes through hf_xet (hf_api.py, `download_bucket_files` / `_batch_bucket_files`).
  "download_bucket_files",
  "batch_bucket_files",
  // Commits under another name: each returns `self.create_commit(...)` with delete operations.
  "delete_file",
  "delete_files",
  "delete_folder",
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

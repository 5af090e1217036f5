// huggingface_hub (Python): its clients and errors, what an InferenceClient's method names say (for calls on a
// client this file did not build, imported from another module), and the legacy InferenceApi class.
import type { PythonProfile } from "./types";

/** InferenceClient task methods (huggingface_hub 0.2x-1.x `InferenceClient`), each one request. */
export const INFERENCE_TASK_METHODS = new Set([
  "audio_classification",
  "audio_to_audio",
  "automatic_speech_recognition",
  "chat_completion",
  "document_question_answering",
  "feature_extraction",
  "fill_mask",
  "image_classification",
  "image_segmentation",
  "image_to_image",
  "image_to_text",
  "image_to_video",
  "object_detection",
  "question_answering",
  "sentence_similarity",
  "summarization",
  "table_question_answering",
  "tabular_classification",
  "tabular_regression",
  "text_classification",
  "text_generation",
  "text_to_image",
  "text_to_speech",
  "text_to_video",
  "token_classification",
  "translation",
  "visual_question_answering",
  "zero_shot_classification",
  "zero_shot_image_classification",
]);

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

/** Hub functions (module-level, and HfApi methods) that move files: retried by huggingface_hub >= 1.2 itself. */
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
/**
 * `huggingface_hub.utils.http_backoff(method, url, ...)`: a request function of its own that retries 429 from 1.2
 * (the profile's builtinRetry `since`), with how messages say either way (docs/hf-facts.md, "What each client does
 * on 429").
 */
export const HTTP_BACKOFF = {
  name: "http_backoff",
  retries: "http_backoff retries 429 (huggingface_hub >= 1.2)",
  before: "http_backoff does not retry 429 before huggingface_hub 1.2",
};

/** Module-level Hub functions that make Hub API requests (HfApi methods are all requests but HFAPI_NON_CALLS). */
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

/**
 * `huggingface_hub.inference_api.InferenceApi` (deprecated since 0.19, removed in 1.0): the object is called
 * directly (`api(inputs=...)`), one POST to api-inference.huggingface.co per call, no retry, and a 429 surfaces
 * as an HTTPError from `raise_for_status` (docs/hf-facts.md, "Hosts" and "Version gates").
 */
export const INFERENCE_API_CLASSES = ["huggingface_hub.inference_api.InferenceApi", "huggingface_hub.InferenceApi"];

/**
 * What catches huggingface_hub's HTTP errors: HfHubHTTPError subclasses requests.HTTPError in 0.x, httpx's in 1.x,
 * and is an OSError in both (docs/hf-facts.md, "What each client does on 429").
 */
export const HF_HUB_ERRORS_CAUGHT: { type: string; hub?: 0 | 1 }[] = [
  { type: "huggingface_hub.HfHubHTTPError" },
  { type: "httpx.HTTPError", hub: 1 },
  { type: "requests.HTTPError", hub: 0 },
  { type: "requests.RequestException", hub: 0 },
  { type: "OSError" },
];

export const huggingfaceHubProfile: PythonProfile = {
  language: "python",
  id: "huggingface_hub",
  modules: ["huggingface_hub"],
  prefilter: { needs: "names", calls: [...HUB_FUNCTIONS, ...HUB_DOWNLOADS, "http_backoff"] },
  versions: { key: "huggingface_hub", names: ["huggingface_hub", "huggingface-hub"] },
  // `hf_raise_for_status(r)` raises HfHubHTTPError (what except clauses must then catch).
  raisesThrough: { function: { name: "hf_raise_for_status", raises: "hf" } },
  clients: [
    { qualified: "huggingface_hub.InferenceClient", kind: "inference" },
    { qualified: "huggingface_hub.AsyncInferenceClient", kind: "inference", isAsync: true },
    { qualified: "huggingface_hub.inference._client.InferenceClient", kind: "inference" },
    { qualified: "huggingface_hub.HfApi", kind: "hfapi" },
    ...INFERENCE_API_CLASSES.map((qualified) => ({ qualified, kind: "inference-api" as const })),
  ],
  on429: {
    raises: "hf",
    caught: HF_HUB_ERRORS_CAUGHT,
  },
  errorTypes: { status: ["huggingface_hub.HfHubHTTPError"] },
  // HfHubHTTPError keeps the status on its response only (docs/hf-facts.md, "What each client does on 429").
  errorShape: {
    right: ["response"],
    wrong: ["status", "status_code", "code", "http_status"],
    fix: "HfHubHTTPError exposes err.response.status_code",
  },
  // Downloads and uploads (HUB_DOWNLOADS) and http_backoff, from 1.2.
  builtinRetry: { note: "huggingface_hub retries downloads and uploads (>= 1.2)", since: "1.2.0" },
  selfRetry: "InferenceClient never; downloads, uploads and http_backoff from 1.2 (Retry-After from 1.22)",
  // InferenceClient's `model=` may be a URL too.
  endpoint: ["base_url", "model"],
  billTo: { note: "InferenceClient(bill_to=...) from 0.30, or X-HF-Bill-To in headers=", option: "bill_to" },
};

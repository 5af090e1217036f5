// What counts as an HF call in JS/TS (see docs/hf-facts.md for what each client does on 429).

import { JS_CLIENT_CLASSES, JS_FACTORIES } from "../profiles";
export type { JsClientKind, JsRaise } from "../profiles/types";

/** Client classes and the factories that make instances (axios.create(), ...), from the JS profiles. */
export const CLIENT_CLASSES = JS_CLIENT_CLASSES;
export const FACTORIES = JS_FACTORIES;

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

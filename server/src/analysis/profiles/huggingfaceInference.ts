// @huggingface/inference (JS): its clients and error shape, and what a client's method names say, for calls on a
// client this file did not build (imported from another module). Task names as exported by the package's `tasks`
// folder (v2-v4).
import type { JsProfile } from "./types";
export const HFJS_TASK_METHODS = new Set([
  "audioClassification",
  "audioToAudio",
  "automaticSpeechRecognition",
  "chatCompletion",
  "chatCompletionStream",
  "documentQuestionAnswering",
  "featureExtraction",
  "fillMask",
  "imageClassification",
  "imageSegmentation",
  "imageTextToText",
  "imageToImage",
  "imageToText",
  "imageToVideo",
  "objectDetection",
  "questionAnswering",
  "request",
  "sentenceSimilarity",
  "streamingRequest",
  "summarization",
  "tableQuestionAnswering",
  "tabularClassification",
  "tabularRegression",
  "textClassification",
  "textGeneration",
  "textGenerationStream",
  "textToImage",
  "textToSpeech",
  "textToVideo",
  "tokenClassification",
  "translation",
  "visualQuestionAnswering",
  "zeroShotClassification",
  "zeroShotImageClassification",
]);

/**
 * Exports of @huggingface/inference that make no request: the `snippets` namespace (code generation for the Hub's
 * "Use this model" widget), the error classes, and provider/mapping helpers.
 */
export const HFJS_NON_REQUEST_EXPORTS =
  /^(snippets|InferenceOutputError|InferenceClientError|InferenceClientInputError|InferenceClientProviderApiError|InferenceClientHubApiError|InferenceClientProviderOutputError|PROVIDERS|INFERENCE_PROVIDERS|HARDCODED_MODEL_INFERENCE_MAPPING|getProviderHelper|makeRequestOptions|getInferenceSnippets)\b/;

/** Members of an InferenceClient that make no request (every other method is a task call). */
export const HFJS_NON_CALLS = new Set(["endpoint", "constructor"]);

export const huggingfaceInferenceProfile: JsProfile = {
  language: "js",
  id: "@huggingface/inference",
  modules: ["@huggingface/inference"],
  prefilter: { needs: "module" },
  versions: { key: "@huggingface/inference", names: ["@huggingface/inference"] },
  clients: ["InferenceClient", "HfInference", "HfInferenceEndpoint"].map((className) => ({
    qualified: `@huggingface/inference.${className}`,
    kind: "hfjs" as const,
    className,
  })),
  // 4.0 and later: InferenceClientProviderApiError with err.httpResponse.status; a plain Error before.
  errorShape: {
    raises: "hfjs",
    right: /\.httpResponse\b|\.message\b/,
    wrong: {
      re: /\.response\??\.status|\.statusCode\b|\b(e|err|error|ex)\??\.status\b/,
      fix: "@huggingface/inference errors expose err.httpResponse.status",
    },
    since: {
      package: "@huggingface/inference",
      version: "4.0.0",
      reads: /\.httpResponse\b/,
      before: "before @huggingface/inference 4.0 errors are plain Error objects without httpResponse",
    },
  },
  selfRetry: "never a 429 (503 is re-sent); its errors carry no headers, so only a custom fetch can read Retry-After",
  endpoint: ["endpointUrl"],
  billTo: { note: "new InferenceClient(token, { billTo }) or per call { billTo } (3.7 and later)", option: "billTo" },
};

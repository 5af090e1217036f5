// @huggingface/inference (JS): what a client's method names say, for calls on a client this file did not build
// (imported from another module). Task names as exported by the package's `tasks` folder (v2-v4).
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

// huggingface_hub (Python): what an InferenceClient's method names say, for calls on a client this file did not
// build (imported from another module), and the legacy InferenceApi class.

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

/**
 * `huggingface_hub.inference_api.InferenceApi` (deprecated since 0.19, removed in 1.0): the object is called
 * directly (`api(inputs=...)`), one POST to api-inference.huggingface.co per call, no retry, and a 429 surfaces
 * as an HTTPError from `raise_for_status` (docs/hf-facts.md, "Hosts" and "Version gates").
 */
export const INFERENCE_API_CLASSES = ["huggingface_hub.inference_api.InferenceApi", "huggingface_hub.InferenceApi"];

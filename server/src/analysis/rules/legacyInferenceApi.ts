// HF007: api-inference.huggingface.co is the deprecated serverless API; the router replaces it.
import { legacyUrlFix } from "../fixes/legacyUrl";
import { createRule } from "./createRule";

export const legacyInferenceApi = createRule({
  meta: {
    code: "HF007",
    name: "legacy-inference-api",
    defaultSeverity: "info",
    summary: "a call to the deprecated `api-inference.huggingface.co`",
    messages: {
      legacy:
        "api-inference.huggingface.co is the deprecated serverless Inference API; use the router (https://router.huggingface.co/hf-inference/models/...).",
    },
  },
  call(call) {
    return call.surface === "legacy" ? [{ messageId: "legacy", span: call.span, call }] : [];
  },
  // A legacy client is reported on itself only when none of its calls is (they carry the same fix).
  client(client, index, { callsOf }) {
    if (client.surface !== "legacy" || callsOf(index).some((c) => c.surface === "legacy")) return [];
    return [{ messageId: "legacy", span: client.span, client }];
  },
  fixes: (ctx) => legacyUrlFix(ctx),
});

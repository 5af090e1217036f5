// HF007: api-inference.huggingface.co is the deprecated serverless API; the router replaces it.
import { legacyUrlFix } from "../fixes/legacyUrl";
import { createRule, type Report } from "./createRule";

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
  check({ model }) {
    const reportedClients = new Set<number>();
    const reports: Report<"legacy">[] = model.calls
      .filter((call) => call.surface === "legacy")
      .map((call) => {
        if (call.client !== undefined) reportedClients.add(call.client);
        return { messageId: "legacy", span: call.span, call };
      });
    model.clients.forEach((client, i) => {
      if (client.surface === "legacy" && !reportedClients.has(i))
        reports.push({ messageId: "legacy", span: client.span, client });
    });
    return reports;
  },
  fixes: (ctx) => legacyUrlFix(ctx),
});

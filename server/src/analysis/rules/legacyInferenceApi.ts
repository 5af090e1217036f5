// HF007: api-inference.huggingface.co is the deprecated serverless API; the router replaces it.
import type { Finding, Rule } from "./types";

const MESSAGE =
  "api-inference.huggingface.co is the deprecated serverless Inference API; use the router (https://router.huggingface.co/hf-inference/models/...).";

export const legacyInferenceApi: Rule = {
  code: "HF007",
  check({ model }) {
    const reportedClients = new Set<number>();
    const findings: Finding[] = model.calls
      .filter((call) => call.surface === "legacy")
      .map((call) => {
        if (call.client !== undefined) reportedClients.add(call.client);
        return { code: "HF007", span: call.span, call, message: MESSAGE };
      });
    model.clients.forEach((client, i) => {
      if (client.surface === "legacy" && !reportedClients.has(i)) {
        findings.push({ code: "HF007", span: client.span, client, message: MESSAGE });
      }
    });
    return findings;
  },
};

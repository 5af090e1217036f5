// smolagents: InferenceClientModel (HfApiModel before 1.14) wraps huggingface_hub's InferenceClient; it retries
// rate limits itself from 1.23 (docs/hf-facts.md, "Version gates").
import type { PythonProfile } from "./types";

export const smolagentsProfile: PythonProfile = {
  language: "python",
  id: "smolagents",
  modules: ["smolagents"],
  prefilter: ["smolagents"],
  versions: { key: "smolagents", names: ["smolagents"] },
  clients: [
    { qualified: "smolagents.InferenceClientModel", kind: "smolagents-model" },
    { qualified: "smolagents.HfApiModel", kind: "smolagents-model" },
    { qualified: "smolagents.CodeAgent", kind: "smolagents-agent" },
    { qualified: "smolagents.ToolCallingAgent", kind: "smolagents-agent" },
  ],
  // Its errors are huggingface_hub's (the model calls InferenceClient).
  on429: {
    raises: "smolagents",
    caught: [
      { type: "huggingface_hub.HfHubHTTPError" },
      { type: "httpx.HTTPError", hub: 1 },
      { type: "requests.HTTPError", hub: 0 },
      { type: "requests.RequestException", hub: 0 },
      { type: "IOError", hub: 0 },
      { type: "OSError", hub: 0 },
    ],
  },
  selfRetry: "from 1.23 (retry=True by default); not before",
  billTo: "InferenceClientModel(bill_to=...) from 1.15",
};

// smolagents: InferenceClientModel (HfApiModel before 1.14) wraps huggingface_hub's InferenceClient; it retries
// rate limits itself from 1.23 (docs/hf-facts.md, "Version gates").
import { HF_HUB_ERRORS_CAUGHT } from "./huggingfaceHub";
import type { PythonProfile } from "./types";

/** What sends a request: a model's generate methods (and calling the model), an agent's run. */
export const SMOLAGENTS_MODEL_METHODS = new Set(["generate", "generate_stream", "__call__"]);
export const SMOLAGENTS_AGENT_METHODS = new Set(["run"]);

export const smolagentsProfile: PythonProfile = {
  language: "python",
  id: "smolagents",
  modules: ["smolagents"],
  prefilter: { needs: "names" },
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
    caught: HF_HUB_ERRORS_CAUGHT,
  },
  builtinRetry: {
    note: "smolagents retries rate limits (>= 1.23)",
    since: "1.23.0",
    off: { option: "retry", value: "False", note: "retry=False switches off smolagents' retries" },
  },
  selfRetry: "from 1.23 (retry=True by default); not before",
  billTo: { note: "InferenceClientModel(bill_to=...) from 1.15", option: "bill_to" },
};

// aiohttp (Python): a 429 is a response; raise_for_status() (or raise_for_status=True on the session) raises
// ClientResponseError.
import type { PythonProfile } from "./types";

export const aiohttpProfile: PythonProfile = {
  language: "python",
  id: "aiohttp",
  modules: ["aiohttp"],
  prefilter: ["hugging", "hf"],
  clients: [{ qualified: "aiohttp.ClientSession", kind: "aiohttp-session", isAsync: true }],
  on429: {
    raises: "aiohttp-response",
    caught: [{ type: "aiohttp.ClientResponseError" }, { type: "aiohttp.ClientError" }],
  },
  selfRetry: "never",
  billTo: "X-HF-Bill-To in headers=",
};

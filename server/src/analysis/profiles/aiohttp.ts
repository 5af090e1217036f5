// aiohttp (Python): a 429 is a response; raise_for_status() (or raise_for_status=True on the session) raises
// ClientResponseError.
import { HTTP_VERBS } from "./requests";
import type { PythonProfile } from "./types";

export const aiohttpProfile: PythonProfile = {
  language: "python",
  id: "aiohttp",
  modules: ["aiohttp"],
  prefilter: { needs: "hf-destination" },
  clients: [{ qualified: "aiohttp.ClientSession", kind: "aiohttp-session", isAsync: true }],
  on429: {
    raises: "aiohttp-response",
    caught: [{ type: "aiohttp.ClientResponseError" }, { type: "aiohttp.ClientError" }],
  },
  errorTypes: {
    status: ["aiohttp.ClientResponseError"],
    transport: [
      "aiohttp.ClientConnectionError",
      "aiohttp.ClientConnectorError",
      "aiohttp.ClientOSError",
      "aiohttp.ServerConnectionError",
      "aiohttp.ServerDisconnectedError",
      "aiohttp.ServerTimeoutError",
      "aiohttp.ConnectionTimeoutError",
      "aiohttp.SocketTimeoutError",
      "aiohttp.ClientPayloadError",
    ],
  },
  raisesThrough: { method: "raise_for_status", option: "raise_for_status" },
  http: { methods: [...HTTP_VERBS, "request"], verbFirst: ["request"] },
  selfRetry: "never",
  billTo: { note: "X-HF-Bill-To in headers=", callHeaders: ["headers"] },
};

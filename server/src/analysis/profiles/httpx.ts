// httpx (Python): a raw HTTP client. A 429 is a Response until raise_for_status() raises HTTPStatusError; the
// transport's retries= covers failed connections only (docs/hf-facts.md, "Retry libraries").
import { HTTP_VERBS } from "./requests";
import type { PythonProfile } from "./types";

export const httpxProfile: PythonProfile = {
  language: "python",
  id: "httpx",
  modules: ["httpx"],
  prefilter: { needs: "hf-destination" },
  clients: [
    { qualified: "httpx.Client", kind: "httpx-client" },
    { qualified: "httpx.AsyncClient", kind: "httpx-client", isAsync: true },
  ],
  on429: { raises: "response", caught: [{ type: "httpx.HTTPStatusError" }, { type: "httpx.HTTPError" }] },
  // httpx's HTTPStatusError keeps the status on its response only.
  errorShape: {
    right: ["response"],
    wrong: ["status", "status_code", "code", "http_status"],
    fix: "HTTPError exposes err.response.status_code",
  },
  // RequestError is the base of every error raised without a response (TransportError, DecodingError, ...).
  errorTypes: {
    status: ["httpx.HTTPStatusError"],
    transport: [
      "httpx.RequestError",
      "httpx.TransportError",
      "httpx.TimeoutException",
      "httpx.ConnectTimeout",
      "httpx.ReadTimeout",
      "httpx.WriteTimeout",
      "httpx.PoolTimeout",
      "httpx.NetworkError",
      "httpx.ConnectError",
      "httpx.ReadError",
      "httpx.WriteError",
      "httpx.CloseError",
      "httpx.ProtocolError",
      "httpx.LocalProtocolError",
      "httpx.RemoteProtocolError",
      "httpx.ProxyError",
      "httpx.UnsupportedProtocol",
      "httpx.DecodingError",
      "httpx.TooManyRedirects",
    ],
  },
  // `stream(method, url)` (client or module) streams one request.
  raisesThrough: { method: "raise_for_status" },
  http: { methods: [...HTTP_VERBS, "request", "stream"], verbFirst: ["request", "stream"], moduleFunctions: true },
  connectionRetries: {
    option: "retries",
    note: "httpx transport retries= only retries connection failures, never a 429",
  },
  selfRetry: "never a status code (HTTPTransport(retries=) retries connections only)",
  billTo: { note: "X-HF-Bill-To in headers=", callHeaders: ["headers"] },
};

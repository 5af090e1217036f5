// requests (Python): a raw HTTP client. A 429 comes back as a Response; only raise_for_status() turns it into an
// HTTPError, which is what tenacity/backoff need to fire (docs/hf-facts.md, "Retry libraries").
import type { PythonProfile } from "./types";

/** The HTTP verbs Python and JS HTTP clients name their request methods after (`session.post`, `axios.get`). */
export const HTTP_VERBS = ["get", "post", "put", "patch", "delete", "head", "options"];

export const requestsProfile: PythonProfile = {
  language: "python",
  id: "requests",
  modules: ["requests"],
  // An HF call through requests names an HF URL or token.
  prefilter: { needs: "hf-destination" },
  clients: [
    { qualified: "requests.Session", kind: "requests-session" },
    { qualified: "requests.session", kind: "requests-session" },
  ],
  on429: {
    raises: "response",
    caught: [{ type: "requests.HTTPError" }, { type: "requests.RequestException" }, { type: "OSError" }],
  },
  // requests's HTTPError keeps the status on its response only.
  errorShape: {
    right: ["response"],
    wrong: ["status", "status_code", "code", "http_status"],
    fix: "HTTPError exposes err.response.status_code",
  },
  errorTypes: {
    status: ["requests.HTTPError"],
    transport: [
      "requests.ConnectionError",
      "requests.Timeout",
      "requests.ConnectTimeout",
      "requests.ReadTimeout",
      "requests.SSLError",
      "requests.ProxyError",
      "requests.ChunkedEncodingError",
      "requests.ContentDecodingError",
    ],
  },
  raisesThrough: { method: "raise_for_status" },
  http: { methods: [...HTTP_VERBS, "request"], verbFirst: ["request"], moduleFunctions: true },
  // HTTPAdapter(max_retries=3) builds Retry(3, read=False): connection errors only (urllib3's Retry, read as
  // configuredRetry, is what retries statuses).
  connectionRetries: {
    option: "max_retries",
    note: "HTTPAdapter(max_retries=<int>) retries connection failures only, never a 429",
  },
  selfRetry: "never by itself; a urllib3 Retry mounted on a Session (see urllib3)",
  billTo: { note: "X-HF-Bill-To in headers=", callHeaders: ["headers"] },
};

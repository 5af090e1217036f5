// axios: throws on 429 with err.response.status; retries only through axios-retry.
import { HTTP_VERBS } from "./requests";
import type { JsProfile } from "./types";

export const axiosProfile: JsProfile = {
  language: "js",
  id: "axios",
  modules: ["axios"],
  prefilter: { needs: "hf-destination" },
  factories: [
    { qualified: "axios.default.create", kind: "axios" },
    { qualified: "axios.create", kind: "axios" },
  ],
  errorShape: { raises: "axios", right: /\.response\??\.status\b|\.status\b/ },
  http: { methods: [...HTTP_VERBS, "request"], callables: ["axios.default"] },
  selfRetry: "never by itself (see axios-retry)",
  endpoint: ["baseURL"],
  billTo: { note: "X-HF-Bill-To in headers" },
};

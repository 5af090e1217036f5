// ky: throws HTTPError (err.response.status); its built-in retry honours Retry-After but leaves POST out of its
// default methods (docs/hf-facts.md, "Retry libraries").
import { HTTP_VERBS } from "./requests";
import type { JsProfile } from "./types";

export const kyProfile: JsProfile = {
  language: "js",
  id: "ky",
  modules: ["ky"],
  prefilter: { needs: "hf-destination" },
  factories: [
    { qualified: "ky.default.create", kind: "ky" },
    { qualified: "ky.default.extend", kind: "ky" },
  ],
  errorShape: { raises: "ky", right: /\.response\??\.status\b/ },
  // ky.get/post/put/patch/head/delete; no options() or request().
  http: { methods: HTTP_VERBS.filter((v) => v !== "options"), callables: ["ky.default"] },
  // Its built-in retry, set by the `retry` option of ky.create()/extend() or of a request: a number is the limit.
  configuredRetry: {
    retries: "ky",
    limits: ["limit"],
    off: /^0$|limit\s*:\s*0\b/,
    // Defaults: get, put, head, delete, options, trace (POST and PATCH left out); compared lower case.
    methods: { options: ["methods"], defaults: ["get", "put", "head", "delete", "options", "trace"] },
    // Default statusCodes 408, 413, 429, 500, 502, 503, 504; afterStatusCodes 413, 429, 503 wait for Retry-After.
    statuses: "statusCodes",
    default429: "always",
    honoursRetryAfter: true,
    retryAfterOption: "afterStatusCodes",
  },
  selfRetry: "2 retries, Retry-After honoured, not for POST unless retry.methods includes it",
  endpoint: ["prefixUrl"],
  billTo: { note: "X-HF-Bill-To in headers" },
};

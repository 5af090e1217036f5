// got: throws HTTPError (err.response.statusCode); its built-in retry honours Retry-After but leaves POST out of
// its default methods (docs/hf-facts.md, "Retry libraries").
import { HTTP_VERBS } from "./requests";
import type { JsProfile } from "./types";

export const gotProfile: JsProfile = {
  language: "js",
  id: "got",
  modules: ["got"],
  prefilter: { needs: "hf-destination" },
  factories: [{ qualified: "got.default.extend", kind: "got" }],
  errorShape: {
    raises: "got",
    right: /\.response\??\.statusCode\b/,
    wrong: { re: /\.response\??\.status\b(?!Code)/, fix: "got errors expose err.response.statusCode" },
  },
  // got.get/post/put/patch/head/delete; no options() or request().
  http: { methods: HTTP_VERBS.filter((v) => v !== "options"), callables: ["got.default"] },
  // Its built-in retry, set by the `retry` option of got.extend() or of a request: a number is the limit.
  configuredRetry: {
    retries: "got",
    limits: ["limit"],
    off: /^0$|limit\s*:\s*0\b/,
    // Defaults: GET, PUT, HEAD, DELETE, OPTIONS, TRACE (POST and PATCH left out).
    methods: { options: ["methods"], defaults: ["get", "put", "head", "delete", "options", "trace"] },
    // Default statusCodes 408, 413, 429, 500, 502, 503, 504, 521, 522, 524; Retry-After is waited up to
    // maxRetryAfter.
    statuses: "statusCodes",
    default429: "always",
    honoursRetryAfter: true,
    retryAfterOption: "maxRetryAfter",
  },
  selfRetry: "2 retries, Retry-After honoured, not for POST unless retry.methods includes it",
  endpoint: ["prefixUrl"],
  billTo: { note: "X-HF-Bill-To in headers" },
};

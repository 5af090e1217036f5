// @huggingface/hub (JS): Hub API functions (whoAmI, listModels, downloads). No retry; a 429 throws HubApiError
// with statusCode (docs/hf-facts.md, "What each client does on 429").
import type { JsProfile } from "./types";

/** Its functions that move files (the hub-download surface); every other lower-case export is a Hub API call. */
export const HUB_JS_DOWNLOADS = new Set([
  "downloadFile",
  "downloadFileToCacheDir",
  "snapshotDownload",
  "uploadFile",
  "uploadFiles",
  "commit",
]);

export const huggingfaceHubJsProfile: JsProfile = {
  language: "js",
  id: "@huggingface/hub",
  modules: ["@huggingface/hub"],
  prefilter: { needs: "module" },
  errorShape: {
    raises: "hubjs",
    right: /\.statusCode\b|\.message\b/,
    wrong: { re: /\.response\??\.status/, fix: "@huggingface/hub errors expose err.statusCode" },
  },
  selfRetry: "never",
};

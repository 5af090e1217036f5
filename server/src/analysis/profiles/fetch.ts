// fetch (global): resolves with a Response on 429 and never throws for a status, so a catch around it never sees
// a 429 unless the code throws on `!res.ok` itself.
import type { JsProfile } from "./types";

export const fetchProfile: JsProfile = {
  language: "js",
  id: "fetch",
  modules: ["node-fetch", "undici", "cross-fetch"],
  globals: ["fetch"],
  // An HF call through fetch names an HF URL or token.
  prefilter: { needs: "hf-destination" },
  errorShape: { raises: "fetch", right: /./ },
  http: { callables: ["fetch", "globalThis.fetch", "node-fetch.default", "undici.fetch"] },
  selfRetry: "never",
  billTo: { note: "X-HF-Bill-To in headers" },
};

// Which HF surface a URL reaches (docs/hf-facts.md, "Hosts"). Shared by both frontends and the profiles.

export type HostKind = "router" | "router-models" | "legacy" | "endpoint" | "hub" | "hub-download" | "other";

/** Classifies a (possibly partially known) URL; "other" when it is not an HF host. */
export function classifyUrl(url: string, method = "post"): HostKind {
  const u = url.toLowerCase();
  if (/(^|\/\/|\.)router\.huggingface\.co/.test(u)) {
    if (/router\.huggingface\.co\/v1\/models/.test(u) && method === "get") return "router-models";
    return "router";
  }
  if (/api-inference\.huggingface\.co/.test(u)) return "legacy";
  if (/\.endpoints\.huggingface\.cloud/.test(u)) return "endpoint";
  if (/(^|\/\/)(www\.)?huggingface\.co\/api\//.test(u) || /(^|\/\/)(www\.)?huggingface\.co\/api$/.test(u)) return "hub";
  if (/(^|\/\/)(www\.)?huggingface\.co\/.+\/resolve\//.test(u)) return "hub-download";
  return "other";
}

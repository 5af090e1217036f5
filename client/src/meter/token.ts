// Where the HF token comes from, in the order HF's own tools use (docs/hf-facts.md, "Tokens"), after the token saved
// through the "Set Hugging Face Token" command in VS Code's SecretStorage. Every token is trimmed and checked before
// use: a pasted line break or control character would otherwise reach an HTTP header, whose error names the value.
import * as path from "node:path";

export interface TokenSource {
  /** Empty when `problem` is set. */
  token: string;
  from: "secret storage" | "HF_TOKEN" | "HUGGING_FACE_HUB_TOKEN" | "token file";
  /** Why the token found there cannot be used (never quotes any part of it). */
  problem?: string;
}

/** A token trimmed of surrounding whitespace, or why it is unusable. Messages never contain the token. */
export function checkToken(raw: string): { token: string } | { problem: string } {
  const token = raw.trim();
  if (!token) return { problem: "the token is empty" };
  // Printable ASCII without spaces: HF tokens are `hf_` + letters and digits; anything else breaks the header.
  if (/[\r\n]/.test(token)) return { problem: "the token contains a line break (paste it again as one line)" };
  if (hasControl(token)) return { problem: "the token contains a control character" };
  if (/\s/.test(token)) return { problem: "the token contains a space" };
  if (/[^\u0021-\u007e]/.test(token)) return { problem: "the token contains a character outside printable ASCII" };
  return { token };
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

export function discoverToken(
  secret: string | undefined,
  env: Record<string, string | undefined>,
  readFile: (p: string) => string | undefined,
  home: string,
): TokenSource | undefined {
  const file =
    env.HF_TOKEN_PATH ||
    (env.HF_HOME ? path.join(env.HF_HOME, "token") : path.join(home, ".cache", "huggingface", "token"));
  const candidates: [TokenSource["from"], () => string | undefined][] = [
    ["secret storage", () => secret],
    ["HF_TOKEN", () => env.HF_TOKEN],
    ["HUGGING_FACE_HUB_TOKEN", () => env.HUGGING_FACE_HUB_TOKEN],
    ["token file", () => readFile(file)],
  ];
  for (const [from, read] of candidates) {
    const raw = read();
    if (!raw?.trim()) continue;
    const checked = checkToken(raw);
    return "token" in checked
      ? { token: checked.token, from }
      : { token: "", from, problem: `${checked.problem} (from ${from})` };
  }
  return undefined;
}

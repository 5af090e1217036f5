// Where the HF token comes from, in the order HF's own tools use (docs/hf-facts.md, "Tokens"), after the token saved
// through the "Set Hugging Face Token" command in VS Code's SecretStorage.
import * as path from "node:path";

export interface TokenSource {
  token: string;
  from: "secret storage" | "HF_TOKEN" | "HUGGING_FACE_HUB_TOKEN" | "token file";
}

export function discoverToken(
  secret: string | undefined,
  env: Record<string, string | undefined>,
  readFile: (p: string) => string | undefined,
  home: string,
): TokenSource | undefined {
  if (secret?.trim()) return { token: secret.trim(), from: "secret storage" };
  if (env.HF_TOKEN?.trim()) return { token: env.HF_TOKEN.trim(), from: "HF_TOKEN" };
  if (env.HUGGING_FACE_HUB_TOKEN?.trim()) return { token: env.HUGGING_FACE_HUB_TOKEN.trim(), from: "HUGGING_FACE_HUB_TOKEN" };
  const file = env.HF_TOKEN_PATH || (env.HF_HOME ? path.join(env.HF_HOME, "token") : path.join(home, ".cache", "huggingface", "token"));
  const text = readFile(file)?.trim();
  return text ? { token: text, from: "token file" } : undefined;
}

// The token never appears in logs, errors or output: every string that leaves the meter goes through here.

const TOKEN_SHAPE = /\bhf_[A-Za-z0-9]{8,}\b/g;

export function redact(text: string, secrets: (string | undefined)[] = []): string {
  let out = text.replace(TOKEN_SHAPE, "hf_***");
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("***");
  return out;
}

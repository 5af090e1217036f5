// The token never appears in logs, errors or output: every string that leaves the meter goes through here.
// The exact secrets go first: replacing `hf_...` shapes first would change the text around a secret so that it no
// longer matches, and its tail would show. A secret with a line break or spaces is also removed piece by piece
// (an error message may quote it split or escaped).

const TOKEN_SHAPE = /\bhf_[A-Za-z0-9]{8,}/g;

export function redact(text: string, secrets: (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (!s) continue;
    for (const variant of [s, s.trim(), JSON.stringify(s).slice(1, -1)])
      if (variant.length >= 4) out = out.split(variant).join("***");
    for (const piece of pieces(s)) if (piece.length >= 4) out = out.split(piece).join("***");
  }
  return out.replace(TOKEN_SHAPE, "hf_***");
}

/** The runs of a secret between whitespace and control characters. */
function pieces(secret: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const ch of secret) {
    const c = ch.charCodeAt(0);
    if (c <= 0x20 || c === 0x7f || /\s/.test(ch)) {
      if (current) out.push(current);
      current = "";
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

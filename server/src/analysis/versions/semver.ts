// Version comparison for the version gates in docs/hf-facts.md. Unknown versions count as the newest.

function parts(v: string): number[] {
  return v
    .replace(/^[^\d]*/, "")
    .split(/[.+-]/)
    .slice(0, 3)
    .map((p) => parseInt(p, 10) || 0);
}

/** True when `version` is at least `min`, or unknown. */
export function atLeast(version: string | undefined, min: string): boolean {
  if (!version) return true;
  const a = parts(version);
  const b = parts(min);
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

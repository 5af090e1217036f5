// The one retry policy of HF Rate Guard: what the inserted helpers do and what the credit meter does when HF
// throttles it. Exponential backoff with full jitter, bounded, honouring Retry-After (docs/hf-facts.md, "Rate limits").

export const BACKOFF = {
  baseMs: 1000,
  capMs: 60_000,
  attempts: 5,
  retryStatuses: [429, 500, 502, 503, 504] as readonly number[],
} as const;

/** Full jitter: a random wait between 0 and the capped exponential backoff for this attempt (0-based). */
export function fullJitterDelayMs(attempt: number, random: () => number = Math.random): number {
  return random() * Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** attempt);
}

/** Milliseconds a Retry-After header value asks for (delta-seconds or an HTTP-date), or undefined. */
export function retryAfterMs(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (!Number.isNaN(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

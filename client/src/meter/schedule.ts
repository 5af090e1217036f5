// Every delay before the meter calls HF again is bounded here. Unbounded, a refreshMinutes past the 32-bit timer
// limit (about 35,792 minutes) or not a number, or a 429 whose Retry-After is 0, negative, a past date or huge,
// made a loop of about one request per millisecond with the user's token.

/** No sooner than this after any refresh the meter schedules itself (a user's Refresh is not delayed). */
export const MIN_DELAY_MS = 30_000;
/** No later than this: the numbers never go unrefreshed for longer (and timers stay far below 2^31 ms). */
export const MAX_DELAY_MS = 6 * 60 * 60_000;
const DEFAULT_MINUTES = 10;

export function clampDelay(ms: number | undefined): number {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return MIN_DELAY_MS;
  return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, ms));
}

/** refreshMinutes as given (any JSON value), as a usable number of minutes: 1 to 1440, else the default. */
export function refreshMinutes(value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return DEFAULT_MINUTES;
  return Math.min(1440, Math.max(1, value));
}

/** The regular delay: refreshMinutes spread by ±20% (several windows do not call HF together), bounded. */
export function regularDelayMs(minutes: unknown, random = Math.random()): number {
  return clampDelay(refreshMinutes(minutes) * 60_000 * (0.8 + random * 0.4));
}

/**
 * The refreshMinutes to use from the values each settings scope holds: a workspace (or folder) value may only make
 * refreshes rarer than the user's (or the default), never more frequent.
 */
export function userFirstMinutes(
  scopes:
    | { defaultValue?: unknown; globalValue?: unknown; workspaceValue?: unknown; workspaceFolderValue?: unknown }
    | undefined,
): number {
  const user = refreshMinutes(scopes?.globalValue ?? scopes?.defaultValue);
  const fromWorkspace = [scopes?.workspaceValue, scopes?.workspaceFolderValue]
    .filter((v) => v !== undefined)
    .map(refreshMinutes);
  return Math.max(user, ...fromWorkspace);
}

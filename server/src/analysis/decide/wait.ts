// Which calls are a retry's wait, and which argument holds the delay, decided once for both languages: a sleep
// (`time.sleep(d)`, `asyncio.sleep(d)`, a user's `sleep(ms)`), the delay helpers JS code writes (`delay(ms)`,
// `wait(ms)`, `setTimeoutPromise(ms)`, `event.wait(d)` in Python) and `setTimeout(resolve, ms)`, whose delay comes
// second. The frontend finds the calls; the delay's text (with what its names were assigned) decides the jitter.

/** Delay helpers by name (the callee's last name), and the argument holding the delay. */
const WAITS = new Map([
  ["sleep", 0],
  ["delay", 0],
  ["wait", 0],
  ["setTimeoutPromise", 0],
  ["setTimeout", 1],
]);

/**
 * A timer whose callback aborts something (`setTimeout(() => controller.abort(), 30_000)`) bounds a request's
 * duration: a timeout, not a wait before the next attempt.
 */
const ABORTS = /\babort\s*\(/;

/**
 * The index of the argument holding a call's delay, or undefined when the call (its callee's last name, and the
 * text of its first argument when it has one) is no wait.
 */
export function waitArgument(callee: string, firstArgument?: string): number | undefined {
  const index = WAITS.get(callee);
  if (index !== undefined && index > 0 && firstArgument !== undefined && ABORTS.test(firstArgument)) return undefined;
  return index;
}

const WAIT_CALL = new RegExp(`\\b(${[...WAITS.keys()].join("|")})\\b`);

/** Whether code names a wait (a hook that waits itself: `await sleep(...)`, `setTimeout(r, ...)`). */
export function callsWait(text: string): boolean {
  return WAIT_CALL.test(text);
}

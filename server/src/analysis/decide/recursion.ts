// Whether a function goes round again by calling itself (a recursive retry), decided once for both languages. The
// frontend reports the last names of the callees in the part that would retry (a handler's block, a helper's body):
// `fetch(...)`, `self.fetch(...)` and `this.fetch(...)` all call `fetch` again.

/** Whether `callees` (last names of the callees called there) call function `name` again. */
export function callsItself(name: string | undefined, callees: Iterable<string>): boolean {
  if (!name) return false;
  for (const c of callees) if (c === name) return true;
  return false;
}

// Whether a handler's 429 test can fire, given the shape of the error it catches: decided once, from the shapes the
// library profiles state (profiles/types.ts ErrorShape; docs/hf-facts.md, "What each client does on 429"). A test
// that reads the status where the error does not keep it (`err.status` on an @huggingface/inference error,
// `err.response.status` on a got error) never matches, so the 429 branch never runs.
import type { PackageVersions } from "../model";
import type { ErrorShape, PyErrorShape } from "../profiles/types";
import { decidingText } from "../retryHeuristics";
import { testsFor429 } from "./handler";
import { escapeRegExp as escape } from "../text";

/** The reason a 429 test on the wrong shape never fires (`handler`: "the catch", "the except clause"). */
export function wrongShapeReason(handler: string, fix: string): string {
  return `${handler} tests the wrong error shape (${fix}), so its 429 branch never fires`;
}

/**
 * Why a catch's 429 test never fires on the error it catches, or undefined when it can (or tests nothing).
 * `hasVersion`: whether the project's version of a package is at least the one given (unknown counts as new).
 */
export function catchShapeTrap(
  shape: ErrorShape | undefined,
  handlerText: string,
  hasVersion: (pkg: keyof PackageVersions, version: string) => boolean,
): string | undefined {
  if (!shape || !testsFor429(handlerText)) return undefined;
  // Judged on the lines that decide the 429 branch, not a log line reading the error elsewhere.
  const deciding = decidingText(handlerText);
  const since = shape.since;
  if (since && !hasVersion(since.package, since.version) && since.reads.test(deciding))
    return `${since.before}, so the 429 test never matches`;
  if (shape.wrong && shape.wrong.re.test(deciding) && !shape.right.test(deciding))
    return wrongShapeReason("the catch", shape.wrong.fix);
  return undefined;
}

/**
 * Why an except clause's 429 branch never fires on the error it binds to `name`, or undefined when it can (or no
 * test decides on 429): every test deciding the branch (`tests`, with the names assigned in the handler replaced
 * by their values) reads the status where the error does not keep it (`err.status`, `getattr(err, "status_code")`)
 * and nowhere it does (the shape's `right` attributes, or the message: `str(err)`, `err.args`, `f"{err}"`).
 */
export function exceptShapeTrap(
  shape: PyErrorShape | undefined,
  name: string | undefined,
  tests: string[],
): string | undefined {
  if (!shape || !name || !tests.length) return undefined;
  const e = escape(name);
  const wrongs = shape.wrong.join("|");
  const wrong = new RegExp(`\\b${e}\\.(${wrongs})\\b|getattr\\(\\s*${e}\\s*,\\s*["'](${wrongs})["']`);
  const right = new RegExp(
    `\\b${e}\\.(${shape.right.join("|")})\\b|\\bstr\\(\\s*${e}\\s*\\)|\\b${e}\\.args\\b|f["'].*\\{${e}\\}`,
  );
  return tests.every((t) => wrong.test(t) && !right.test(t))
    ? wrongShapeReason("the except clause", shape.fix)
    : undefined;
}

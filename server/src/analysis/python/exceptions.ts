// Which except clauses catch what an HF call raises on 429 (docs/hf-facts.md, "What each client does on 429"); the
// types each library raises come from its profile (profiles/).
import type { PyNode } from "./tree";
import type { RaiseKind } from "./calls";
import type { Scope } from "./scope";
import { PY_CAUGHT } from "../profiles";

const BROAD = new Set(["Exception", "BaseException", "builtins.Exception", "builtins.BaseException"]);
/**
 * Python 3's other names for OSError (PEP 3151): an except clause naming one catches what `except OSError` does,
 * so the profiles list OSError alone.
 */
const OS_ERROR_ALIASES = new Set(["EnvironmentError", "IOError", "builtins.EnvironmentError", "builtins.IOError"]);

/** Qualified names of the exception types an except clause names; undefined for a bare `except:`. */
export function caughtTypes(scope: Scope, clause: PyNode): string[] | undefined {
  let value = clause.childForFieldName("value");
  if (!value) return undefined;
  if (value.type === "as_pattern") value = value.namedChildren[0];
  const parts = value.type === "tuple" || value.type === "parenthesized_expression" ? value.namedChildren : [value];
  return parts.map((p) => scope.qualify(p) ?? p.text);
}

export function isBroad(types: string[] | undefined): boolean {
  return types === undefined || types.some((t) => BROAD.has(t));
}

/**
 * Whether an exception type (qualified name) is what `raises` surfaces on 429: a type the profiles list for that
 * raise kind (`root.Name`, matched on the first and last parts so `huggingface_hub.errors.HfHubHTTPError` counts),
 * or a bare builtin name.
 */
export function matches(written: string, raises: RaiseKind, hubMajor1: boolean): boolean {
  if (BROAD.has(written)) return true;
  const type = OS_ERROR_ALIASES.has(written) ? "OSError" : written;
  const short = type.split(".").pop()!;
  const root = type.split(".")[0];
  return (PY_CAUGHT.get(raises) ?? []).some((c) => {
    if (c.hub !== undefined && c.hub !== (hubMajor1 ? 1 : 0)) return false;
    const dot = c.type.indexOf(".");
    if (dot < 0) return short === c.type;
    return root === c.type.slice(0, dot) && short === c.type.slice(c.type.lastIndexOf(".") + 1);
  });
}

export { isRateLimitType } from "../decide/retryLibrary";

export function describeTypes(types: string[] | undefined): string {
  if (!types) return "a bare except";
  return types.map((t) => t.split(".").pop()).join(", ");
}

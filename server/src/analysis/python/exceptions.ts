// Which except clauses catch what an HF call raises on 429 (docs/hf-facts.md, "What each client does on 429").
import type { PyNode } from "./tree";
import type { RaiseKind } from "./calls";
import type { Scope } from "./scope";

const BROAD = new Set(["Exception", "BaseException", "builtins.Exception", "builtins.BaseException"]);

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

/** Whether an exception type (qualified name) is what `raises` surfaces on 429. */
export function matches(type: string, raises: RaiseKind, hubMajor1: boolean): boolean {
  if (BROAD.has(type)) return true;
  const short = type.split(".").pop()!;
  const root = type.split(".")[0];
  const requestsHttp = root === "requests" && ["HTTPError", "RequestException"].includes(short);
  const osError = short === "IOError" || short === "OSError";
  switch (raises) {
    case "hf":
    case "smolagents":
      // 0.x HfHubHTTPError subclasses requests.HTTPError, 1.x subclasses httpx.HTTPError.
      if (short === "HfHubHTTPError" && root === "huggingface_hub") return true;
      if (hubMajor1) return root === "httpx" && short === "HTTPError";
      return requestsHttp || osError;
    case "openai":
      return root === "openai" && ["RateLimitError", "APIStatusError", "APIError", "OpenAIError"].includes(short);
    case "litellm":
      return (
        (root === "litellm" || root === "openai") &&
        ["RateLimitError", "APIError", "APIStatusError", "OpenAIError"].includes(short)
      );
    case "response":
      return requestsHttp || osError || (root === "httpx" && ["HTTPStatusError", "HTTPError"].includes(short));
    case "aiohttp-response":
      return root === "aiohttp" && ["ClientResponseError", "ClientError"].includes(short);
  }
}

/** Rate-limit-specific types: catching one is a 429 branch by itself. */
export function isRateLimitType(type: string): boolean {
  return /RateLimitError$|TooManyRequests/.test(type);
}

export function describeTypes(types: string[] | undefined): string {
  if (!types) return "a bare except";
  return types.map((t) => t.split(".").pop()).join(", ");
}

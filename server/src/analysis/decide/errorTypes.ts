// What an exception type's name says about the failures it stands for, decided once: an HTTP error status (a 429
// or a 402 among them), a failed connection only, or a programming error. The library types are facts of their
// profiles (`errorTypes`, docs/hf-facts.md "What each client does on 429"); a type no profile lists is judged by
// the words of its name (`ConnectionError`, `TimeoutError`, a user's `UpstreamTimeout`).
import { ERROR_TYPES } from "../profiles";

/** Words of a type name that mean a transport failure: no response, so no status to retry on. */
const TRANSPORT_WORDS = /Timeout|Connection|Transport|Network|Decoding|Protocol|RemoteProtocol|ReadError/;

/** Errors of the program itself, never of an HTTP exchange (Python's builtins and json's). */
const PROGRAM_ERRORS = new Set([
  "ValueError",
  "KeyError",
  "TypeError",
  "IndexError",
  "AttributeError",
  "json.JSONDecodeError",
  "StopIteration",
]);

/**
 * Whether qualified type `type` is one of `listed` (`root.Name`): the same last name, and the same root unless
 * `type` is unqualified (a name this file could not resolve).
 */
function listedIn(type: string, listed: readonly string[]): boolean {
  const short = type.slice(type.lastIndexOf(".") + 1);
  const root = type.includes(".") ? type.slice(0, type.indexOf(".")) : undefined;
  return listed.some((l) => l.endsWith(`.${short}`) && (root === undefined || l.startsWith(`${root}.`)));
}

/** An exception type raised for an HTTP error status (huggingface_hub's HfHubHTTPError, httpx's HTTPStatusError). */
export function isStatusError(type: string): boolean {
  return listedIn(type, ERROR_TYPES.status);
}

/** An exception type raised only when no response came (a dropped connection, a timeout): never a 429. */
export function isTransportError(type: string): boolean {
  return listedIn(type, ERROR_TYPES.transport) || TRANSPORT_WORDS.test(type);
}

/** An exception type that can stand for an HTTP error response (a 429 or 402): neither transport nor program error. */
export function mayBeHttpError(type: string): boolean {
  return !PROGRAM_ERRORS.has(type) && !isTransportError(type);
}

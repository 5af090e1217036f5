// The meter's HTTP client: GETs to the validated HF endpoint only, with the token, a timeout, and failures
// turned into values (never thrown), so the meter can degrade instead of popping errors.
import { retryAfterMs } from "../../../shared/src/backoffPolicy";
import { redact } from "./redact";
import { checkToken } from "./token";

export type ApiResult<T> =
  { ok: true; value: T } | { ok: false; status?: number; retryAfterMs?: number; problem: string };

export async function getJson<T>(
  endpoint: string,
  pathAndQuery: string,
  token: string,
  timeoutMs = 10_000,
): Promise<ApiResult<T>> {
  // A token that cannot go into a header is refused here, before fetch's own error could quote it.
  const checked = checkToken(token);
  if (!("token" in checked) || checked.token !== token)
    return { ok: false, problem: "refused: the token is not usable in a header" };
  // No dot segments: a name from settings must never walk the path (`/api/organizations/../..`).
  if (
    pathAndQuery
      .split("?")[0]
      .split("/")
      .some((seg) => /^(\.|%2e){1,2}$/i.test(seg))
  )
    return { ok: false, problem: "refused: a path with dot segments" };
  const url = new URL(pathAndQuery, endpoint);
  // Belt and braces: whatever the path says, the request goes to the endpoint's origin only.
  if (url.origin !== new URL(endpoint).origin)
    return { ok: false, problem: "refused: request outside the HF endpoint" };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
      signal: controller.signal,
      redirect: "error",
    });
    const text = await res.text();
    if (!res.ok)
      return {
        ok: false,
        status: res.status,
        retryAfterMs: retryAfterMs(res.headers.get("retry-after")),
        problem: `HTTP ${res.status}`,
      };
    try {
      return { ok: true, value: JSON.parse(text) as T };
    } catch {
      return { ok: false, status: res.status, problem: "invalid JSON from HF" };
    }
  } catch (err) {
    const e = err as Error;
    return {
      ok: false,
      problem:
        e.name === "AbortError" ? `no answer within ${timeoutMs} ms` : redact(`network error: ${e.message}`, [token]),
    };
  } finally {
    clearTimeout(timer);
  }
}

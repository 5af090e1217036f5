// The meter's HTTP client: GETs to the validated HF endpoint only, with the token, a timeout, and failures
// turned into values (never thrown), so the meter can degrade instead of popping errors.
import { retryAfterMs } from "../../../shared/src/backoffPolicy";
import { redact } from "./redact";

export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; status?: number; retryAfterMs?: number; problem: string };

export async function getJson<T>(endpoint: string, pathAndQuery: string, token: string, timeoutMs = 10_000): Promise<ApiResult<T>> {
  const url = new URL(pathAndQuery, endpoint);
  // Belt and braces: whatever the path says, the request goes to the endpoint's origin only.
  if (url.origin !== new URL(endpoint).origin) return { ok: false, problem: "refused: request outside the HF endpoint" };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" }, signal: controller.signal, redirect: "error" });
    const text = await res.text();
    if (!res.ok) return { ok: false, status: res.status, retryAfterMs: retryAfterMs(res.headers.get("retry-after")), problem: `HTTP ${res.status}` };
    try {
      return { ok: true, value: JSON.parse(text) as T };
    } catch {
      return { ok: false, status: res.status, problem: "invalid JSON from HF" };
    }
  } catch (err) {
    const e = err as Error;
    return { ok: false, problem: e.name === "AbortError" ? `no answer within ${timeoutMs} ms` : redact(`network error: ${e.message}`, [token]) };
  } finally {
    clearTimeout(timer);
  }
}

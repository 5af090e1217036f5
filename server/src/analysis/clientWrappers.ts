// Functions that take a client and hand back a wrapped one for tracing, logging or metrics (observability
// proxies such as `wrap_hf_client(client)` or `traceable(client)`). None of the ones seen in real code retries, so
// the wrapped client is the same client for both frontends; a library that does retry needs its own profile.
export const WRAPPER_NAME =
  /^_?(wrap|trace|traced|traceable|observe|instrument|patch|proxy|monitor|track|with_?(tracing|logging|observability|telemetry|metrics))/i;

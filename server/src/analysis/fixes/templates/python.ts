// The retry helper the HF001 quick fix inserts into Python files. It goes into users' code, so it is written to
// be read: short, commented, standard library only. Its policy is the one in shared/src/backoffPolicy.ts.

export const PY_HELPER_MARKER = "def _hf_retry(";

export const PY_HELPER = `# --- HF Rate Guard: retry for Hugging Face calls ---------------------------------------------
# Retries 429 (rate limited), 500/502/503/504 and connection errors; never 402 (credits exhausted) or
# another 4xx. Waits as long as Retry-After (seconds or HTTP-date) or the Hub's RateLimit header says,
# otherwise exponential backoff with full jitter (1 s base, 60 s cap). Gives up after 5 attempts and
# re-raises the last error. A streaming call is retried only until its first chunk arrives.
import asyncio as _hf_asyncio
import email.utils as _hf_email_utils
import random as _hf_random
import re as _hf_re
import time as _hf_time

_HF_RETRY_STATUSES = {429, 500, 502, 503, 504}
_HF_CONNECTION_ERRORS = {"ConnectionError", "Timeout", "TimeoutError", "TimeoutException", "TransportError",
                         "APIConnectionError", "ClientConnectionError", "ServerDisconnectedError"}


def _hf_status(obj):
    """HTTP status and headers of an error or a response, whichever library made it."""
    source = getattr(obj, "response", None)
    if source is None:
        source = obj
    status = getattr(source, "status_code", None) or getattr(source, "status", None)
    if not isinstance(status, int) or not hasattr(source, "headers"):
        return None, {}
    return status, source.headers or {}


def _hf_header(headers, name):
    value = headers.get(name) if hasattr(headers, "get") else None
    if value is None and isinstance(headers, dict):
        value = next((v for k, v in headers.items() if k.lower() == name), None)
    return value


def _hf_delay(headers, attempt):
    retry_after = _hf_header(headers, "retry-after")
    if retry_after:
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            when = _hf_email_utils.parsedate_to_datetime(retry_after)  # an HTTP-date
            return max(0.0, when.timestamp() - _hf_time.time())
    limit = _hf_header(headers, "ratelimit") or ""
    reset = _hf_re.search(r"t=(\\d+)", limit)
    if reset and _hf_re.search(r"r=0\\b", limit):
        return float(reset.group(1))
    return _hf_random.uniform(0, min(60.0, 1.0 * 2**attempt))


def _hf_should_retry(err):
    status, _ = _hf_status(err)
    if status is not None:
        return status in _HF_RETRY_STATUSES
    return any(cls.__name__ in _HF_CONNECTION_ERRORS for cls in type(err).__mro__)


def _hf_retry(call, *args, **kwargs):
    """Calls call(*args, **kwargs) until it succeeds, retrying rate limits and transient failures."""
    for attempt in range(5):
        last = attempt == 4
        try:
            result = call(*args, **kwargs)
        except Exception as err:
            if last or not _hf_should_retry(err):
                raise
            _hf_time.sleep(_hf_delay(_hf_status(err)[1], attempt))
            continue
        status, headers = _hf_status(result)  # requests/httpx responses do not raise on 429
        if last or status not in _HF_RETRY_STATUSES:
            return result
        _hf_time.sleep(_hf_delay(headers, attempt))


async def _hf_retry_async(call, *args, **kwargs):
    """The async twin of _hf_retry: call(*args, **kwargs) returns an awaitable."""
    for attempt in range(5):
        last = attempt == 4
        try:
            result = await call(*args, **kwargs)
        except Exception as err:
            if last or not _hf_should_retry(err):
                raise
            await _hf_asyncio.sleep(_hf_delay(_hf_status(err)[1], attempt))
            continue
        status, headers = _hf_status(result)  # aiohttp/httpx responses do not raise on 429
        if last or status not in _HF_RETRY_STATUSES:
            return result
        if hasattr(result, "release"):
            result.release()
        await _hf_asyncio.sleep(_hf_delay(headers, attempt))
# --- end of HF Rate Guard retry ----------------------------------------------------------------
`;

export const PY_TENACITY_WAIT_MARKER = "def _hf_tenacity_wait(";

/** A tenacity `wait=` that reads Retry-After from the failed call's response, else waits with full jitter. */
export const PY_TENACITY_WAIT = `def _hf_tenacity_wait(retry_state):
    """tenacity wait: Retry-After (seconds or HTTP-date) when HF sent it, else full-jitter backoff (1 s base, 60 s cap)."""
    import email.utils
    import random
    import time

    error = retry_state.outcome.exception() if retry_state.outcome else None
    response = getattr(error, "response", None)
    value = response.headers.get("retry-after") if response is not None else None
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    return random.uniform(0, min(60.0, 2.0 ** (retry_state.attempt_number - 1)))`;

export const PY_TENACITY_RETRY_MARKER = "def _hf_retry_tenacity(";

/** The tenacity flavour of the HF001 helper, for projects that already use tenacity. Needs _hf_tenacity_wait. */
export const PY_TENACITY_RETRY = `def _hf_retry_tenacity(call):
    """Calls call() with tenacity: retries 429, 500, 502, 503, 504 (never 402), waits on Retry-After, 5 attempts."""
    from tenacity import Retrying, retry_if_exception, stop_after_attempt

    def retryable(error):
        status = getattr(getattr(error, "response", None), "status_code", None)
        return status in (429, 500, 502, 503, 504)

    for attempt in Retrying(retry=retry_if_exception(retryable), wait=_hf_tenacity_wait, stop=stop_after_attempt(5), reraise=True):
        with attempt:
            return call()`;

export const PY_RETRY_AFTER_MARKER = "def _hf_retry_after(";

/** For hand-written loops: the wait the server asked for, else full jitter over the loop's own backoff. */
export const PY_RETRY_AFTER = `def _hf_retry_after(source, fallback):
    """Seconds to wait: Retry-After (seconds or HTTP-date) from an HTTP error or response, else a random
    wait up to \`fallback\` (full jitter)."""
    import email.utils
    import random
    import time

    response = getattr(source, "response", None) or source
    value = (getattr(response, "headers", None) or {}).get("retry-after")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    return random.uniform(0, fallback)`;

export const PY_BACKOFF_WAIT_MARKER = "def _hf_backoff_wait(";

/** A `backoff.runtime` value: Retry-After from the error or response, else a random wait up to 10 s. */
export const PY_BACKOFF_WAIT = `def _hf_backoff_wait(error_or_response):
    """backoff.runtime value: Retry-After (seconds or HTTP-date) when HF sent it, else a random wait up to 10 s."""
    import email.utils
    import random
    import time

    response = getattr(error_or_response, "response", None) or error_or_response
    value = (getattr(response, "headers", None) or {}).get("retry-after")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    return random.uniform(0, 10.0)`;

// The Python code the fixes insert. It goes into users' code, so it is what a careful user would write: small,
// commented, standard library only, and clean under ruff's default rules. Imports sit inside the functions that
// use them, sorted, so inserting a block never touches the file's own import block (nor collides with its names).
// Each block is inserted once per file, only when a fix uses it, with the blocks it needs; one function reads
// Retry-After. The policy is the one in shared/src/backoffPolicy.ts: 429, 500, 502, 503, 504 and connection errors,
// never 402; Retry-After (seconds or HTTP-date), else full jitter (1 s base, 60 s cap); 5 attempts.

export interface Block {
  /** Text that shows the block is already in a file. */
  marker: string;
  text: string;
  /** Blocks this one calls. */
  needs: Block[];
}

/** The one Retry-After reader; also what hand-written loops call (their own wait becomes the jitter cap). */
export const PY_RETRY_AFTER: Block = {
  marker: "def _hf_retry_after(",
  needs: [],
  text: `# HF Rate Guard: retry for Hugging Face calls (429, 5xx, connection errors; never 402)
def _hf_retry_after(source, jitter_cap):
    """Seconds to wait: Retry-After (seconds or HTTP-date) from an HTTP error or response,
    else a random wait up to \`jitter_cap\` (full jitter)."""
    import email.utils
    import random
    import time

    response = getattr(source, "response", None)
    if response is None:
        response = source
    value = (getattr(response, "headers", None) or {}).get("retry-after")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            when = email.utils.parsedate_to_datetime(value)  # an HTTP-date
            return max(0.0, when.timestamp() - time.time())
    return random.uniform(0, jitter_cap)`,
};

/** Whether a failure (an error, or a response that did not raise) is retried, and after how long. */
export const PY_RETRY_DELAY: Block = {
  marker: "def _hf_retry_delay(",
  needs: [PY_RETRY_AFTER],
  text: `def _hf_retry_delay(failure, attempt):
    """Seconds to wait before retrying \`failure\` (an error or a response), or None if it
    must not be retried: only 429, 500, 502, 503, 504 and connection errors are (never 402)."""
    response = getattr(failure, "response", None)
    if response is None:
        response = failure
    status = getattr(response, "status_code", None) or getattr(response, "status", None)
    if isinstance(status, int):
        retryable = status in (429, 500, 502, 503, 504)
    else:
        names = {cls.__name__ for cls in type(failure).__mro__}
        retryable = bool(names & {"ConnectionError", "Timeout", "TimeoutError", "TimeoutException",
                                  "TransportError", "APIConnectionError", "ClientConnectionError"})
    return _hf_retry_after(response, jitter_cap=min(60.0, 2.0**attempt)) if retryable else None`,
};

export const PY_HELPER: Block = {
  marker: "def _hf_retry(",
  needs: [PY_RETRY_DELAY],
  text: `def _hf_retry(call, *args, **kwargs):
    """Calls call(*args, **kwargs); retries rate limits and transient failures, 5 attempts."""
    import time

    for attempt in range(5):
        try:
            result = call(*args, **kwargs)
        except Exception as error:
            delay = _hf_retry_delay(error, attempt)
            if delay is None or attempt == 4:
                raise
        else:
            delay = _hf_retry_delay(result, attempt)  # requests/httpx return a 429
            if delay is None or attempt == 4:
                return result
        time.sleep(delay)`,
};

/** Only in files whose wrapped calls are async. */
export const PY_HELPER_ASYNC: Block = {
  marker: "def _hf_retry_async(",
  needs: [PY_RETRY_DELAY],
  text: `async def _hf_retry_async(call, *args, **kwargs):
    """Awaits call(*args, **kwargs); retries rate limits and transient failures, 5 attempts."""
    import asyncio

    for attempt in range(5):
        try:
            result = await call(*args, **kwargs)
        except Exception as error:
            delay = _hf_retry_delay(error, attempt)
            if delay is None or attempt == 4:
                raise
        else:
            delay = _hf_retry_delay(result, attempt)  # aiohttp/httpx return a 429
            if delay is None or attempt == 4:
                return result
            if hasattr(result, "release"):
                result.release()
        await asyncio.sleep(delay)`,
};

/** A tenacity `wait=`: Retry-After when HF sent it, else full jitter. */
export const PY_TENACITY_WAIT: Block = {
  marker: "def _hf_tenacity_wait(",
  needs: [PY_RETRY_AFTER],
  text: `def _hf_tenacity_wait(retry_state):
    """tenacity wait: Retry-After when HF sent it, else full jitter (1 s base, 60 s cap)."""
    error = retry_state.outcome.exception() if retry_state.outcome else None
    return _hf_retry_after(error, jitter_cap=min(60.0, 2.0 ** (retry_state.attempt_number - 1)))`,
};

/** For the library-based fixes, which retry what raises: the same errors as our own helper retries. */
export const PY_RETRYABLE: Block = {
  marker: "def _hf_retryable(",
  needs: [],
  text: `def _hf_retryable(error):
    """Whether an error is retried: 429, 500, 502, 503, 504 or a connection error (never 402)."""
    status = getattr(getattr(error, "response", None), "status_code", None)
    if isinstance(status, int):
        return status in (429, 500, 502, 503, 504)
    names = {cls.__name__ for cls in type(error).__mro__}
    return bool(names & {"ConnectionError", "Timeout", "TimeoutError", "TimeoutException",
                         "TransportError", "APIConnectionError", "ClientConnectionError"})`,
};

/** HF001 built on tenacity, for projects that depend on it. */
export const PY_TENACITY_RETRY: Block = {
  marker: "def _hf_retry_tenacity(",
  needs: [PY_RETRYABLE, PY_TENACITY_WAIT],
  text: `def _hf_retry_tenacity(call, *args, **kwargs):
    """Calls call(*args, **kwargs) with tenacity: retries 429, 5xx and connection errors (never 402), 5 attempts."""
    from tenacity import Retrying, retry_if_exception, stop_after_attempt

    for attempt in Retrying(retry=retry_if_exception(_hf_retryable), wait=_hf_tenacity_wait,
                            stop=stop_after_attempt(5), reraise=True):
        with attempt:
            return call(*args, **kwargs)`,
};

/** A `backoff.runtime` value: Retry-After from the error or response, else a random wait up to 10 s. */
export const PY_BACKOFF_WAIT: Block = {
  marker: "def _hf_backoff_wait(",
  needs: [PY_RETRY_AFTER],
  text: `def _hf_backoff_wait(error_or_response):
    """backoff.runtime value: Retry-After when HF sent it, else a random wait up to 10 s."""
    return _hf_retry_after(error_or_response, jitter_cap=10.0)`,
};

/** HF001 built on backoff, for projects that depend on it. */
export const PY_BACKOFF_RETRY: Block = {
  marker: "def _hf_retry_backoff(",
  needs: [PY_RETRYABLE, PY_BACKOFF_WAIT],
  text: `def _hf_retry_backoff(call, *args, **kwargs):
    """Calls call(*args, **kwargs) with backoff: retries 429, 5xx and connection errors (never 402), 5 attempts."""
    import backoff

    @backoff.on_exception(backoff.runtime, Exception, value=_hf_backoff_wait, max_tries=5, jitter=None,
                          giveup=lambda error: not _hf_retryable(error))
    def attempt():
        return call(*args, **kwargs)

    return attempt()`,
};

"""httpx transports that add the request budget, retries and redacted DEBUG logging around an inner transport.

The budget slot is taken here, around one attempt: from sending the request to the last byte of its body, which
is read inside the slot (so Inspera has finished with it), and released before any backoff sleep. Requests of the
credential-free client count only when they are Inspera API requests (the token exchange, marked `API_REQUEST`):
its other requests fetch signed export URLs from a storage host, which Inspera's limit does not cover, and holding
a slot through a download of several minutes would starve every other call. Those are streamed, not buffered.

A buffered body is read with a cap on its decoded size (`max_response_bytes`, `inspera._http.capped`). Inside an overall
deadline (`inspera._http.deadline`) an attempt is not started once it has passed, and its timeouts are clamped to the
time left.
"""

from __future__ import annotations

import logging
import time
from typing import Generic, TypeVar

import httpx

from .._budget.budget import API_REQUEST, NEUTRAL, PRIORITY, REFUSED, SUCCESS, Budget
from . import capped as _capped
from . import drive as _drive
from .capped import DEFAULT_MAX_RESPONSE_BYTES
from .deadline import clamp, end
from .redact import redact_url
from .retry import LIMIT_REFUSAL, RetryPolicy, limit_refusal, retry_plan

log = logging.getLogger("inspera")


def _log_outcome(
    request: httpx.Request, started: float, response: httpx.Response | None, error: Exception | None
) -> None:
    if not log.isEnabledFor(logging.DEBUG):
        return
    elapsed = (time.monotonic() - started) * 1000
    url = redact_url(request.url)
    if response is not None:
        log.debug("HTTP %s %s -> %d (%.0f ms)", request.method, url, response.status_code, elapsed)
    else:
        log.debug("HTTP %s %s -> %s (%.0f ms)", request.method, url, type(error).__name__, elapsed)


def _pool_timeout(request: httpx.Request) -> float | None:
    timeout = request.extensions.get("timeout")
    return timeout.get("pool") if timeout else None


def _classify(response: httpx.Response) -> int:
    if limit_refusal(response):
        response.extensions[LIMIT_REFUSAL] = True
        return REFUSED
    return SUCCESS


InnerT = TypeVar("InnerT")
SleepT = TypeVar("SleepT")


class _Retrying(Generic[InnerT, SleepT]):
    """What the blocking and the asyncio retry transports are given; `sleep` None is the mode's own sleep."""

    def __init__(
        self,
        inner: InnerT,
        policy: RetryPolicy,
        sleep: SleepT | None = None,
        *,
        buffer: bool = False,
        budget: Budget | None = None,
        max_response_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self._inner, self._policy, self._sleep = inner, policy, sleep
        self._buffer, self._budget, self._limit = buffer, budget, max_response_bytes


class RetryTransport(_Retrying[httpx.BaseTransport, _drive.SyncSleep], httpx.BaseTransport):
    """Retries what `policy` allows, each attempt inside a slot of `budget`; does not close the shared `inner`.

    With `buffer=True` every request is an API request: its body is read inside the retry loop (a connection
    dropped mid-body is retried like one dropped before the headers), inside its budget slot and up to
    `max_response_bytes` decoded bytes (None: no cap). With `buffer=False` only requests marked `API_REQUEST` are;
    the others are streamed and take no slot.
    """

    def _send(self, request: httpx.Request) -> httpx.Response:
        deadline = end()
        if deadline is not None:
            clamp(request, deadline)
        if not (self._buffer or request.extensions.get(API_REQUEST)):
            return self._attempt(request, False, deadline)
        budget = self._budget
        if budget is None:
            response = self._attempt(request, True, deadline)
            _classify(response)
            return response
        ticket = budget.acquire(_pool_timeout(request), priority=request.extensions.get(PRIORITY, False))
        outcome = NEUTRAL
        try:
            response = self._attempt(request, True, deadline)
            outcome = _classify(response)
        finally:
            budget.release(ticket, outcome)
        return response

    def _attempt(self, request: httpx.Request, buffer: bool, deadline: float | None) -> httpx.Response:
        started = time.monotonic()
        try:
            if deadline is not None:
                clamp(request, deadline)  # again: waiting for a slot took some of the time left
            response = self._inner.handle_request(request)
            if buffer:
                try:
                    _capped.read(request, response, self._limit, deadline)
                finally:
                    response.close()
        except httpx.RequestError as error:
            _log_outcome(request, started, None, error)
            raise
        _log_outcome(request, started, response, None)
        return response

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._sleep is None:
            return _drive.run(retry_plan(self._policy, request), self._send)
        return _drive.run(retry_plan(self._policy, request), self._send, self._sleep)


class AsyncRetryTransport(_Retrying[httpx.AsyncBaseTransport, _drive.AsyncSleep], httpx.AsyncBaseTransport):
    """asyncio counterpart of `RetryTransport`, driving the same retry plan with the same budget."""

    async def _send(self, request: httpx.Request) -> httpx.Response:
        deadline = end()
        if deadline is not None:
            clamp(request, deadline)
        if not (self._buffer or request.extensions.get(API_REQUEST)):
            return await self._attempt(request, False, deadline)
        budget = self._budget
        if budget is None:
            response = await self._attempt(request, True, deadline)
            _classify(response)
            return response
        ticket = await budget.aacquire(_pool_timeout(request), priority=request.extensions.get(PRIORITY, False))
        try:
            response = await self._attempt(request, True, deadline)
        except GeneratorExit:  # finalised on a closed loop, perhaps inside the budget's mutex
            budget.release_finalised(ticket)
            raise
        except BaseException:
            budget.release(ticket, NEUTRAL)
            raise
        budget.release(ticket, _classify(response))
        return response

    async def _attempt(self, request: httpx.Request, buffer: bool, deadline: float | None) -> httpx.Response:
        started = time.monotonic()
        try:
            if deadline is not None:
                clamp(request, deadline)  # again: waiting for a slot took some of the time left
            response = await self._inner.handle_async_request(request)
            if buffer:
                try:
                    await _capped.aread(request, response, self._limit, deadline)
                finally:
                    await response.aclose()
        except httpx.RequestError as error:
            _log_outcome(request, started, None, error)
            raise
        _log_outcome(request, started, response, None)
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._sleep is None:
            return await _drive.arun(retry_plan(self._policy, request), self._send)
        return await _drive.arun(retry_plan(self._policy, request), self._send, self._sleep)


# Default headers of an injected client that are never copied: the facade's bearer token (or none, for signed URLs)
# is the only credential a request may carry.
_NOT_COPIED = frozenset({"authorization"})


def add_default_headers(request: httpx.Request, defaults: httpx.Headers) -> None:
    """Give `request` the injected client's default headers it does not set itself (`send()` would skip them)."""
    headers = request.headers
    for name, value in defaults.multi_items():
        if name not in headers and name.lower() not in _NOT_COPIED:
            headers[name] = value


class ClientTransport(httpx.BaseTransport):
    """Sends through a caller-supplied `httpx.Client` (its TLS, proxies, mounts, hooks and default headers); never
    closes it."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        add_default_headers(request, self._client.headers)
        return self._client.send(request, stream=True, follow_redirects=False)


class AsyncClientTransport(httpx.AsyncBaseTransport):
    """Sends through a caller-supplied `httpx.AsyncClient`; never closes it."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        add_default_headers(request, self._client.headers)
        return await self._client.send(request, stream=True, follow_redirects=False)


class WrongModeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Placed on the generated client's unused side; never reached because the auth flow refuses first."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise RuntimeError("unreachable: the auth flow rejects calls from the wrong client kind")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise RuntimeError("unreachable: the auth flow rejects calls from the wrong client kind")

"""httpx transports that add retries and redacted DEBUG logging around an inner transport."""

from __future__ import annotations

import logging
import time

import httpx

from . import _drive
from ._redact import redact_url
from ._retry import RetryPolicy, retry_plan

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


class RetryTransport(httpx.BaseTransport):
    """Retries what `policy` allows; does not close `inner`, which its owner shares between clients.

    With `buffer=True` the body is read inside the retry loop, so a connection dropped mid-body is retried like
    one dropped before the headers (right for small API answers, wrong for streamed downloads).
    """

    def __init__(
        self,
        inner: httpx.BaseTransport,
        policy: RetryPolicy,
        sleep: _drive.SyncSleep = time.sleep,
        *,
        buffer: bool = False,
    ) -> None:
        self._inner = inner
        self._policy = policy
        self._sleep = sleep
        self._buffer = buffer

    def _send(self, request: httpx.Request) -> httpx.Response:
        started = time.monotonic()
        try:
            response = self._inner.handle_request(request)
            if self._buffer:
                try:
                    response.read()
                finally:
                    response.close()
        except httpx.TransportError as error:
            _log_outcome(request, started, None, error)
            raise
        _log_outcome(request, started, response, None)
        return response

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return _drive.run(retry_plan(self._policy, request), self._send, self._sleep)


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """asyncio counterpart of `RetryTransport`, driving the same retry plan."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        policy: RetryPolicy,
        sleep: _drive.AsyncSleep | None = None,
        *,
        buffer: bool = False,
    ) -> None:
        self._inner = inner
        self._policy = policy
        self._sleep = sleep
        self._buffer = buffer

    async def _send(self, request: httpx.Request) -> httpx.Response:
        started = time.monotonic()
        try:
            response = await self._inner.handle_async_request(request)
            if self._buffer:
                try:
                    await response.aread()
                finally:
                    await response.aclose()
        except httpx.TransportError as error:
            _log_outcome(request, started, None, error)
            raise
        _log_outcome(request, started, response, None)
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._sleep is None:
            return await _drive.arun(retry_plan(self._policy, request), self._send)
        return await _drive.arun(retry_plan(self._policy, request), self._send, self._sleep)


class ClientTransport(httpx.BaseTransport):
    """Sends through a caller-supplied `httpx.Client` (its TLS, proxies, mounts and hooks); never closes it."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._client.send(request, stream=True, follow_redirects=False)


class AsyncClientTransport(httpx.AsyncBaseTransport):
    """Sends through a caller-supplied `httpx.AsyncClient`; never closes it."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._client.send(request, stream=True, follow_redirects=False)



class WrongModeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Placed on the generated client's unused side; never reached because the auth flow refuses first."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise RuntimeError("unreachable: the auth flow rejects calls from the wrong client kind")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise RuntimeError("unreachable: the auth flow rejects calls from the wrong client kind")

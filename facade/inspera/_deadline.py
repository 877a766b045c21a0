"""Overall deadlines: one bound on everything a call does inside it — sleeps, retries, slot waits, network I/O.

    with within(30.0):              # seconds from now; a nested scope never extends an outer one
        job.status()                # every attempt, Retry-After sleep, slot wait and read ends by then

The deadline lives in a context variable, so the transports, the retry and token plans and the network streams of
the calling thread (or asyncio task) see it without it being passed along. Export jobs open a scope for
`wait(timeout=)` and `download(deadline=)`; ordinary calls run without one.

Inside a scope:
- `_drive` cuts every sleep of a plan (backoff, Retry-After, limit refusals, 409 backoff) to the time left;
- the retry transports refuse to start an attempt once it has passed (`DeadlineExceeded`, never retried) and clamp
  the attempt's connect/read/write/pool timeouts to the time left;
- the network streams of the built-in transports (`install`) clamp every single read, write and connect to the time
  left, so a server that drips its headers or body a byte at a time is cut off at the deadline, not after one more
  read timeout. With an injected `http_client` the clamped timeouts and the checks between body chunks still apply.
"""

from __future__ import annotations

import contextlib
import ssl
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

_END: ContextVar[float | None] = ContextVar("inspera_deadline", default=None)
_UNCLAMPED = "inspera.unclamped_timeout"  # request extension: the timeouts before clamping to a deadline


class DeadlineExceeded(httpx.TimeoutException):
    """The overall deadline passed before (or while) the request could be completed."""


def end() -> float | None:
    """The current deadline on the `time.monotonic()` clock; None outside any scope."""
    return _END.get()


def left() -> float | None:
    """Seconds until the current deadline (<= 0 once it passed); None outside any scope."""
    at = _END.get()
    return None if at is None else at - time.monotonic()


@contextlib.contextmanager
def within(seconds: float | None) -> Iterator[None]:
    """Bound the block by `seconds` from now (None: no new bound); an enclosing earlier deadline stays in force."""
    if seconds is None:
        yield
        return
    at = time.monotonic() + seconds
    outer = _END.get()
    token = _END.set(at if outer is None else min(at, outer))
    try:
        yield
    finally:
        _END.reset(token)


def cut(seconds: float) -> float:
    """A sleep of `seconds`, shortened to the time left before the deadline."""
    at = _END.get()
    if at is None:
        return seconds
    return max(0.0, min(seconds, at - time.monotonic()))


def clamp(request: httpx.Request, at: float) -> None:
    """Give `request` timeouts no longer than the time left before `at`; DeadlineExceeded when none is left."""
    remaining = at - time.monotonic()
    if remaining <= 0:
        raise DeadlineExceeded("the overall deadline passed before the request was sent", request=request)
    extensions = request.extensions
    base = extensions.get(_UNCLAMPED) or extensions.get("timeout") or {}
    clamped = {name: remaining if value is None or value > remaining else value for name, value in base.items()}
    request.extensions = {**extensions, "timeout": clamped, _UNCLAMPED: base}


def _bounded(timeout: float | None) -> float | None:
    """`timeout` for one network operation, clamped to the deadline; raises DeadlineExceeded once it passed."""
    at = _END.get()
    if at is None:
        return timeout
    remaining = at - time.monotonic()
    if remaining <= 0:
        raise DeadlineExceeded("the overall deadline passed while talking to the server")
    return remaining if timeout is None or timeout > remaining else timeout


class _Stream(httpcore.NetworkStream):
    """A network stream whose every operation ends by the deadline of the calling context."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        if _END.get() is None:
            return self._inner.read(max_bytes, timeout)
        bounded = _bounded(timeout)
        try:
            return self._inner.read(max_bytes, bounded)
        except httpcore.ReadTimeout:
            if _tighter(timeout, bounded):
                raise DeadlineExceeded("the overall deadline passed while waiting for the server") from None
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if _END.get() is None:
            return self._inner.write(buffer, timeout)
        bounded = _bounded(timeout)
        try:
            return self._inner.write(buffer, bounded)
        except httpcore.WriteTimeout:
            if _tighter(timeout, bounded):
                raise DeadlineExceeded("the overall deadline passed while sending to the server") from None
            raise

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, _bounded(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _AsyncStream(httpcore.AsyncNetworkStream):
    """asyncio counterpart of `_Stream`."""

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        if _END.get() is None:
            return await self._inner.read(max_bytes, timeout)
        bounded = _bounded(timeout)
        try:
            return await self._inner.read(max_bytes, bounded)
        except httpcore.ReadTimeout:
            if _tighter(timeout, bounded):
                raise DeadlineExceeded("the overall deadline passed while waiting for the server") from None
            raise

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if _END.get() is None:
            return await self._inner.write(buffer, timeout)
        bounded = _bounded(timeout)
        try:
            return await self._inner.write(buffer, bounded)
        except httpcore.WriteTimeout:
            if _tighter(timeout, bounded):
                raise DeadlineExceeded("the overall deadline passed while sending to the server") from None
            raise

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        return _AsyncStream(await self._inner.start_tls(ssl_context, server_hostname, _bounded(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def _tighter(timeout: float | None, bounded: float | None) -> bool:
    """Whether the deadline, not the operation's own timeout, bounded an operation that timed out."""
    return bounded is not None and (timeout is None or bounded < timeout)


_Options = Iterable[Any] | None


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: _Options = None,
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_tcp(host, port, _bounded(timeout), local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: _Options = None
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_unix_socket(path, _bounded(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(cut(seconds))


class _AsyncBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self._inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: _Options = None,
    ) -> httpcore.AsyncNetworkStream:
        stream = await self._inner.connect_tcp(host, port, _bounded(timeout), local_address, socket_options)
        return _AsyncStream(stream)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: _Options = None
    ) -> httpcore.AsyncNetworkStream:
        return _AsyncStream(await self._inner.connect_unix_socket(path, _bounded(timeout), socket_options))

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(cut(seconds))


def install(transport: object) -> bool:
    """Make the network streams of an httpx transport's connection pool honour deadlines; False when it has none.

    httpx builds its httpcore pool without a way to pass a network backend, so the pool's backend is wrapped in
    place (new connections use it); a test checks this still happens with the pinned httpx and httpcore.
    """
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, _Backend | _AsyncBackend):
        return True
    if isinstance(backend, httpcore.AsyncNetworkBackend):
        pool._network_backend = _AsyncBackend(backend)  # type: ignore[union-attr]
        return True
    if isinstance(backend, httpcore.NetworkBackend):
        pool._network_backend = _Backend(backend)  # type: ignore[union-attr]
        return True
    return False

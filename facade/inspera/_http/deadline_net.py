"""The network side of overall deadlines: httpcore streams and backends whose every operation ends by the deadline.

`install` wraps a transport's connection-pool backend in `Backend` / `AsyncBackend`; this module is imported with
the first transport, so `import inspera` does not load httpcore.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable
from typing import Any

import httpcore

from .deadline import DeadlineExceeded, bounded_timeout, cut, tighter

# httpcore asks for 64 KiB per read; a large body then costs one pass through h11, httpx, the caller's checks and a
# file write per 64 KiB. While reads come back full, each stream asks for twice as much, up to READ_SIZE; a short read
# halves the ask again. Small answers keep httpcore's size: a fresh 1 MiB receive buffer per read would cost more than
# a small call's whole parsing (h11 accepts any amount per read; over TLS a read yields one record anyway).
READ_SIZE = 1024 * 1024


def _next_ask(asked: int, got: int) -> int:
    """The least size to ask for in the next read: double after a full read (at most READ_SIZE), else half."""
    return min(asked * 2, READ_SIZE) if got >= asked else asked // 2


class _OverallDeadline:
    """A timeout of the operation inside becomes DeadlineExceeded when the deadline, not `timeout`, was the bound.

    A class rather than `contextlib.contextmanager`: it wraps every network read and write, so it stays cheap.
    """

    __slots__ = ("bounded", "doing", "kind", "timeout")

    def __init__(self, kind: type[Exception], timeout: float | None, bounded: float | None, doing: str) -> None:
        self.kind, self.timeout, self.bounded, self.doing = kind, timeout, bounded, doing

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: object) -> None:
        if kind is not None and issubclass(kind, self.kind) and tighter(self.timeout, self.bounded):
            raise DeadlineExceeded(f"the overall deadline passed while {self.doing}") from None


class Stream(httpcore.NetworkStream):
    """A network stream whose every operation ends by the deadline of the calling context."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner
        self._ask = 0  # see READ_SIZE

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        bounded = bounded_timeout(timeout)
        ask = max(max_bytes, self._ask)
        with _OverallDeadline(httpcore.ReadTimeout, timeout, bounded, "waiting for the server"):
            data = self._inner.read(ask, bounded)
        self._ask = _next_ask(ask, len(data))
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        bounded = bounded_timeout(timeout)
        with _OverallDeadline(httpcore.WriteTimeout, timeout, bounded, "sending to the server"):
            return self._inner.write(buffer, bounded)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return Stream(self._inner.start_tls(ssl_context, server_hostname, bounded_timeout(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class AsyncStream(httpcore.AsyncNetworkStream):
    """asyncio counterpart of `Stream`."""

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        self._ask = 0  # see READ_SIZE

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        bounded = bounded_timeout(timeout)
        ask = max(max_bytes, self._ask)
        with _OverallDeadline(httpcore.ReadTimeout, timeout, bounded, "waiting for the server"):
            data = await self._inner.read(ask, bounded)
        self._ask = _next_ask(ask, len(data))
        return data

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        bounded = bounded_timeout(timeout)
        with _OverallDeadline(httpcore.WriteTimeout, timeout, bounded, "sending to the server"):
            return await self._inner.write(buffer, bounded)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        return AsyncStream(await self._inner.start_tls(ssl_context, server_hostname, bounded_timeout(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)

_Options = Iterable[Any] | None


class Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
        socket_options: _Options = None,
    ) -> httpcore.NetworkStream:
        return Stream(self._inner.connect_tcp(host, port, bounded_timeout(timeout), local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: _Options = None
    ) -> httpcore.NetworkStream:
        return Stream(self._inner.connect_unix_socket(path, bounded_timeout(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(cut(seconds))


class AsyncBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self._inner = inner

    async def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
        socket_options: _Options = None,
    ) -> httpcore.AsyncNetworkStream:
        stream = await self._inner.connect_tcp(host, port, bounded_timeout(timeout), local_address, socket_options)
        return AsyncStream(stream)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: _Options = None
    ) -> httpcore.AsyncNetworkStream:
        return AsyncStream(await self._inner.connect_unix_socket(path, bounded_timeout(timeout), socket_options))

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(cut(seconds))


def install(transport: object) -> bool:
    """Make the network streams of an httpx transport's connection pool honour deadlines; False when it has none.

    httpx builds its httpcore pool without a way to pass a network backend, so the pool's backend is wrapped in
    place (new connections use it); a test checks this still happens with the pinned httpx and httpcore.
    """
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, Backend | AsyncBackend):
        return True
    if isinstance(backend, httpcore.AsyncNetworkBackend):
        pool._network_backend = AsyncBackend(backend)  # type: ignore[union-attr]
        return True
    if isinstance(backend, httpcore.NetworkBackend):
        pool._network_backend = Backend(backend)  # type: ignore[union-attr]
        return True
    return False

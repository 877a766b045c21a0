"""The network side of overall deadlines: httpcore streams and backends whose every operation ends by the deadline.

`install` wraps a transport's connection-pool backend in `Backend` / `AsyncBackend`; this module is imported with
the first transport, so `import inspera` does not load httpcore.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable
from typing import Any

import httpcore

from .deadline import END, DeadlineExceeded, bounded_timeout, cut, tighter


class Stream(httpcore.NetworkStream):
    """A network stream whose every operation ends by the deadline of the calling context."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        if END.get() is None:
            return self._inner.read(max_bytes, timeout)
        bounded = bounded_timeout(timeout)
        try:
            return self._inner.read(max_bytes, bounded)
        except httpcore.ReadTimeout:
            if tighter(timeout, bounded):
                raise DeadlineExceeded("the overall deadline passed while waiting for the server") from None
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if END.get() is None:
            return self._inner.write(buffer, timeout)
        bounded = bounded_timeout(timeout)
        try:
            return self._inner.write(buffer, bounded)
        except httpcore.WriteTimeout:
            if tighter(timeout, bounded):
                raise DeadlineExceeded("the overall deadline passed while sending to the server") from None
            raise

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

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        if END.get() is None:
            return await self._inner.read(max_bytes, timeout)
        bounded = bounded_timeout(timeout)
        try:
            return await self._inner.read(max_bytes, bounded)
        except httpcore.ReadTimeout:
            if tighter(timeout, bounded):
                raise DeadlineExceeded("the overall deadline passed while waiting for the server") from None
            raise

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if END.get() is None:
            return await self._inner.write(buffer, timeout)
        bounded = bounded_timeout(timeout)
        try:
            return await self._inner.write(buffer, bounded)
        except httpcore.WriteTimeout:
            if tighter(timeout, bounded):
                raise DeadlineExceeded("the overall deadline passed while sending to the server") from None
            raise

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
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
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
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
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

"""`Inspera` and `AsyncInspera`: settings, transports and token provider wired around the generated client."""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import os
import ssl
import time
from collections.abc import Awaitable, Callable
from functools import cached_property
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, NamedTuple, Self

import httpx

from . import _config
from ._auth.bearer import InsperaAuth
from ._auth.token import AsyncTokens, SyncTokens, TokenCore, TokenInfo
from ._budget.tenants import budget_for
from ._domains.base import AsyncMode, M, SyncMode
from ._domains.tests import Tests
from ._domains.users import Users
from ._domains.webhooks import Webhooks
from ._http.capped import DEFAULT_MAX_RESPONSE_BYTES
from ._http.redact import install_library_filters
from ._http.retry import DEFAULT_LIMIT_WAIT, RetryPolicy
from ._http.transport import (
    AsyncClientTransport,
    AsyncRetryTransport,
    ClientTransport,
    RetryTransport,
    WrongModeTransport,
)
from ._version import __version__
from .errors import ClientClosedError

if TYPE_CHECKING:
    from inspera_api.client import AuthenticatedClient

    from inspera.exports import AsyncExports, Exports

USER_AGENT = f"inspera-client/{__version__} (python)"


class _Pool:
    """What a client shares with its `with_options()` copies beyond the token: whether the original was closed."""

    __slots__ = ("closed",)

    def __init__(self) -> None:
        self.closed = False


class _IO(NamedTuple):
    """The blocking or asyncio pieces a client is wired from; all the wiring itself is shared."""

    client: type[Any]  # httpx.Client / httpx.AsyncClient
    other_client: type[Any]  # the other mode's httpx client: `api` refuses that mode through it
    other_name: str  # the client class to name when an http_client of the other mode is passed
    own_transport: type[Any]  # sends through a caller's http_client
    network: type[Any]  # the built-in httpx transport
    retry: type[Any]  # the retry transport around either
    tokens: type[Any]  # the token provider


class _Base(Generic[M]):
    """What both clients share: settings, token core, domain namespaces, the generated client, the wiring."""

    _asynchronous: bool
    _io: ClassVar[_IO]
    _tokens: SyncTokens | AsyncTokens | None

    def __init__(
        self,
        client_id: str | None,
        api_key: str | None,
        *,
        base_url: str | None,
        domain: str,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        verify: ssl.SSLContext | str | bool,
        proxy: str | None,
        clock: Callable[[], float] | None,
        max_concurrency: int | None,
        shared_dir: str | os.PathLike[str] | None,
        limit_wait: float | None,
        max_response_bytes: int | None,
        allow_insecure_downloads: bool,
        http_client: httpx.Client | httpx.AsyncClient | None,
        sleep: Callable[[float], Any],
    ) -> None:
        io = self._io
        _config.check_http_client(http_client, io.client, io.other_client, type(self).__name__, io.other_name)
        install_library_filters()
        self._settings = _config.resolve(
            client_id, api_key, base_url=base_url, domain=domain, timeout=timeout,
            max_retries=max_retries, verify=verify, proxy=proxy,
            max_concurrency=max_concurrency, shared_dir=shared_dir, limit_wait=limit_wait,
            max_response_bytes=max_response_bytes, allow_insecure_downloads=allow_insecure_downloads,
        )
        self._policy = RetryPolicy(max_retries=self._settings.max_retries, limit_wait=self._settings.limit_wait)
        self._core = TokenCore(
            token_url=self._settings.token_url,
            client_id=self._settings.client_id,
            api_key=self._settings.api_key,
            clock=clock or time.monotonic,
        )
        self._budget = budget_for(self._settings.base_url, self._settings.max_concurrency, self._settings.shared_dir)
        self._attached = False  # joined by _join_budget() once construction can no longer fail
        self._token_file = _config.token_file(self._settings)
        self._pool = _Pool()
        self._closed = False
        self._original = True
        self._bind_namespaces()
        self._sleep = sleep
        self._inner = (
            io.own_transport(http_client)
            if http_client is not None
            else _config.build_transport(io.network, verify=verify, proxy=proxy)
        )
        self._owns_inner = http_client is None
        self._tokens = None
        self._wire()
        self._join_budget()

    def _bind_namespaces(self) -> None:
        self.tests: Tests[M] = Tests(self, asynchronous=self._asynchronous)
        self.users: Users[M] = Users(self, asynchronous=self._asynchronous)
        self.webhooks: Webhooks[M] = Webhooks(self, asynchronous=self._asynchronous)

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        max_response_bytes: int | None = None,
    ) -> Self:
        """A copy of this client with another `timeout`, `max_retries` and/or `max_response_bytes` (None keeps the
        current value).

        The copy shares this client's connection pool, access token (and its single-flight refresh) and everything
        else but these settings: `client.with_options(timeout=120).exports.results(...)` costs no new connection
        or token exchange. Closing the copy leaves this client open; closing this client closes its copies too.
        """
        self._check_open()
        settings = self._settings
        if timeout is not None:
            settings = dataclasses.replace(settings, timeout=_config.check_timeout(timeout))
        if max_retries is not None:
            settings = dataclasses.replace(settings, max_retries=_config.check_max_retries(max_retries))
        if max_response_bytes is not None:
            settings = dataclasses.replace(
                settings, max_response_bytes=_config.check_max_response_bytes(max_response_bytes)
            )
        clone = copy.copy(self)
        clone.__dict__.pop("exports", None)  # the cached export namespace belongs to the original
        clone._settings = settings
        clone._policy = dataclasses.replace(self._policy, max_retries=settings.max_retries)
        clone._closed = False
        clone._original = False
        clone._attached = False  # a copy uses the original's place in the tenant's budget; the original leaves it
        clone._wire()
        clone._bind_namespaces()
        return clone

    def _wire(self) -> None:
        """Build this client's httpx clients around the (shared) inner transport, retry policy and token provider."""
        io, limit = self._io, self._settings.max_response_bytes
        self._plain = io.client(
            transport=io.retry(self._inner, self._policy, self._sleep, budget=self._budget, max_response_bytes=limit),
            **self._client_args(),
        )
        # the first wiring makes the token provider; with_options() copies share the original's
        tokens = self._tokens
        if tokens is None:
            tokens = self._tokens = io.tokens(self._core, self._plain, self._sleep, self._token_file)
        self._http = io.client(
            base_url=self._settings.base_url,
            auth=InsperaAuth(tokens),
            transport=io.retry(
                self._inner, self._policy, self._sleep, buffer=True, budget=self._budget, max_response_bytes=limit
            ),
            **self._client_args(),
        )
        # The other mode's calls through this client's `api` fail clearly instead of sending an empty bearer token.
        wrong_mode = io.other_client(auth=InsperaAuth(tokens), transport=WrongModeTransport())
        generated = self._generated()
        if self._asynchronous:
            self._api = generated.set_async_httpx_client(self._http).set_httpx_client(wrong_mode)
        else:
            self._api = generated.set_httpx_client(self._http).set_async_httpx_client(wrong_mode)

    @property
    def is_closed(self) -> bool:
        """True once `close()` / `aclose()` ran on this client, or on the client it was copied from."""
        return self._closed or self._pool.closed

    def _check_open(self) -> None:
        if self._closed or self._pool.closed:
            raise ClientClosedError(
                f"this {type(self).__name__} client is closed"
                + ("" if self._closed else " (it is a with_options() copy of a client that was closed)")
            )

    def __repr__(self) -> str:
        closed = ", closed" if self.is_closed else ""
        return (
            f"{type(self).__name__}(client_id={self._settings.client_id!r}, base_url={self._settings.base_url!r}"
            f"{closed})"
        )

    @property
    def timeout(self) -> httpx.Timeout:
        """The timeout of every request this client sends."""
        return self._settings.timeout

    @property
    def max_retries(self) -> int:
        """How many times a failed request is retried (see the README's Retries section)."""
        return self._settings.max_retries

    @property
    def base_url(self) -> str:
        """The API root every call goes to, e.g. `https://uni.inspera.no/api`."""
        return self._settings.base_url

    @property
    def client_id(self) -> str:
        """The tenant's client id the API key belongs to."""
        return self._settings.client_id

    @property
    def max_response_bytes(self) -> int | None:
        """The cap on the decoded size of one API answer (None: no cap); larger answers raise ResponseTooLargeError."""
        return self._settings.max_response_bytes

    @property
    def allow_insecure_downloads(self) -> bool:
        """Whether export files may be fetched from plain-http signed URLs of hosts other than loopback."""
        return self._settings.allow_insecure_downloads

    def _scrub(self, text: str) -> str:
        """`text` (written by a server) with every secret this client holds masked: the key and recent tokens."""
        return self._core.scrub(text)

    def _generated(self) -> AuthenticatedClient:
        from inspera_api.client import AuthenticatedClient

        # The token argument is never used: our own httpx clients carry the auth (the generated one would freeze it).
        return AuthenticatedClient(base_url=self._settings.base_url, token="", raise_on_unexpected_status=False)

    def _token_ttl(self) -> float | None:
        """Seconds the current access token stays valid; None before the first exchange."""
        return self._core.remaining()

    def _join_budget(self) -> None:
        """Count this client's max_concurrency towards the shared budget's ceiling (the last step of __init__)."""
        self._budget.attach(self._settings.max_concurrency)
        self._attached = True

    def _leave_budget(self) -> None:
        """Stop counting this client's max_concurrency towards the shared budget's ceiling (once)."""
        if self._attached:
            self._attached = False
            self._budget.detach(self._settings.max_concurrency)

    def _client_args(self) -> dict[str, Any]:
        return {"timeout": self._settings.timeout, "headers": {"User-Agent": USER_AGENT}}


class Inspera(_Base[SyncMode]):
    """Blocking client for the Inspera Assessment API.

    Missing arguments come from INSPERA_CLIENT_ID, INSPERA_API_KEY and INSPERA_BASE_URL; `base_url` defaults to
    `https://{client_id}.{domain}/api`. Pass `http_client` to send through your own `httpx.Client` (its TLS,
    proxies and hooks); `verify` / `proxy` configure the built-in one. `clock` / `sleep` are for tests.
    """

    _asynchronous = False
    _io = _IO(
        httpx.Client, httpx.AsyncClient, "AsyncInspera", ClientTransport, httpx.HTTPTransport,
        RetryTransport, SyncTokens,
    )
    _inner: httpx.BaseTransport
    _plain: httpx.Client
    _http: httpx.Client
    _tokens: SyncTokens | None

    def __init__(
        self,
        client_id: str | None = None,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        domain: str = "inspera.no",
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = _config.DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
        verify: ssl.SSLContext | str | bool = True,
        proxy: str | None = None,
        max_concurrency: int | None = None,
        shared_dir: str | os.PathLike[str] | None = None,
        limit_wait: float | None = DEFAULT_LIMIT_WAIT,
        max_response_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES,
        allow_insecure_downloads: bool = False,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(
            client_id, api_key, base_url=base_url, domain=domain, timeout=timeout, max_retries=max_retries,
            verify=verify, proxy=proxy, clock=clock, max_concurrency=max_concurrency, shared_dir=shared_dir,
            limit_wait=limit_wait, max_response_bytes=max_response_bytes,
            allow_insecure_downloads=allow_insecure_downloads, http_client=http_client, sleep=sleep,
        )

    @property
    def api(self) -> AuthenticatedClient:
        """The generated client, wired so every `inspera_api.api.*.sync_detailed` call gets auth and retries."""
        if self._closed or self._pool.closed:
            self._check_open()
        return self._api

    def authenticate(self) -> TokenInfo:
        """Exchange the API key for a new access token now; returns its lifetime, never the token."""
        self._check_open()
        assert self._tokens is not None
        return self._tokens.force()

    def call(self, endpoint: ModuleType, /, **kwargs: Any) -> Any:
        """Call any generated operation, with or without a facade method, with this client's guarantees.

            from inspera_api.api.tests import get_test
            metadata = client.call(get_test, test_id=123)

        `endpoint` is an `inspera_api.api.<group>.<function>` module; keyword arguments are its own. Auth, token
        refresh, retries and timeouts apply; returns the parsed model (None when the operation has none) or raises
        the same typed `InsperaError`s as the facade methods.
        """
        from ._calls.invoke import invoke

        return invoke(self, _endpoint_module(endpoint), **kwargs)

    @cached_property
    def exports(self) -> Exports:
        """Export jobs (`inspera.exports.Exports`), loaded on first use."""
        from inspera.exports import Exports

        return Exports(self)

    def _plain_http(self) -> httpx.Client:
        """Credential-free client with this client's TLS/proxy/timeout/retry settings; owned here, do not close."""
        self._check_open()
        return self._plain

    def close(self) -> None:
        """Close this client's connections (a with_options() copy closes only itself); calling it again is harmless."""
        if self._closed:
            return
        self._closed = True
        self._leave_budget()
        self._http.close()
        self._plain.close()
        if self._original:
            self._pool.closed = True  # the token provider sends through this client's own _plain, closed above
            if self._owns_inner:
                self._inner.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncInspera(_Base[AsyncMode]):
    """asyncio client for the Inspera Assessment API; the same surface as `Inspera`, with awaitables."""

    _asynchronous = True
    _io = _IO(
        httpx.AsyncClient, httpx.Client, "Inspera", AsyncClientTransport, httpx.AsyncHTTPTransport,
        AsyncRetryTransport, AsyncTokens,
    )
    _inner: httpx.AsyncBaseTransport
    _plain: httpx.AsyncClient
    _http: httpx.AsyncClient
    _tokens: AsyncTokens | None

    def __init__(
        self,
        client_id: str | None = None,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        domain: str = "inspera.no",
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = _config.DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        verify: ssl.SSLContext | str | bool = True,
        proxy: str | None = None,
        max_concurrency: int | None = None,
        shared_dir: str | os.PathLike[str] | None = None,
        limit_wait: float | None = DEFAULT_LIMIT_WAIT,
        max_response_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES,
        allow_insecure_downloads: bool = False,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        super().__init__(
            client_id, api_key, base_url=base_url, domain=domain, timeout=timeout, max_retries=max_retries,
            verify=verify, proxy=proxy, clock=clock, max_concurrency=max_concurrency, shared_dir=shared_dir,
            limit_wait=limit_wait, max_response_bytes=max_response_bytes,
            allow_insecure_downloads=allow_insecure_downloads, http_client=http_client, sleep=sleep,
        )

    @property
    def api(self) -> AuthenticatedClient:
        """The generated client, wired so every `inspera_api.api.*.asyncio_detailed` call gets auth and retries."""
        if self._closed or self._pool.closed:
            self._check_open()
        return self._api

    async def authenticate(self) -> TokenInfo:
        """Exchange the API key for a new access token now; returns its lifetime, never the token."""
        self._check_open()
        assert self._tokens is not None
        return await self._tokens.force()

    async def call(self, endpoint: ModuleType, /, **kwargs: Any) -> Any:
        """Await any generated operation with this client's guarantees; see `Inspera.call`."""
        from ._calls.invoke import ainvoke

        return await ainvoke(self, _endpoint_module(endpoint), **kwargs)

    @cached_property
    def exports(self) -> AsyncExports:
        """Export jobs (`inspera.exports.AsyncExports`), loaded on first use."""
        from inspera.exports import AsyncExports

        return AsyncExports(self)

    def _aplain_http(self) -> httpx.AsyncClient:
        """Credential-free async client with this client's TLS/proxy/timeout/retry settings; owned here."""
        self._check_open()
        return self._plain

    async def aclose(self) -> None:
        """Close this client's connections (a with_options() copy closes only itself); calling it again is harmless."""
        if self._closed:
            return
        self._closed = True
        self._leave_budget()
        await self._http.aclose()
        await self._plain.aclose()
        if self._original:
            self._pool.closed = True  # the token provider sends through this client's own _plain, closed above
            if self._owns_inner:
                await self._inner.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


def _endpoint_module(endpoint: object) -> ModuleType:
    """The generated endpoint module itself; anything else is a TypeError that says what to pass."""
    if isinstance(endpoint, ModuleType) and callable(getattr(endpoint, "sync_detailed", None)):
        return endpoint
    shown = getattr(endpoint, "__name__", type(endpoint).__name__)
    raise TypeError(
        f"call() takes a generated endpoint module such as inspera_api.api.tests.get_test, not {shown}"
    )

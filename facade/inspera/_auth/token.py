"""Access-token state, the documented key-for-token exchange and single-flight refresh (sync and asyncio).

Single-flight within a process is a lock (threading or asyncio) with a re-check under it. With `shared_dir` it is
single-flight across the processes of the host too: under that lock, a process takes the token file's exchange
lock (`inspera._budget.shared_dir.TokenFile`), re-reads the file and adopts the token another process stored
unless it is the one the server just refused or about to expire; only otherwise does it exchange, and it stores
the result for the others before letting go. So one exchange serves every process, at the start, at expiry and
after a 401.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

import httpx

from .._budget.budget import API_REQUEST, PRIORITY
from .._http import drive as _drive
from .._http.drive import Plan, Send, Sleep
from .._http.redact import SecretHolder, hold, scrub
from .._http.retry import LIMIT_REFUSAL, honoured_retry_after
from .._http.sendable import MAX_TOKEN_CHARS, sendable_token
from ..errors import AuthenticationError, RateLimitError, vendor_fields

if TYPE_CHECKING:  # loaded only by clients with a shared_dir
    from .._budget.flock import HeldLock
    from .._budget.shared_dir import SharedToken, TokenFile

log = logging.getLogger("inspera")

TOKEN_PATH = "/authenticate/token/"
MAX_SKEW = 300.0  # refresh 5 minutes early on Inspera's 1 h tokens ...
SKEW_FRACTION = 1 / 12  # ... and proportionally earlier-but-less on short-lived ones
# How long to wait for another process's exchange before exchanging anyway (a 409 is then retried as usual).
SHARED_EXCHANGE_WAIT = 120.0


def refresh_skew(lifetime: float) -> float:
    """Seconds before expiry at which a token counts as stale: 5 min for 1 h tokens, scaled down for short ones."""
    return min(MAX_SKEW, max(0.0, lifetime) * SKEW_FRACTION)


@dataclass(frozen=True)
class TokenInfo:
    """What `authenticate()` reports: the lifetime Inspera granted and when (monotonic clock) it runs out.

    The token itself is deliberately not part of this object.
    """

    expires_in: float
    expires_at: float
    refresh_at: float


@dataclass
class _Token:
    value: str = field(repr=False)
    info: TokenInfo


class TokenCore(SecretHolder):
    """Sans-IO token logic shared by the sync and asyncio drivers: validity checks and the exchange plan.

    It holds the client's secrets (the key and the tokens), so it registers with the log filters, which mask them.
    """

    def __init__(
        self,
        *,
        token_url: str,
        client_id: str,
        api_key: str,
        clock: Callable[[], float] = time.monotonic,
        conflict_retries: int = 4,
        conflict_backoff: float = 0.5,
        random: Callable[[], float] = random.random,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._token_url, self._client_id, self._api_key = token_url, client_id, api_key
        self._conflict_retries, self._conflict_backoff = conflict_retries, conflict_backoff
        self._clock, self._wall_clock, self._random = clock, wall_clock, random
        self._token: _Token | None = None
        # Tokens this client has held recently: a server may echo one (even a refused one) in an error text.
        self._held: deque[str] = deque(maxlen=8)
        hold(self)

    def secrets(self) -> tuple[str, ...]:
        """Every secret this client holds: the API key and the access tokens it has recently held."""
        return (self._api_key, *self._held)

    def scrub(self, text: str) -> str:
        """`text` (from a server) with the API key and recent access tokens masked."""
        return scrub(text, self.secrets())

    def _hold(self, token: _Token) -> None:
        self._token = token
        if token.value not in self._held:
            self._held.append(token.value)

    def __repr__(self) -> str:
        return f"TokenCore(client_id={self._client_id!r}, has_token={self._token is not None})"

    def usable(self, stale: str | None = None) -> str | None:
        """The current token if it is fresh and is not `stale` (a token the server just refused)."""
        token = self._token
        if token is None or token.value == stale or self._clock() >= token.info.refresh_at:
            return None
        return token.value

    def invalidate(self, token: str) -> None:
        """Forget `token` if it is still the current one; a newer token obtained meanwhile stays."""
        if self._token is not None and self._token.value == token:
            log.debug("access token refused by the server; it will be replaced")
            self._token = None

    def remaining(self) -> float | None:
        """Seconds until the current token expires, or None when there is none."""
        if self._token is None:
            return None
        return max(0.0, self._token.info.expires_at - self._clock())

    def adopt(self, shared: SharedToken | None, stale: str | None = None) -> str | None:
        """Install a token another process stored, if it is not `stale` and not due for refresh; returns it."""
        if shared is None or shared.value == stale or not sendable_token(shared.value):
            return None
        remaining = shared.expires_at - self._wall_clock()
        if remaining <= refresh_skew(shared.expires_in):
            return None
        now = self._clock()
        expires_at = now + remaining
        info = TokenInfo(shared.expires_in, expires_at, expires_at - refresh_skew(shared.expires_in))
        self._hold(_Token(shared.value, info))
        log.debug("using the access token another process obtained (valid for %.0f s more)", remaining)
        return shared.value

    def shared(self) -> SharedToken:
        """The current token as other processes should see it (expiry on the wall clock)."""
        token = self._token
        assert token is not None
        remaining = token.info.expires_at - self._clock()
        from .._budget.shared_dir import SharedToken

        return SharedToken(token.value, token.info.expires_in, self._wall_clock() + remaining)

    def exchange_request(self) -> httpx.Request:
        from inspera_api.api.auth import exchange_token
        from inspera_api.models.exchange_token_grant_type import ExchangeTokenGrantType

        spec = exchange_token._get_kwargs(
            client_id=self._client_id, grant_type=ExchangeTokenGrantType.AUTHORIZATION_CODE, code=self._api_key
        )
        return httpx.Request(
            str(spec["method"]).upper(),
            self._token_url,
            params=spec["params"],
            headers={**spec["headers"], "Content-Type": "application/x-www-form-urlencoded"},
            content=b"",
            # Inspera counts the exchange against its limit; it goes first since every queued call may need it.
            extensions={API_REQUEST: True, PRIORITY: True},
        )

    def exchange_plan(self) -> Plan[str]:
        """Exchange the key for a token, backing off on 409 "Multiple tokens for user"; installs and returns it."""
        attempt = 0
        while True:
            log.debug("exchanging the API key for an access token (client_id=%s)", self._client_id)
            outcome = yield Send(self.exchange_request())
            if isinstance(outcome, httpx.RequestError):
                from .._http.failures import send_failure

                failure = send_failure(outcome, method="POST", path=TOKEN_PATH, url=self._token_url, scrub=self.scrub)
                assert failure is not None  # every RequestError has a rule
                raise failure from outcome
            assert outcome is not None
            if outcome.status_code == 200:
                return self._install(outcome)
            if outcome.extensions.get(LIMIT_REFUSAL):
                raise RateLimitError(
                    f"token exchange refused for the concurrency limit (HTTP {outcome.status_code}) after the "
                    "client's limit_wait",
                    method="POST", path=TOKEN_PATH, status=outcome.status_code,
                    request_id=request_id(outcome.headers),
                    retry_after=honoured_retry_after(outcome.headers.get("Retry-After")),
                )
            if outcome.is_redirect:
                # httpx strips only Authorization on redirects; the key travels in `code`, so never follow one.
                raise AuthenticationError(
                    f"token exchange was redirected (HTTP {outcome.status_code}); redirects are not followed so "
                    "the API key stays with the configured host: check base_url",
                    method="POST", path=TOKEN_PATH, status=outcome.status_code,
                    request_id=request_id(outcome.headers),
                )
            error = _exchange_error(outcome, self.scrub)
            if outcome.status_code == 409 and attempt < self._conflict_retries:
                delay = self._conflict_backoff * 2.0**attempt * (1 + self._random())
                log.warning("token exchange answered 409 (%s); retrying in %.2f s", error.error, delay)
                yield Sleep(delay)
                attempt += 1
                continue
            raise error

    def _install(self, response: httpx.Response) -> str:
        try:
            payload = response.json()
            value = payload["access_token"]
            expires_in = float(payload["expires_in"])
        except (ValueError, KeyError, TypeError, IndexError, RecursionError, OverflowError):
            # Not JSON, nested too deeply, not an object, or an expiry no float can hold.
            raise AuthenticationError(
                "token exchange answered 200 without a usable access_token/expires_in",
                method="POST", path=TOKEN_PATH, status=200,
            ) from None
        if not isinstance(value, str) or not value or not math.isfinite(expires_in) or expires_in <= 0:
            raise AuthenticationError(
                "token exchange answered 200 without a usable access_token/expires_in",
                method="POST", path=TOKEN_PATH, status=200,
            )
        if not sendable_token(value):
            # Refused here, unquoted: sent as a header it would fail each call with an error quoting the token.
            raise AuthenticationError(
                "token exchange answered 200 with an access_token that cannot be sent in an Authorization header "
                f"(only visible ASCII characters, at most {MAX_TOKEN_CHARS}, are accepted)",
                method="POST", path=TOKEN_PATH, status=200,
            )
        now = self._clock()
        expires_at = now + expires_in
        info = TokenInfo(expires_in=expires_in, expires_at=expires_at, refresh_at=expires_at - refresh_skew(expires_in))
        self._hold(_Token(value, info))
        log.debug("obtained an access token valid for %.0f s", expires_in)
        return value

    def info(self) -> TokenInfo:
        assert self._token is not None
        return self._token.info


def _exchange_error(response: httpx.Response, clean: Callable[[str], str]) -> AuthenticationError:
    try:
        payload = response.json()
    except (ValueError, RecursionError):
        payload = None
    error, description = (None if part is None else clean(part) for part in vendor_fields(payload))
    detail = ": ".join(part for part in (error, description) if part) or clean(response.reason_phrase)
    return AuthenticationError(
        f"token exchange failed with HTTP {response.status_code}: {detail}",
        method="POST",
        path=TOKEN_PATH,
        status=response.status_code,
        error=error,
        description=description,
        request_id=request_id(response.headers),
    )


def request_id(headers: httpx.Headers) -> str | None:
    for name in ("x-request-id", "x-amzn-requestid", "x-amz-request-id", "x-correlation-id", "request-id"):
        if name in headers:
            return headers[name]
    return None


HttpT = TypeVar("HttpT")
SleepT = TypeVar("SleepT")


class _Tokens(Generic[HttpT, SleepT]):
    """What both token providers hold: the shared core, the credential-free client, the sleep and the token file."""

    def __init__(self, core: TokenCore, http: HttpT, sleep: SleepT, store: TokenFile | None = None) -> None:
        self.core = core
        self._http: HttpT = http
        self._sleep = sleep
        self._store = store

    def _exchanged(self, value: str) -> str:
        """`value`, just exchanged, after offering it to the other processes through the token file."""
        if self._store is not None:
            self._store.write(self.core.shared())
        return value


class SyncTokens(_Tokens[httpx.Client, _drive.SyncSleep]):
    """Thread-safe single-flight token provider: at most one exchange at a time, re-checked under the lock."""

    def __init__(
        self, core: TokenCore, http: httpx.Client, sleep: _drive.SyncSleep = time.sleep, store: TokenFile | None = None
    ) -> None:
        super().__init__(core, http, sleep, store)
        self._lock = threading.Lock()

    def _send(self, request: httpx.Request) -> httpx.Response:
        return self._http.send(request, follow_redirects=False)

    def _exchange(self) -> str:
        return self._exchanged(_drive.run(self.core.exchange_plan(), self._send, self._sleep))

    def get(self, stale: str | None = None) -> str:
        token = self.core.usable(stale)
        if token is not None:
            return token
        with self._lock:
            token = self.core.usable(stale)
            if token is not None:
                return token
            store = self._store
            if store is None:
                return self._exchange()
            with _held(store.lock(SHARED_EXCHANGE_WAIT), store):
                return self.core.adopt(store.read(), stale) or self._exchange()

    def force(self) -> TokenInfo:
        with self._lock:
            store = self._store
            if store is None:
                self._exchange()
            else:
                with _held(store.lock(SHARED_EXCHANGE_WAIT), store):
                    self._exchange()
            return self.core.info()


class AsyncTokens(_Tokens[httpx.AsyncClient, _drive.AsyncSleep]):
    """asyncio single-flight token provider over the same core."""

    def __init__(
        self,
        core: TokenCore,
        http: httpx.AsyncClient,
        sleep: _drive.AsyncSleep = asyncio.sleep,
        store: TokenFile | None = None,
    ) -> None:
        super().__init__(core, http, sleep, store)
        self._lock: asyncio.Lock | None = None

    async def _send(self, request: httpx.Request) -> httpx.Response:
        return await self._http.send(request, follow_redirects=False)

    async def _exchange(self) -> str:
        return self._exchanged(await _drive.arun(self.core.exchange_plan(), self._send, self._sleep))

    def _get_lock(self) -> asyncio.Lock:
        if self._lock is None:
            self._lock = asyncio.Lock()
        return self._lock

    async def get(self, stale: str | None = None) -> str:
        token = self.core.usable(stale)
        if token is not None:
            return token
        async with self._get_lock():
            token = self.core.usable(stale)
            if token is not None:
                return token
            store = self._store
            if store is None:
                return await self._exchange()
            with _held(await store.alock(SHARED_EXCHANGE_WAIT), store):
                return self.core.adopt(store.read(), stale) or await self._exchange()

    async def force(self) -> TokenInfo:
        async with self._get_lock():
            store = self._store
            if store is None:
                await self._exchange()
            else:
                with _held(await store.alock(SHARED_EXCHANGE_WAIT), store):
                    await self._exchange()
            return self.core.info()


@contextlib.contextmanager
def _held(lock: HeldLock | None, store: TokenFile) -> Iterator[None]:
    """Hold the shared exchange lock for the block; without it (another process kept it too long), go on anyway."""
    if lock is None:
        log.warning("another process held %s for %.0f s; exchanging without it", store.lock_path, SHARED_EXCHANGE_WAIT)
        yield
        return
    with lock:
        yield

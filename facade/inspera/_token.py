"""Access-token state, the documented key-for-token exchange and single-flight refresh (sync and asyncio)."""

from __future__ import annotations

import asyncio
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from . import _drive
from ._drive import Plan, Send, Sleep
from .errors import AuthenticationError, InsperaConnectionError, InsperaTimeoutError, vendor_fields

log = logging.getLogger("inspera")

TOKEN_PATH = "/authenticate/token/"
MAX_SKEW = 300.0  # refresh 5 minutes early on Inspera's 1 h tokens ...
SKEW_FRACTION = 1 / 12  # ... and proportionally earlier-but-less on short-lived ones


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


class TokenCore:
    """Sans-IO token logic shared by the sync and asyncio drivers: validity checks and the exchange plan."""

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
    ) -> None:
        self._token_url = token_url
        self._client_id = client_id
        self._api_key = api_key
        self._clock = clock
        self._conflict_retries = conflict_retries
        self._conflict_backoff = conflict_backoff
        self._random = random
        self._token: _Token | None = None

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
        )

    def exchange_plan(self) -> Plan[str]:
        """Exchange the key for a token, backing off on 409 "Multiple tokens for user"; installs and returns it."""
        attempt = 0
        while True:
            log.debug("exchanging the API key for an access token (client_id=%s)", self._client_id)
            outcome = yield Send(self.exchange_request())
            if isinstance(outcome, httpx.TimeoutException):
                raise InsperaTimeoutError(
                    f"token exchange timed out ({type(outcome).__name__})", method="POST", path=TOKEN_PATH
                ) from None
            if isinstance(outcome, httpx.TransportError):
                raise InsperaConnectionError(
                    f"token exchange failed to connect ({type(outcome).__name__})", method="POST", path=TOKEN_PATH
                ) from None
            assert outcome is not None
            if outcome.status_code == 200:
                return self._install(outcome)
            if outcome.is_redirect:
                # httpx strips only Authorization on redirects; the key travels in `code`, so never follow one.
                raise AuthenticationError(
                    f"token exchange was redirected (HTTP {outcome.status_code}); redirects are not followed so "
                    "the API key stays with the configured host: check base_url",
                    method="POST", path=TOKEN_PATH, status=outcome.status_code,
                    request_id=request_id(outcome.headers),
                )
            error = _exchange_error(outcome)
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
        except (ValueError, KeyError, TypeError):
            raise AuthenticationError(
                "token exchange answered 200 without a usable access_token/expires_in",
                method="POST", path=TOKEN_PATH, status=200,
            ) from None
        if not isinstance(value, str) or not value or expires_in <= 0:
            raise AuthenticationError(
                "token exchange answered 200 without a usable access_token/expires_in",
                method="POST", path=TOKEN_PATH, status=200,
            )
        now = self._clock()
        expires_at = now + expires_in
        info = TokenInfo(expires_in=expires_in, expires_at=expires_at, refresh_at=expires_at - refresh_skew(expires_in))
        self._token = _Token(value, info)
        log.debug("obtained an access token valid for %.0f s", expires_in)
        return value

    def info(self) -> TokenInfo:
        assert self._token is not None
        return self._token.info


def _exchange_error(response: httpx.Response) -> AuthenticationError:
    try:
        payload = response.json()
    except ValueError:
        payload = None
    error, description = vendor_fields(payload)
    detail = ": ".join(part for part in (error, description) if part) or response.reason_phrase
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


class SyncTokens:
    """Thread-safe single-flight token provider: at most one exchange at a time, re-checked under the lock."""

    def __init__(self, core: TokenCore, http: httpx.Client, sleep: _drive.SyncSleep = time.sleep) -> None:
        self.core = core
        self._http = http
        self._sleep = sleep
        self._lock = threading.Lock()

    def _send(self, request: httpx.Request) -> httpx.Response:
        return self._http.send(request, follow_redirects=False)

    def get(self, stale: str | None = None) -> str:
        token = self.core.usable(stale)
        if token is not None:
            return token
        with self._lock:
            token = self.core.usable(stale)
            if token is not None:
                return token
            return _drive.run(self.core.exchange_plan(), self._send, self._sleep)

    def force(self) -> TokenInfo:
        with self._lock:
            _drive.run(self.core.exchange_plan(), self._send, self._sleep)
            return self.core.info()


class AsyncTokens:
    """asyncio single-flight token provider over the same core."""

    def __init__(self, core: TokenCore, http: httpx.AsyncClient, sleep: _drive.AsyncSleep = asyncio.sleep) -> None:
        self.core = core
        self._http = http
        self._sleep = sleep
        self._lock: asyncio.Lock | None = None

    async def _send(self, request: httpx.Request) -> httpx.Response:
        return await self._http.send(request, follow_redirects=False)

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
            return await _drive.arun(self.core.exchange_plan(), self._send, self._sleep)

    async def force(self) -> TokenInfo:
        async with self._get_lock():
            await _drive.arun(self.core.exchange_plan(), self._send, self._sleep)
            return self.core.info()

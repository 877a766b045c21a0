"""httpx authentication: bearer token on every request, one replay with a fresh token after a 401."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator
from dataclasses import dataclass

import httpx

from .token import AsyncTokens, SyncTokens


@dataclass(frozen=True, slots=True)
class _NeedToken:
    stale: str | None


_ANY_TOKEN = _NeedToken(None)  # the first step of every request: made once, not per request


def _flow(request: httpx.Request) -> Generator[_NeedToken | httpx.Request, str | httpx.Response, None]:
    """The shared flow: ask for a token, send, and on 401 ask for a token other than the refused one, send again."""
    token = yield _ANY_TOKEN
    assert isinstance(token, str)
    request.headers["Authorization"] = f"Bearer {token}"
    response = yield request
    assert isinstance(response, httpx.Response)
    if response.status_code != 401:
        return
    fresh = yield _NeedToken(token)
    assert isinstance(fresh, str)
    request.headers["Authorization"] = f"Bearer {fresh}"
    yield request


class InsperaAuth(httpx.Auth):
    """Bearer auth backed by a single-flight token provider; sync or asyncio depending on what it was given."""

    def __init__(self, tokens: SyncTokens | AsyncTokens) -> None:
        self._tokens = tokens

    def __repr__(self) -> str:
        return "InsperaAuth()"

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        tokens = self._tokens
        if not isinstance(tokens, SyncTokens):
            raise RuntimeError("this client is asyncio-only; use AsyncInspera's api with asyncio_detailed calls")
        flow = _flow(request)
        value: str | httpx.Response | None = None
        while True:
            try:
                step = flow.send(value)  # type: ignore[arg-type]  # the first send is None by protocol
            except StopIteration:
                return
            if isinstance(step, _NeedToken):
                if step.stale is not None:
                    tokens.core.invalidate(step.stale)
                value = tokens.get(step.stale)
            else:
                value = yield step

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        tokens = self._tokens
        if not isinstance(tokens, AsyncTokens):
            raise RuntimeError("this client is sync-only; use Inspera's api with sync_detailed calls")
        flow = _flow(request)
        value: str | httpx.Response | None = None
        while True:
            try:
                step = flow.send(value)  # type: ignore[arg-type]
            except StopIteration:
                return
            if isinstance(step, _NeedToken):
                if step.stale is not None:
                    tokens.core.invalidate(step.stale)
                value = await tokens.get(step.stale)
            else:
                value = yield step

"""httpx authentication: bearer token on every request, one replay with a fresh token after a 401."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator
from dataclasses import dataclass
from typing import TypeVar

import httpx

from .token import AsyncTokens, SyncTokens, TokenCore


@dataclass(frozen=True, slots=True)
class _NeedToken:
    stale: str | None


TokensT = TypeVar("TokensT", SyncTokens, AsyncTokens)
_Flow = Generator[_NeedToken | httpx.Request, str | httpx.Response, None]
_ANY_TOKEN = _NeedToken(None)  # the first step of every request: made once, not per request


def _flow(request: httpx.Request) -> _Flow:
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
        tokens = _own(self._tokens, SyncTokens, "asyncio-only; use AsyncInspera's api with asyncio_detailed calls")
        flow = _flow(request)
        value: str | httpx.Response | None = None
        while (step := _step(flow, value)) is not None:
            if isinstance(step, _NeedToken):
                value = tokens.get(_forget(tokens.core, step))
            else:
                value = yield step

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        tokens = _own(self._tokens, AsyncTokens, "sync-only; use Inspera's api with sync_detailed calls")
        flow = _flow(request)
        value: str | httpx.Response | None = None
        while (step := _step(flow, value)) is not None:
            if isinstance(step, _NeedToken):
                value = await tokens.get(_forget(tokens.core, step))
            else:
                value = yield step


def _own(tokens: SyncTokens | AsyncTokens, kind: type[TokensT], other_mode: str) -> TokensT:
    """`tokens` when they are of this flow's mode; a call through the other mode's generated client is refused."""
    if not isinstance(tokens, kind):
        raise RuntimeError(f"this client is {other_mode}")
    return tokens


def _step(flow: _Flow, value: str | httpx.Response | None) -> _NeedToken | httpx.Request | None:
    """The flow's next step after `value`; None once it has finished."""
    try:
        return flow.send(value)  # type: ignore[arg-type]  # the first send is None by protocol
    except StopIteration:
        return None


def _forget(core: TokenCore, step: _NeedToken) -> str | None:
    """The refused token `step` names, after making sure it is not handed out again."""
    if step.stale is not None:
        core.invalidate(step.stale)
    return step.stale

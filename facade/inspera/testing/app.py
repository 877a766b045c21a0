"""The simulator's ASGI application: fault injection, bearer checks and request recording around the routes."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.types import Message, Receive, Scope, Send

from .._calls.specdoc import document
from . import routes_auth, routes_exports, routes_signed, routes_tests, routes_users, routes_webhooks
from .conformance import Described
from .http import HTTPFailure
from .limit import ConcurrencyLimit
from .routes_signed import TRUNCATE_FLAG
from .state import SimulatorState
from .stats import RecordedRequest
from .transport import ConnectionTable

TOKEN_PATH = "/api/authenticate/token/"


_CLOSED = "inspera.closed"


class _Cut(Exception):
    """Stops the inner application once its connection has been closed on purpose."""


def build_routes_app(state: SimulatorState, background: set[asyncio.Task[None]]) -> Starlette:
    api = [
        *routes_auth.routes(state),
        *routes_tests.routes(state),
        *routes_users.routes(state),
        *routes_exports.routes(state, background),
        *routes_webhooks.routes(state),
    ]

    async def failure(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPFailure)
        return exc.response()

    async def unrouted(request: Request, exc: Exception) -> Response:
        # Starlette's own 404/405 (an id that fits no route, e.g. a non-numeric testId) in Inspera's error shape.
        assert isinstance(exc, HTTPException)
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    return Starlette(routes=[Mount("/api", routes=api), *routes_signed.routes(state)],
                     exception_handlers={HTTPFailure: failure, HTTPException: unrouted})


class SimulatorApp:
    """Wraps the routes with the knobs: latency, scripted failures, dropped connections, auth, recording."""

    def __init__(
        self, state: SimulatorState, connections: ConnectionTable, limit: ConcurrencyLimit | None = None
    ) -> None:
        self.state = state
        self.connections = connections
        self.limit = limit if limit is not None else ConcurrencyLimit(None)
        self.background: set[asyncio.Task[None]] = set()
        self.routes = build_routes_app(state, self.background)
        self.described = Described(document())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.routes(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        started, recorded = 0, False

        def record(status: int) -> None:
            nonlocal recorded
            if not recorded:
                recorded = True
                query = scope["query_string"].decode("latin-1")
                self.state.stats.record(RecordedRequest(method, path, status, headers, query))

        promised: int | None = None
        body_sent = 0
        admitted = self.limit.enter(path)

        async def recording(message: Message) -> None:
            nonlocal started, promised, body_sent
            if message["type"] == "http.response.start":
                started = message["status"]
                length = dict(message.get("headers", [])).get(b"content-length")
                promised = int(length) if length is not None else None
            elif message["type"] == "http.response.body":
                body_sent += len(message.get("body", b""))
                # Before the last bytes leave, so a client never sees an answer not yet recorded. A streamed body
                # ends with an empty message, but the client is done once it has Content-Length bytes.
                if not message.get("more_body", False) or (promised is not None and body_sent >= promised):
                    if admitted is not None:
                        admitted.leave()  # likewise: the client may send its next request as soon as it has these
                    record(started)
            await send(message)

        try:
            if admitted is None:
                await self.limit.refuse(scope, receive, recording)
            else:
                await self._handle(scope, receive, recording, headers)
        finally:
            if admitted is not None:
                admitted.leave()
            record(0 if scope.get(_CLOSED) and not started else started)
        if scope.get(_CLOSED):
            await _await_disconnect(receive)

    async def _handle(self, scope: Scope, receive: Receive, send: Send, headers: dict[str, str]) -> int:
        faults, path = self.state.faults, scope["path"]
        delay = faults.take_latency(path)
        if delay:
            await asyncio.sleep(delay)
        drop = faults.take_drop(path)
        if drop == "before_response":
            await self._cut(scope, receive)
            return 0
        scripted = faults.take_failure(scope["method"], path)
        if scripted is not None:
            extra = {} if scripted.retry_after is None else {"Retry-After": _retry_after(scripted.retry_after)}
            body = scripted.body if scripted.body is not None else b'{"error":"simulated failure"}'
            await Response(body, scripted.status, headers=extra, media_type="application/json")(scope, receive, send)
            return scripted.status
        if path.startswith("/api/") and path != TOKEN_PATH:
            expiry = self._token_expiry(headers.get("authorization", ""))
            if expiry is None:
                answer = JSONResponse({"error": "invalid_token", "description": "Missing, invalid or expired token"},
                                      status_code=401, headers={"WWW-Authenticate": "Bearer"})
                await answer(scope, receive, send)
                return 401
            scope["inspera.token_expiry"] = expiry
        if path.startswith("/api/"):
            receive, refusal = await self._described(scope, receive, headers)
            if refusal is not None:
                await refusal(scope, receive, send)
                return refusal.status_code
        return await self._forward(scope, receive, send, cut_midway=drop == "mid_body")

    async def _described(
        self, scope: Scope, receive: Receive, headers: dict[str, str]
    ) -> tuple[Receive, Response | None]:
        """Refuse what the API description rules out (unknown path or method, a broken rule) before any route runs."""
        method = scope["method"]
        match = self.described.match(scope["path"][len("/api") :], method)
        if match is None:
            return receive, HTTPFailure(404, "Not found", "no such resource").response()
        if match.operation is None:
            allow = ", ".join(match.allowed)
            body = {"error": "Method Not Allowed", "description": f"{method} is not one of {allow}"}
            return receive, JSONResponse(body, status_code=405, headers={"Allow": allow})
        raw = await _read_body(receive)
        replay = _replaying(raw, receive)
        query = parse_qs(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        try:
            self.described.check(match.operation, query, headers, raw)
        except HTTPFailure as refusal:
            return replay, refusal.response()
        return replay, None

    async def _forward(self, scope: Scope, receive: Receive, send: Send, *, cut_midway: bool) -> int:
        status = 0
        cut_at: int | None = None
        sent = 0

        async def watched(message: Message) -> None:
            nonlocal status, cut_at, sent
            if message["type"] == "http.response.start":
                status = message["status"]
                if cut_midway or scope.get(TRUNCATE_FLAG):
                    length = dict(message.get("headers", [])).get(b"content-length")
                    cut_at = int(length) // 2 if length is not None else 0
            elif message["type"] == "http.response.body" and cut_at is not None:
                chunk: bytes = message.get("body", b"")
                if sent + len(chunk) >= cut_at:
                    await send({"type": "http.response.body", "body": chunk[: cut_at - sent], "more_body": True})
                    raise _Cut
                sent += len(chunk)
            await send(message)

        try:
            await self.routes(scope, receive, watched)
        except Exception as error:
            if not _is_cut(error):
                raise
            await self._cut(scope, receive)
        return status

    async def _cut(self, scope: Scope, receive: Receive) -> None:
        # The request is recorded before waiting for the server to notice the closed connection.
        scope[_CLOSED] = self.connections.close(scope.get("client"))

    def _token_expiry(self, authorization: str) -> float | None:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return self.state.tokens.expiry(token.strip())


async def _await_disconnect(receive: Receive) -> None:
    """Wait until the server has seen the close, so it does not try to answer on the dead connection."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(2.0):
            while (await receive())["type"] != "http.disconnect":
                pass


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replaying(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the already-read body to the route once, then waits on the real connection."""
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def replay() -> Message:
        return pending.pop() if pending else await receive()

    return replay


def _is_cut(error: BaseException) -> bool:
    if isinstance(error, _Cut):
        return True
    if isinstance(error, BaseExceptionGroup):
        return all(_is_cut(inner) for inner in error.exceptions)
    return False


def _retry_after(value: Any) -> str:
    # Whole seconds are sent as HTTP wants them; a fractional value is kept so tests can stay fast.
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = max(0.0, float(value))
        return str(int(seconds)) if seconds.is_integer() else f"{seconds:g}"
    return str(value)

"""An in-process fake Inspera (an httpx.MockTransport handler), a manual clock and recorded sleeps."""

from __future__ import annotations

import inspect
import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from inspera import AsyncInspera, Inspera

API_KEY = "key-0123456789abcdef-SECRET"
CLIENT_ID = "acme"
BASE_URL = "https://acme.inspera.no/api"

Reply = httpx.Response | Exception


class ManualClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Sleeps:
    calls: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)

    async def asleep(self, seconds: float) -> None:
        self.calls.append(seconds)


class FakeInspera:
    """Issues tokens, checks bearer headers, answers scripted replies first, then `routes`."""

    def __init__(self, *, expires_in: int = 3600, exchange_delay: float = 0.0) -> None:
        self.expires_in = expires_in
        self.exchange_delay = exchange_delay
        self.valid: set[str] = set()
        self.exchanges = 0
        self.requests: list[httpx.Request] = []
        self.scripted: list[tuple[str, str, list[Reply]]] = []
        self.routes: dict[tuple[str, str], Callable[[httpx.Request], httpx.Response]] = {}
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    def script(self, method: str, pattern: str, *replies: Reply) -> None:
        """Answer the next matching requests with `replies` in order (an exception is raised as a transport error)."""
        self.scripted.append((method, pattern, list(replies)))

    def route(self, method: str, path: str, answer: Callable[[httpx.Request], httpx.Response]) -> None:
        self.routes[(method, path)] = answer

    def expire_all(self) -> None:
        self.valid.clear()

    def count(self, method: str, path: str) -> int:
        return sum(1 for r in self.requests if r.method == method and r.url.path == path)

    def _scripted(self, request: httpx.Request) -> Reply | None:
        with self._lock:
            for method, pattern, replies in self.scripted:
                if method == request.method and re.search(pattern, request.url.path) and replies:
                    return replies.pop(0)
        return None

    def _exchange(self, request: httpx.Request) -> httpx.Response:
        if request.headers.get("code") != API_KEY:
            return httpx.Response(401, json={"error": "invalid_grant"})
        with self._lock:
            token = f"tok-{next(self._counter):04d}-{'x' * 24}"
            self.valid.add(token)
            self.exchanges += 1
        return httpx.Response(200, json={"access_token": token, "expires_in": self.expires_in})

    def handle(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.requests.append(request)
        scripted = self._scripted(request)
        if isinstance(scripted, Exception):
            raise scripted
        if scripted is not None:
            return scripted
        if request.url.path == "/api/authenticate/token/":
            if self.exchange_delay:
                time.sleep(self.exchange_delay)
            return self._exchange(request)
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or auth[7:] not in self.valid:
            return httpx.Response(401, json={"error": "invalid_token"})
        answer = self.routes.get((request.method, request.url.path.removeprefix("/api")))
        if answer is None:
            return httpx.Response(404, json={"error": "not_found", "description": "no such route"})
        return answer(request)

    def test_route(self, test_id: int = 7) -> None:
        self.route("GET", f"/v1/test/{test_id}", lambda _: httpx.Response(200, json={"assessmentRunId": test_id}))


def make_client(
    mode: str, fake: FakeInspera, *, clock: ManualClock | None = None, sleeps: Sleeps | None = None, **options: Any
) -> Inspera | AsyncInspera:
    sleeps = sleeps if sleeps is not None else Sleeps()
    transport = httpx.MockTransport(fake.handle)
    if mode == "sync":
        return Inspera(
            CLIENT_ID, API_KEY, base_url=BASE_URL, http_client=httpx.Client(transport=transport),
            clock=clock, sleep=sleeps, **options,
        )
    return AsyncInspera(
        CLIENT_ID, API_KEY, base_url=BASE_URL, http_client=httpx.AsyncClient(transport=transport),
        clock=clock, sleep=sleeps.asleep, **options,
    )


async def resolve(value: Any) -> Any:
    """Await the result of an AsyncInspera call; pass an Inspera result through."""
    return await value if inspect.isawaitable(value) else value


async def close(client: Inspera | AsyncInspera) -> None:
    if isinstance(client, AsyncInspera):
        await client.aclose()
    else:
        client.close()



def body_of(request: httpx.Request) -> Any:
    return json.loads(request.content) if request.content else None

"""An in-memory stand-in for the facade seam: scripted export jobs plus a MockTransport for signed URLs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import httpx

SIGNATURE = "feedface0123456789abcdef"


def submissions_file(candidates: int) -> bytes:
    records = [{"result": {"sourcedId": f"r{i}", "score": i * 1.5}} for i in range(candidates)]
    return json.dumps({"lineItemSourcedId": 7, "ext_inspera_candidates": records}).encode()


@dataclass
class FakeInspera:
    """Jobs finish after `polls_to_finish` status calls; the URL dance is controlled by the counters below."""

    polls_to_finish: int = 2
    body: bytes = field(default_factory=lambda: submissions_file(5))
    final_state: str = "success"
    running_state: str = "running"
    expired_fetches: int = 0  # next N fetches answer 403
    truncated_fetches: int = 0  # next N fetches send half the body with the full Content-Length
    token_seconds: float | None = 3600.0
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    fetch_headers: list[httpx.Headers] = field(default_factory=list)
    refreshes: int = 0
    url_serial: int = 0
    polls: dict[str, int] = field(default_factory=dict)

    def order_or_status(self, operation: ModuleType, kwargs: dict[str, Any]) -> dict[str, Any]:
        name = operation.__name__.rsplit(".", 1)[-1]
        self.calls.append((name, kwargs))
        if name.startswith("order_"):
            job_id = f"job{len(self.polls) + 1}"
            self.polls[job_id] = 0
            if name == "order_file_export":
                return {"jobId": job_id, "callbackUrl": f"/v1/fileExport/status/{job_id}"}
            return {"jobId": job_id, "status": "running", "progress": 0}
        job_id = kwargs["job_id"]
        self.polls[job_id] = self.polls.get(job_id, 0) + 1
        seen = self.polls[job_id]
        if seen < self.polls_to_finish:
            return {"jobId": job_id, "status": self.running_state, "progress": 100 * seen // self.polls_to_finish}
        if self.final_state != "success":
            return {"jobId": job_id, "status": self.final_state, "progress": 100}
        self.url_serial += 1
        url = f"https://files.example/exp/{job_id}.json?n={self.url_serial}&X-Amz-Signature={SIGNATURE}"
        return {"jobId": job_id, "status": "success", "progress": 100, "exportInfo": {"signedResponseUrl": url}}

    def handle_fetch(self, request: httpx.Request) -> httpx.Response:
        self.fetch_headers.append(request.headers)
        if "authorization" in request.headers:
            return httpx.Response(400, text="credentials not allowed")
        if self.expired_fetches:
            self.expired_fetches -= 1
            return httpx.Response(403, text="expired")
        if self.truncated_fetches:
            self.truncated_fetches -= 1
            half = self.body[: len(self.body) // 2]

            def cut() -> Any:
                yield half
                raise httpx.RemoteProtocolError("peer closed connection")

            return httpx.Response(200, headers={"Content-Length": str(len(self.body))}, content=cut())
        return httpx.Response(200, headers={"Content-Length": str(len(self.body))}, content=self.body)


class SyncFake:
    def __init__(self, fake: FakeInspera) -> None:
        self.fake = fake
        self.client = httpx.Client(transport=httpx.MockTransport(fake.handle_fetch), headers={"User-Agent": "t"})

    def call(self, operation: ModuleType, /, **kwargs: Any) -> Any:
        return self.fake.order_or_status(operation, kwargs)

    def token_ttl(self) -> float | None:
        return self.fake.token_seconds

    def refresh_token(self) -> None:
        self.fake.refreshes += 1
        self.fake.token_seconds = 3600.0

    def download_client(self) -> httpx.Client:
        return self.client


class AsyncFake:
    def __init__(self, fake: FakeInspera) -> None:
        self.fake = fake

        async def handler(request: httpx.Request) -> httpx.Response:
            response = fake.handle_fetch(request)
            if isinstance(response.stream, httpx.SyncByteStream):
                chunks = list(_drain(response))
                return httpx.Response(response.status_code, headers=response.headers, content=_agen(chunks))
            return response

        self.client = httpx.AsyncClient(transport=httpx.MockTransport(handler))

    async def call(self, operation: ModuleType, /, **kwargs: Any) -> Any:
        return self.fake.order_or_status(operation, kwargs)

    def token_ttl(self) -> float | None:
        return self.fake.token_seconds

    async def refresh_token(self) -> None:
        self.fake.refreshes += 1
        self.fake.token_seconds = 3600.0

    def download_client(self) -> httpx.AsyncClient:
        return self.client


def _drain(response: httpx.Response) -> Any:
    try:
        yield from response.stream  # type: ignore[misc]
    except httpx.RemoteProtocolError as exc:
        yield exc


async def _agen(chunks: list[Any]) -> Any:
    for chunk in chunks:
        if isinstance(chunk, Exception):
            raise chunk
        yield chunk


class FakeClock:
    """Monotonic clock advanced only by the fake sleep."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)

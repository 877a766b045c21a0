"""Deadlines are deadlines: `wait(timeout=)` and `download(deadline=)` bound everything inside them.

A server that asks for long Retry-After pauses, refuses for the concurrency limit, or drips its headers or body a
byte at a time cannot hold a wait or a download past its bound: `timeout` (plus the short grace a last status check
started before it may take, `jobs.io_bound`) for `wait()`, `deadline` for `download()` and `json()`. The bounds
asserted here are upper bounds with a second of slack for a loaded machine; nothing asserts how fast anything is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from inspera.exports import ExportTimeout
from inspera.exports.jobs import io_bound

from tests.hardening.hostile import SUBMISSIONS, Clock, HostileServer, Request, Side, Wire

pytestmark = pytest.mark.timeout(60)

STATUS = r"^/api/v1/test/\d+/submissions/[^/]+$"
SIGNED = r"^/signed/"
TOKEN_PATH = r"^/api/authenticate/token/?$"
SLACK = 1.0
RUNNING = json.dumps({"jobId": "job-1", "status": "running", "progress": 10}).encode()
Handler = Callable[[Request, Wire], None]


def answer(status: int, body: bytes = b"", **options: Any) -> Handler:
    return lambda _request, wire: wire.answer(status, body, **options)


def dripped_body(body: bytes, every: float = 0.1) -> Handler:
    def handler(_request: Request, wire: Wire) -> None:
        if wire.send(wire.head(200, {"Content-Type": "application/json", "Content-Length": str(len(body))})):
            wire.drip(body, every)

    return handler


def dripped_head(every: float = 0.05) -> Handler:
    return lambda _request, wire: wire.drip(b"HTTP/1.1 200 OK\r\nX-Padding: " + b"a" * 10_000, every)


SLOW_POLLS: list[tuple[str, Handler, dict[str, Any]]] = [
    ("503 with Retry-After: 30", answer(503, headers={"Retry-After": "30"}), {"max_retries": 5}),
    ("503 with Retry-After: 1000000000", answer(503, headers={"Retry-After": "1000000000"}), {"max_retries": 2}),
    ("503 with a Retry-After date in 9999", answer(503, headers={"Retry-After": "Fri, 31 Dec 9999 23:59:59 GMT"}),
     {"max_retries": 5}),
    ("429 with Retry-After: 1000000000", answer(429, headers={"Retry-After": "1000000000"}), {"limit_wait": None}),
    ("500 with back-offs adding up past the timeout", answer(500), {"max_retries": 5}),
    ("429 with Retry-After: 30 (the concurrency limit)", answer(429, headers={"Retry-After": "30"}), {}),
    ("a body dripped a byte at a time", dripped_body(RUNNING), {}),
    ("headers dripped a byte at a time", dripped_head(), {}),
    ("no answer at all within the read timeout", lambda _r, w: w.drip(b"H", 30), {"timeout": 30}),
]


@pytest.mark.parametrize(("case", "handler", "options"), SLOW_POLLS, ids=[c[0] for c in SLOW_POLLS])
def test_wait_timeout_bounds_everything_inside_a_poll(
    side: Callable[..., Side], server: HostileServer, case: str, handler: Handler, options: dict[str, Any]
) -> None:
    server.route("GET", STATUS, handler)
    client = side(**options)
    _, job = job_of(client)
    with Clock() as clock, pytest.raises(ExportTimeout) as caught:
        client.run(job.wait(timeout=1.0))
    bound = io_bound(1.0)
    assert bound is not None and clock.seconds < bound + SLACK, case
    assert caught.value.waited is not None and 1.0 <= caught.value.waited < bound + SLACK
    assert f"after {caught.value.waited:.1f} s (timeout 1 s)" in str(caught.value)
    assert caught.value.continuation_token
    assert all(pause <= bound for pause in client.slept), client.slept  # Retry-After cut to the time left


@pytest.mark.parametrize("retry_after", ["1000000000", "inf", "Fri, 31 Dec 9999 23:59:59 GMT"])
def test_a_retry_pause_ends_at_the_timeout_and_no_attempt_starts_after_it(
    side: Callable[..., Side], server: HostileServer, retry_after: str
) -> None:
    """The grace after the timeout is for a status check under way, not for pauses or new attempts."""
    server.route("GET", STATUS, answer(503, headers={"Retry-After": retry_after}))
    client = side(max_retries=2)
    _, job = job_of(client)
    polls = len(server.requests)
    with Clock() as clock, pytest.raises(ExportTimeout, match="did not complete in time"):
        client.run(job.wait(timeout=1.0))
    assert clock.seconds < 1.0 + SLACK
    assert client.slept and all(pause <= 1.0 for pause in client.slept), client.slept
    assert len(server.requests) == polls + 1  # the one poll; its retry had no time left


def test_the_token_exchanges_409_back_off_is_bounded_by_the_wait(
    side: Callable[..., Side], server: HostileServer
) -> None:
    client = side()
    _, job = job_of(client)
    server.route("POST", TOKEN_PATH, answer(409, b'{"error": "Multiple tokens for user"}'))
    client.client._core._token = None
    client.client._core._conflict_backoff = 30.0
    with Clock() as clock, pytest.raises(ExportTimeout, match="did not complete in time"):
        client.run(job.wait(timeout=1.0))
    assert clock.seconds < 1.0 + SLACK and all(pause <= 1.0 for pause in client.slept), client.slept


@pytest.mark.parametrize("call", ["download", "json"])
def test_a_huge_retry_after_of_the_storage_host_is_cut_at_the_deadline(
    side: Callable[..., Side], server: HostileServer, tmp_path: Path, call: str
) -> None:
    server.route("GET", SIGNED, answer(503, headers={"Retry-After": "1000000000"}))
    client = side(max_retries=3)
    _, job = job_of(client)
    with Clock() as clock, pytest.raises(ExportTimeout, match=r"\(deadline 1 s\)"):
        if call == "download":
            client.run(job.download(tmp_path / "f.json", deadline=1.0))
        else:
            client.run(job.json(deadline=1.0))
    assert clock.seconds < 1.0 + SLACK
    assert list(tmp_path.iterdir()) == []


def test_a_slow_token_exchange_inside_a_wait_is_bounded_too(side: Callable[..., Side], server: HostileServer) -> None:
    client = side()
    _, job = job_of(client)  # the order fetched a token; the poll will need a fresh one
    server.route("POST", TOKEN_PATH, dripped_body(b'{"access_token": "x", "expires_in": 3600}', every=0.2))
    client.client._core._token = None
    with Clock() as clock, pytest.raises(ExportTimeout, match="did not complete in time"):
        client.run(job.wait(timeout=1.0))
    assert clock.seconds < (io_bound(1.0) or 0) + SLACK


@pytest.mark.parametrize(
    ("case", "pattern", "handler"),
    [
        ("the job never finishes", STATUS, answer(200, RUNNING)),
        ("the file is dripped", SIGNED, dripped_body(SUBMISSIONS, every=0.05)),
        ("the storage host asks to retry in 30 s", SIGNED, answer(503, headers={"Retry-After": "30"})),
        ("the storage host drips its headers", SIGNED, dripped_head()),
    ],
)
def test_download_deadline_bounds_waiting_polling_retries_and_the_transfer(
    side: Callable[..., Side], server: HostileServer, tmp_path: Path, case: str, pattern: str, handler: Handler
) -> None:
    server.route("GET", pattern, handler)
    client = side(max_retries=3)
    _, job = job_of(client)
    with Clock() as clock, pytest.raises(ExportTimeout) as caught:
        client.run(job.download(tmp_path / "f.json", deadline=1.0))
    assert clock.seconds < 1.0 + SLACK, case
    assert "(deadline 1 s)" in str(caught.value) and caught.value.waited is not None
    assert list(tmp_path.iterdir()) == []


def test_json_deadline_bounds_a_dripped_file(side: Callable[..., Side], server: HostileServer) -> None:
    server.route("GET", SIGNED, dripped_body(SUBMISSIONS, every=0.05))
    client = side()
    _, job = job_of(client)
    with Clock() as clock, pytest.raises(ExportTimeout):
        client.run(job.json(deadline=0.8))
    assert clock.seconds < 0.8 + SLACK


def test_a_download_within_its_deadline_succeeds(
    side: Callable[..., Side], server: HostileServer, tmp_path: Path
) -> None:
    client = side()
    _, job = job_of(client)
    path = client.run(job.download(tmp_path / "f.json", deadline=30))
    assert path.read_bytes() == SUBMISSIONS


def test_wait_with_a_zero_timeout_polls_once(side: Callable[..., Side], server: HostileServer) -> None:
    server.route("GET", STATUS, answer(200, RUNNING))
    client = side()
    _, job = job_of(client)
    polls = len(server.requests)
    with pytest.raises(ExportTimeout, match="still running"):
        client.run(job.wait(timeout=0))
    assert len(server.requests) == polls + 1


def test_an_injected_http_client_is_bounded_by_the_deadline_too(mode: str, server: HostileServer) -> None:
    """With `http_client=` the network streams are the caller's, but the clamped timeouts and the checks between
    body chunks still end a dripped poll at the deadline (give or take one drip)."""
    server.route("GET", STATUS, dripped_body(RUNNING, every=0.1))
    if mode == "sync":
        with httpx.Client() as http:
            client = Side(mode, server, http_client=http, max_retries=0)
            try:
                _, job = job_of(client)
                with Clock() as clock, pytest.raises(ExportTimeout):
                    client.run(job.wait(timeout=1.0))
            finally:
                client.close()
    else:
        import asyncio

        async def scenario() -> float:
            from inspera import AsyncInspera
            from inspera.exports import AsyncExports, PollPolicy

            async with httpx.AsyncClient() as http, AsyncInspera(
                server.client_id, server.api_key, base_url=server.base_url, http_client=http, max_retries=0
            ) as client:
                job = await AsyncExports(client, poll_policy=PollPolicy(initial=0.05, cap=0.2)).submissions(1)
                with Clock() as clock, pytest.raises(ExportTimeout):
                    await job.wait(timeout=1.0)
                return clock.seconds

        seconds = asyncio.run(scenario())
        assert seconds < (io_bound(1.0) or 0) + SLACK
        return
    assert clock.seconds < (io_bound(1.0) or 0) + SLACK


def job_of(client: Side) -> tuple[Any, Any]:
    exports = client.exports()
    return exports, client.run(exports.submissions(1))

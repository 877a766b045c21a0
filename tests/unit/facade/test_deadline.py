"""The overall deadline: scopes, sleeps cut to the time left, clamped timeouts, and the network streams of the
built-in transports (installed into httpx's pool, which a test must notice if an httpx upgrade moves it)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import httpcore
import httpx
import pytest
from inspera import AsyncInspera, Inspera
from inspera._http import drive as _drive
from inspera._http.deadline import DeadlineExceeded, clamp, cut, end, left, within
from inspera._http.deadline_net import READ_SIZE, AsyncStream, Stream, install
from inspera._http.drive import Plan, Send, Sleep
from inspera._http.redact import HARMLESS_PARAMS


def test_scopes_nest_and_never_extend_an_outer_deadline() -> None:
    assert end() is None and left() is None and cut(5.0) == 5.0
    with within(10.0):
        outer = end()
        assert outer is not None and 9.0 < (left() or 0) <= 10.0
        with within(100.0):
            assert end() == outer  # the earlier end stays
        with within(1.0):
            inner = end()
            assert inner is not None and inner < outer and cut(5.0) <= 1.0
        with within(None):
            assert end() == outer
        assert end() == outer
    assert end() is None


def test_a_scope_is_local_to_its_task() -> None:
    async def inside() -> float | None:
        with within(5.0):
            await asyncio.sleep(0)
            return end()

    async def outside() -> float | None:
        await asyncio.sleep(0)
        return end()

    async def main() -> tuple[float | None, float | None]:
        first, second = await asyncio.gather(inside(), outside())
        return first, second

    first, second = asyncio.run(main())
    assert first is not None and second is None


def test_clamp_shortens_every_timeout_and_refuses_once_the_deadline_passed() -> None:
    request = httpx.Request("GET", "https://h/x", extensions={"timeout": {"connect": 10, "read": 30, "write": 30,
                                                                           "pool": None}})
    clamp(request, time.monotonic() + 2.0)
    timeouts = request.extensions["timeout"]
    assert all(0 < value <= 2.0 for value in timeouts.values())
    clamp(request, time.monotonic() + 50.0)  # a later clamp starts from the original values again
    assert request.extensions["timeout"]["connect"] == 10 and request.extensions["timeout"]["pool"] > 40
    with pytest.raises(DeadlineExceeded):
        clamp(request, time.monotonic() - 0.01)


@pytest.mark.parametrize("kind", [httpx.HTTPTransport, httpx.AsyncHTTPTransport])
def test_the_network_backend_of_httpx_pools_can_be_wrapped(kind: type) -> None:
    transport = kind()
    assert install(transport) is True
    assert type(transport._pool._network_backend).__module__ == "inspera._http.deadline_net"
    assert install(transport) is True  # once only
    assert install(object()) is False


class _Recorder(httpcore.NetworkStream):
    """An inner stream that records what each read asked for and fills it (`full`) or returns one byte."""

    def __init__(self) -> None:
        self.asked: list[tuple[int, float | None]] = []
        self.full = True

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        self.asked.append((max_bytes, timeout))
        return b"x" * (max_bytes if self.full else 1)


class _AsyncRecorder(httpcore.AsyncNetworkStream):
    def __init__(self) -> None:
        self.asked: list[int] = []

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        self.asked.append(max_bytes)
        return b"x" * max_bytes


KIB = 1024


def test_reads_grow_while_they_come_back_full_and_shrink_when_short() -> None:
    inner = _Recorder()
    stream = Stream(inner)
    for _ in range(6):
        stream.read(64 * KIB, 30.0)
    assert [size for size, _ in inner.asked] == [64 * KIB, 128 * KIB, 256 * KIB, 512 * KIB, READ_SIZE, READ_SIZE]
    assert {timeout for _, timeout in inner.asked} == {30.0}
    inner.full = False  # short reads: back down to what httpcore asks for, never below it
    for _ in range(6):
        assert stream.read(64 * KIB, None) == b"x"
    assert [size for size, _ in inner.asked[6:]] == [READ_SIZE, 512 * KIB, 256 * KIB, 128 * KIB, 64 * KIB, 64 * KIB]
    with within(2.0):  # the deadline still clamps every read
        stream.read(64 * KIB, 30.0)
    assert 0 < (inner.asked[-1][1] or 0) <= 2.0

    ainner = _AsyncRecorder()
    astream = AsyncStream(ainner)

    async def main() -> None:
        for _ in range(3):
            await astream.read(64 * KIB, None)

    asyncio.run(main())
    assert ainner.asked == [64 * KIB, 128 * KIB, 256 * KIB]


def test_a_small_answer_keeps_httpcores_read_size() -> None:
    inner = _Recorder()
    inner.full = False
    stream = Stream(inner)
    for _ in range(3):
        stream.read(64 * KIB)
    assert [size for size, _ in inner.asked] == [64 * KIB] * 3


def test_clients_build_their_transport_with_the_deadline_streams() -> None:
    with Inspera("c", "k", base_url="http://127.0.0.1:1/api") as client:
        assert type(client._inner._pool._network_backend).__module__ == "inspera._http.deadline_net"

    async def main() -> None:
        async with AsyncInspera("c", "k", base_url="http://127.0.0.1:1/api") as aclient:
            assert type(aclient._inner._pool._network_backend).__module__ == "inspera._http.deadline_net"

    asyncio.run(main())


def test_importing_the_client_does_not_load_httpcore() -> None:
    # httpx loads httpcore with its first transport; the deadline streams wait for that too (import time).
    program = "import sys; from inspera import Inspera, AsyncInspera; print('httpcore' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "False"


def test_the_harmless_query_names_are_the_api_query_parameters_and_signed_url_metadata() -> None:
    spec = json.loads((Path(__file__).parents[3] / "openapi" / "openapi.json").read_text())
    names = set()
    for item in spec["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter.get("in") == "query":
                    names.add(parameter["name"].lower())
    api_names = {name for name in HARMLESS_PARAMS if not name.startswith(("x-amz-", "x-goog-"))}
    assert api_names == names  # the API's own parameters stay readable in logs, and nothing else is let through
    assert not {"x-amz-signature", "x-goog-signature", "x-amz-credential", "x-amz-security-token", "sig", "signature",
                "token", "code", "key", "sv", "se", "sp"} & HARMLESS_PARAMS


def test_a_grace_lets_requests_run_on_but_cuts_pauses_at_the_deadline() -> None:
    with within(1.0, grace=0.5):
        at = end()
        assert at is not None and 1.4 < at - time.monotonic() <= 1.5  # requests: timeout plus grace
        assert 0.9 < cut(30.0) <= 1.0  # pauses: the timeout itself
        with within(5.0):
            assert end() == at and cut(30.0) <= 1.0  # an inner scope extends neither bound
        with within(0.2, grace=10.0):
            assert end() == at and cut(30.0) <= 0.2


def _retrying(pauses: list[float]) -> Plan[str]:
    for pause in pauses:
        outcome = yield Send(httpx.Request("GET", "http://127.0.0.1:9/"))
        assert outcome is not None
        yield Sleep(pause)
    return "done"


def test_a_plan_whose_pause_is_cut_ends_with_deadline_exceeded_and_sends_no_more() -> None:
    sent: list[httpx.Request] = []
    slept: list[float] = []

    def send(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(503)

    assert _drive.run(_retrying([0.01, 0.01]), send, slept.append) == "done"  # no deadline: every pause taken
    sent.clear()
    with within(0.3), pytest.raises(DeadlineExceeded, match="waiting to retry"):
        _drive.run(_retrying([0.01, 1000.0, 0.01]), send, slept.append)
    assert len(sent) == 2 and slept[-1] <= 0.3


def test_the_async_driver_cuts_pauses_the_same_way() -> None:
    slept: list[float] = []

    async def send(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503)

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    async def scenario() -> None:
        with within(0.3), pytest.raises(DeadlineExceeded):
            await _drive.arun(_retrying([1e9]), send, sleep)

    asyncio.run(scenario())
    assert slept and slept[0] <= 0.3

"""The fault matrix: every failure the simulator can inject, against `Inspera` and `AsyncInspera`, in one suite.

Each case ends either in success with the same data a clean run gets (the model's JSON, the export file byte for
byte) or in one specific subclass of `InsperaError`; a failed download never leaves a partial or temporary file
and never touches the file already at the target.

Clients get a recording `sleep` that waits at most SLEEP_CAP seconds: the delays the client *asks* for
(Retry-After, backoff) are asserted from the recording, so the suite stays fast and asserts no timings.
"""

from __future__ import annotations

import asyncio
import inspect
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pytest
from inspera import AsyncInspera, Inspera
from inspera.errors import (
    AuthenticationError,
    InsperaConnectionError,
    InsperaError,
    InsperaTimeoutError,
    InternalServerError,
    RateLimitError,
)
from inspera.exports import AsyncExports, DownloadPolicy, ExportDownloadError, ExportFailed, Exports, PollPolicy
from inspera.testing import InsperaSimulator

from tests.support.secret_guard import SecretGuard

TEST = r"/v1/test/\d+$"
OPTIONS = r"/v1/test/\d+/options$"
TOKEN = r"/authenticate/token/?$"
STATUS = r"/v1/test/\d+/submissions/[^/]+$"
SIGNED = r"^/signed/"

SLEEP_CAP = 0.02
FAST_TIMEOUT = 0.25  # client timeout for the read-timeout cases ...
LATENCY = 0.75  # ... which the injected latency exceeds
SENTINEL = b"the file that was here before\n"
MARK = "FAULT_MATRIX_MARK"

Mode = Literal["sync", "async"]
Target = Literal["get", "post", "export"]
Stage = Literal["before", "after_order", "after_wait"]


@dataclass
class Run:
    """What one case observed; `check` functions assert on it."""

    sim: InsperaSimulator
    slept: list[float] = field(default_factory=list)
    first_request: int = 0
    error: InsperaError | None = None

    def requests(self, method: str, pattern: str, *, at_least: int = 0) -> list[Any]:
        """Requests since the case started; waits briefly for a dropped one to be recorded (no timing asserted)."""
        deadline = time.monotonic() + 2.0
        while True:
            found = [r for r in list(self.sim.stats.requests)[self.first_request :]
                     if r.method == method and re.search(pattern, r.path)]
            if len(found) >= at_least or time.monotonic() > deadline:
                return found
            time.sleep(0.02)


@dataclass(frozen=True)
class Fault:
    name: str
    target: Target
    arm: Callable[[InsperaSimulator], object]
    error: type[InsperaError] | None = None  # None: the call must succeed with clean data
    stage: Stage = "before"  # exports: arm before ordering, after ordering, or once the job reported its URL
    options: dict[str, Any] = field(default_factory=dict)  # client options, e.g. a short timeout
    check: Callable[[Run], None] | None = None

    def __str__(self) -> str:
        return self.name


def _slept(*expected: float) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        assert run.slept[: len(expected)] == list(expected)

    return check


def _saw(method: str, pattern: str, *statuses: int) -> Callable[[Run], None]:
    """The fault fired: since the case started, the server answered matching requests with exactly `statuses`
    (0 = connection cut before an answer), in any order. Requests the client gave up on (read timeouts) are
    recorded once the server answers; waiting for them here also keeps them out of the next case's count.
    """

    def check(run: Run) -> None:
        seen = [r.status for r in run.requests(method, pattern, at_least=len(statuses))]
        assert sorted(seen) == sorted(statuses)

    return check


def _all(*checks: Callable[[Run], None]) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        for each in checks:
            each(run)

    return check


def _post_count(count: int, *, applied: bool) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        assert len(run.requests("POST", OPTIONS, at_least=count)) == count  # a POST is never sent twice by accident
        test_id = run.sim.test_ids[0]
        assert (MARK in run.sim.test_options(test_id).get("examDayOptions", {})) is applied

    return check


def _rate_limited(run: Run) -> None:
    assert isinstance(run.error, RateLimitError) and run.error.retry_after == 2.0
    assert run.slept == [2.0, 2.0]  # limit_wait=4 s of Retry-After sleeps, then the refusal surfaces


# Inspera documents that a request over its limit gets an error saying so, not which status; a body saying it is
# treated as a limit refusal whatever the status (here 503, with retries of ordinary failures switched off).
_LIMIT_BODY = '{"error":"Service Unavailable","description":"Concurrent request limit reached"}'


def _status_is(run: Run, status: int) -> None:
    assert getattr(run.error, "status", None) == status


def _exchanges(count: int) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        assert len(run.requests("POST", TOKEN, at_least=count)) == count

    return check


def _expire_after_use(sim: InsperaSimulator) -> None:
    sim.expire_tokens()


def _conflicting_refresh(times: int) -> Callable[[InsperaSimulator], None]:
    def arm(sim: InsperaSimulator) -> None:
        sim.faults.fail_next(TOKEN, 409, times=times, body='{"error":"Multiple tokens for user"}')
        sim.expire_tokens()

    return arm


FAULTS = [
    # -- API calls (GET /v1/test/{testId}; POST /v1/test/{testId}/options) ------------------------------------
    Fault("get-clean", "get", lambda sim: None, check=_saw("GET", TEST, 200)),
    Fault("get-429-retry-after", "get", lambda sim: sim.faults.fail_next(TEST, 429, retry_after=2),
          check=_all(_slept(2.0), _saw("GET", TEST, 429, 200))),
    Fault("get-429-burst", "get", lambda sim: sim.faults.fail_next(TEST, 429, times=5),
          check=_saw("GET", TEST, 429, 429, 429, 429, 429, 200)),  # limit refusals wait their turn, beyond max_retries
    Fault("get-429-beyond-limit-wait", "get", lambda sim: sim.faults.fail_next(TEST, 429, times=5, retry_after=2),
          error=RateLimitError, options={"limit_wait": 4.0}, check=_rate_limited),
    Fault("get-limit-reached-body", "get",
          lambda sim: sim.faults.fail_next(TEST, 503, times=3, body=_LIMIT_BODY),
          options={"max_retries": 0}, check=_saw("GET", TEST, 503, 503, 503, 200)),
    Fault("get-503-burst", "get", lambda sim: sim.faults.fail_next(TEST, 503, times=2),
          check=_saw("GET", TEST, 503, 503, 200)),
    Fault("get-503-burst-beyond-retries", "get", lambda sim: sim.faults.fail_next(TEST, 503, times=5),
          error=InternalServerError, check=_saw("GET", TEST, 503, 503, 503)),
    Fault("get-reset-before-response", "get", lambda sim: sim.faults.drop_connection(TEST),
          check=_saw("GET", TEST, 0, 200)),
    Fault("get-reset-mid-body", "get", lambda sim: sim.faults.drop_connection(TEST, when="mid_body"),
          check=_saw("GET", TEST, 200, 200)),  # the cut one had sent its status line
    Fault("get-reset-mid-body-beyond-retries", "get",
          lambda sim: sim.faults.drop_connection(TEST, when="mid_body", times=5), error=InsperaConnectionError,
          check=_saw("GET", TEST, 200, 200, 200)),
    Fault("get-read-timeout-once", "get", lambda sim: sim.faults.add_latency(TEST, LATENCY, times=1),
          options={"timeout": FAST_TIMEOUT}, check=_saw("GET", TEST, 200, 200)),
    Fault("get-read-timeout", "get", lambda sim: sim.faults.add_latency(TEST, LATENCY),
          error=InsperaTimeoutError, options={"timeout": FAST_TIMEOUT, "max_retries": 1},
          check=_saw("GET", TEST, 200, 200)),
    Fault("get-token-expired", "get", _expire_after_use, check=_all(_exchanges(1), _saw("GET", TEST, 401, 200))),
    Fault("get-409-on-exchange", "get", _conflicting_refresh(2), check=_exchanges(3)),
    Fault("get-409-on-exchange-persistent", "get", _conflicting_refresh(20), error=AuthenticationError,
          check=lambda run: _status_is(run, 409)),
    Fault("get-exchange-read-timeout", "get",
          lambda sim: (sim.expire_tokens(), sim.faults.add_latency(TOKEN, LATENCY)),
          error=InsperaTimeoutError, options={"timeout": FAST_TIMEOUT}, check=_saw("POST", TOKEN, 200)),
    Fault("post-503-retry-after", "post", lambda sim: sim.faults.fail_next(OPTIONS, 503, retry_after=1),
          check=_all(_slept(1.0), _post_count(2, applied=True))),
    Fault("post-503-without-retry-after", "post", lambda sim: sim.faults.fail_next(OPTIONS, 503),
          error=InternalServerError, check=_post_count(1, applied=False)),
    Fault("post-429", "post", lambda sim: sim.faults.fail_next(OPTIONS, 429),
          check=_post_count(2, applied=True)),  # a limit refusal was not processed: safe to resend a POST
    Fault("post-reset-before-response", "post", lambda sim: sim.faults.drop_connection(OPTIONS),
          error=InsperaConnectionError, check=_post_count(1, applied=False)),
    # -- export jobs (submissions of one test), downloaded over an existing file --------------------------------
    Fault("export-clean", "export", lambda sim: None, check=_saw("GET", SIGNED, 200)),
    Fault("export-expired-signed-url", "export", lambda sim: sim.faults.expire_signed_urls(), stage="after_wait",
          check=_saw("GET", SIGNED, 403, 200)),
    Fault("export-truncated-once", "export", lambda sim: sim.faults.truncate_download(),
          check=_saw("GET", SIGNED, 200, 200)),
    Fault("export-truncated-always", "export", lambda sim: sim.faults.truncate_download(times=20),
          error=ExportDownloadError),
    Fault("export-reset-before-body", "export", lambda sim: sim.faults.drop_connection(SIGNED),
          check=_saw("GET", SIGNED, 0, 200)),
    Fault("export-reset-mid-body", "export", lambda sim: sim.faults.drop_connection(SIGNED, when="mid_body"),
          check=_saw("GET", SIGNED, 200, 200)),
    Fault("export-reset-mid-body-always", "export",
          lambda sim: sim.faults.drop_connection(SIGNED, when="mid_body", times=20), error=ExportDownloadError),
    Fault("export-download-503-burst", "export", lambda sim: sim.faults.fail_next(SIGNED, 503, times=3),
          check=_saw("GET", SIGNED, 503, 503, 503, 200)),
    Fault("export-download-read-timeout-once", "export", lambda sim: sim.faults.add_latency(SIGNED, LATENCY, times=1),
          options={"timeout": FAST_TIMEOUT}, check=_saw("GET", SIGNED, 200, 200)),
    Fault("export-download-read-timeout", "export", lambda sim: sim.faults.add_latency(SIGNED, LATENCY),
          error=ExportDownloadError, options={"timeout": FAST_TIMEOUT, "max_retries": 0},
          check=_saw("GET", SIGNED, *[200] * 6)),  # 3 attempts for each of the two downloads
    Fault("export-status-429-retry-after", "export", lambda sim: sim.faults.fail_next(STATUS, 429, retry_after=1),
          check=_all(_slept(1.0), _saw("GET", STATUS, 429, 200))),
    Fault("export-status-503-persistent", "export", lambda sim: sim.faults.fail_next(STATUS, 503, times=20),
          error=InternalServerError),
    Fault("export-token-expired-mid-export", "export", lambda sim: sim.expire_tokens(), stage="after_order",
          check=_all(_exchanges(2), _saw("GET", STATUS, 401, 200))),
    Fault("export-failed-job", "export", lambda sim: sim.faults.fail_export(), error=ExportFailed),
]


# -- fixtures -------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sim() -> Iterator[InsperaSimulator]:
    with InsperaSimulator(export_duration=0.0, candidates=3, tests=1, seed=8) as simulator:
        simulator.set_test_status(simulator.test_ids[0], "created")
        yield simulator


@pytest.fixture(scope="module")
def clean(sim: InsperaSimulator, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Reference data from fault-free calls: the test's metadata and a downloaded submissions export."""
    target = tmp_path_factory.mktemp("clean") / "export.json"
    with Inspera(sim.client_id, sim.api_key, base_url=sim.base_url) as client:
        metadata = client.tests.get(sim.test_ids[0]).to_dict()
        job = client.exports.submissions(sim.test_ids[0])
        job.download(target)
    return {"metadata": metadata, "export": target.read_bytes()}


@pytest.fixture(autouse=True)
def _no_leftover_faults(sim: InsperaSimulator) -> Iterator[None]:
    sim.faults.clear()
    yield
    sim.faults.clear()


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> Mode:
    value: Mode = request.param
    return value


# -- the suite ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fault", FAULTS, ids=str)
async def test_fault(
    fault: Fault, mode: Mode, sim: InsperaSimulator, clean: dict[str, Any], tmp_path: Path, secret_guard: SecretGuard
) -> None:
    run = Run(sim, first_request=len(sim.stats.requests))
    client = _client(mode, sim, run.slept, fault.options)
    try:
        if fault.target == "export":
            await _export_case(fault, mode, client, run, clean["export"], tmp_path)
        else:
            await _api_case(fault, client, run, clean["metadata"], f"{fault.name}-{mode}")
        secret_guard.observe(client)
    finally:
        await _resolve(client.aclose() if isinstance(client, AsyncInspera) else client.close())
    if fault.error is None:
        assert run.error is None, f"expected success, got {run.error!r}"
    else:
        assert type(run.error) is fault.error, f"expected {fault.error.__name__}, got {run.error!r}"
        secret_guard.observe(run.error)
    if fault.check is not None:
        fault.check(run)


async def _api_case(fault: Fault, client: Any, run: Run, reference: dict[str, Any], mark: str) -> None:
    test_id = run.sim.test_ids[0]
    # A first clean call gets the client its token, so token faults hit a refresh, not the first exchange.
    assert (await _resolve(client.tests.get(test_id))).to_dict() == reference
    if fault.target == "post":  # start from a test without the option (an option without a value is removed)
        await _resolve(client.tests.set_options(test_id, _options(None)))
    run.first_request = len(run.sim.stats.requests)
    fault.arm(run.sim)
    try:
        if fault.target == "get":
            assert (await _resolve(client.tests.get(test_id))).to_dict() == reference
        else:
            await _resolve(client.tests.set_options(test_id, _options(mark)))
            assert run.sim.test_options(test_id)["examDayOptions"][MARK] == mark
    except InsperaError as error:
        run.error = error


async def _export_case(fault: Fault, mode: Mode, client: Any, run: Run, reference: bytes, folder: Path) -> None:
    exports = _exports(mode, client, run.slept)
    target = folder / "export.json"
    target.write_bytes(SENTINEL)
    try:
        if fault.stage == "before":
            fault.arm(run.sim)
        job = await _resolve(exports.submissions(run.sim.test_ids[0]))
        if fault.stage == "after_order":
            fault.arm(run.sim)
        if fault.stage == "after_wait":
            assert (await _resolve(job.wait(timeout=10))).download_url
            fault.arm(run.sim)
        path = await _resolve(job.download(target, overwrite=True))
    except InsperaError as error:
        run.error = error
        # The same failure again into a fresh path: nothing may appear there either.
        with pytest.raises(type(error)):
            await _resolve(job.download(folder / "fresh.json"))
        assert sorted(p.name for p in folder.iterdir()) == ["export.json"]  # no partial or temp file
        assert target.read_bytes() == SENTINEL  # the existing file is untouched
        return
    assert path == target
    assert sorted(p.name for p in folder.iterdir()) == ["export.json"]
    assert target.read_bytes() == reference


# -- plumbing -------------------------------------------------------------------------------------------------------
def _options(value: str | None) -> dict[str, Any]:
    return {"testOptions": {"examDayOptions": [{"option": MARK, "value": value}]}}


def _client(mode: Mode, sim: InsperaSimulator, slept: list[float], options: dict[str, Any]) -> Any:
    settings = {"timeout": 5.0, "max_retries": 2, **options}
    if mode == "sync":
        def sleep(seconds: float) -> None:
            slept.append(seconds)
            time.sleep(min(seconds, SLEEP_CAP))

        return Inspera(sim.client_id, sim.api_key, base_url=sim.base_url, sleep=sleep, **settings)

    async def asleep(seconds: float) -> None:
        slept.append(seconds)
        await asyncio.sleep(min(seconds, SLEEP_CAP))

    return AsyncInspera(sim.client_id, sim.api_key, base_url=sim.base_url, sleep=asleep, **settings)


def _exports(mode: Mode, client: Any, slept: list[float]) -> Exports | AsyncExports:
    options: dict[str, Any] = {
        "poll_policy": PollPolicy(initial=0.05, fraction=0.15, cap=0.2),
        "download_policy": DownloadPolicy(max_attempts=3, retry_backoff=0.01),
    }
    if mode == "sync":
        def sleep(seconds: float) -> None:
            slept.append(seconds)
            time.sleep(min(seconds, SLEEP_CAP))

        return Exports(client, sleep=sleep, **options)

    async def asleep(seconds: float) -> None:
        slept.append(seconds)
        await asyncio.sleep(min(seconds, SLEEP_CAP))

    return AsyncExports(client, sleep=asleep, **options)


async def _resolve(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


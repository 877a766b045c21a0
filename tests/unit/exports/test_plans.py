"""The sans-IO core: the polling schedule, the wait plan and the fetch plan, driven by hand."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from inspera.exports.core import (
    DownloadPolicy,
    Fetch,
    JobCore,
    Poll,
    RefreshToken,
    Sleep,
    as_payload,
    job_id_from_order,
)
from inspera.exports.errors import ExportDownloadError, ExportError, ExportFailed, ExportTimeout
from inspera.exports.kinds import RESULTS
from inspera.exports.polling import PollPolicy
from inspera.exports.status import ExportState, ExportStatus
from inspera.exports.token import parse_token
from inspera.exports.transfer import FetchResult, Outcome

URL = "https://s3.example/f.json?X-Amz-Signature=s3cr3t"


def reading(state: str, url: str | None = None, retry_after: float | None = None) -> ExportStatus:
    core = JobCore(RESULTS, "j1", {"test_id": 1})
    payload: dict[str, Any] = {"status": state, "progress": 50}
    if url:
        payload["exportInfo"] = {"signedResponseUrl": url}
    return core.record(payload, retry_after=retry_after)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def run_wait(
    core: JobCore,
    readings: list[ExportStatus],
    clock: Clock,
    timeout: float | None = None,
    seen: list[ExportStatus] | None = None,
) -> tuple[list[Any], Any]:
    """Drive a wait plan; returns the steps taken and the result (or raised error)."""
    plan = core.wait_plan(timeout, seen.append if seen is not None else None, clock)
    steps: list[Any] = []
    feed = iter(readings)
    reply: Any = None
    try:
        while True:
            step = plan.send(reply)
            steps.append(step)
            if isinstance(step, Poll):
                reply = next(feed)
            else:
                clock.now += step.seconds
                reply = None
    except StopIteration as stop:
        return steps, stop.value
    except (ExportTimeout, ExportFailed) as exc:
        return steps, exc


def test_policy_starts_at_initial_and_grows_to_cap() -> None:
    policy = PollPolicy(initial=0.5, fraction=0.15, cap=15.0)
    assert policy.delay(0.0) == 0.5
    assert policy.delay(10.0) == pytest.approx(1.5)
    assert policy.delay(10_000.0) == 15.0
    assert policy.delay(0.0, retry_after=7.0) == 7.0
    assert policy.delay(0.0, retry_after=10_000.0) == policy.max_retry_after
    with pytest.raises(ValueError):
        PollPolicy(initial=0)


@given(duration=st.floats(min_value=0.0, max_value=20_000.0))
def test_wait_notices_completion_within_the_latency_bound(duration: float) -> None:
    """Simulate a job finishing at `duration`: wait() returns within max(initial, fraction*duration) of it."""
    policy = PollPolicy()
    now, elapsed_polls = 0.0, 0
    while now < duration:
        now += policy.delay(now)
        elapsed_polls += 1
    assert now - duration <= max(policy.initial, min(policy.cap, policy.fraction * duration)) + 1e-9
    assert elapsed_polls <= 30 + duration / policy.cap


def test_first_poll_is_immediate_and_success_returns_the_status() -> None:
    core = JobCore(RESULTS, "j1", {"test_id": 1})
    clock = Clock()
    steps, result = run_wait(core, [reading("running"), reading("running"), reading("success", URL)], clock)
    assert isinstance(steps[0], Poll)
    assert [type(s) for s in steps] == [Poll, Sleep, Poll, Sleep, Poll]
    assert result.done and result.download_url == URL


def test_unknown_states_are_reported_and_waited_through(caplog: pytest.LogCaptureFixture) -> None:
    core = JobCore(RESULTS, "j1", {"test_id": 1})
    seen: list[ExportStatus] = []
    odd = core.record({"status": "CONVERTING"})
    _, result = run_wait(core, [odd, odd, reading("success", URL)], Clock(), seen=seen)
    assert result.done
    assert [s.state for s in seen] == [ExportState.UNKNOWN, ExportState.UNKNOWN, ExportState.SUCCEEDED]
    assert seen[0].vendor_state == "CONVERTING"
    assert sum("CONVERTING" in r.getMessage() for r in caplog.records) == 1


@pytest.mark.parametrize("vendor", ["failed", "error"])
def test_failed_job_raises_export_failed(vendor: str) -> None:
    core = JobCore(RESULTS, "j1", {"test_id": 1})
    _, error = run_wait(core, [reading("running"), reading(vendor)], Clock())
    assert isinstance(error, ExportFailed)
    assert error.job_id == "j1" and error.status.vendor_state == vendor


def test_deadline_raises_timeout_with_a_usable_token_and_never_oversleeps() -> None:
    core = JobCore(RESULTS, "j1", {"test_id": 1})
    clock = Clock()
    steps, error = run_wait(core, [reading("running")] * 50, clock, timeout=2.2)
    assert isinstance(error, ExportTimeout)
    assert clock.now == pytest.approx(2.2)
    assert isinstance(steps[-1], Poll)  # a last look at the deadline itself
    token = parse_token(error.continuation_token)
    assert (token.kind, token.job_id, dict(token.params)) == (RESULTS, "j1", {"test_id": 1})


def test_zero_timeout_polls_once() -> None:
    core = JobCore(RESULTS, "j1", {"test_id": 1})
    steps, error = run_wait(core, [reading("running")], Clock(), timeout=0)
    assert isinstance(error, ExportTimeout) and steps == [Poll()]


def test_retry_after_stretches_the_next_sleep() -> None:
    core = JobCore(RESULTS, "j1", {"test_id": 1})
    steps, _ = run_wait(core, [reading("running", retry_after=4.0), reading("success", URL)], Clock())
    assert steps[1] == Sleep(4.0)


def drive_fetch(
    plan: Generator[Any, Any, FetchResult], outcomes: list[FetchResult], polls: list[ExportStatus]
) -> tuple[list[Any], Any]:
    steps: list[Any] = []
    outcome_iter, poll_iter = iter(outcomes), iter(polls)
    reply: Any = None
    try:
        while True:
            step = plan.send(reply)
            steps.append(step)
            if isinstance(step, Fetch):
                reply = next(outcome_iter)
            elif isinstance(step, Poll):
                reply = next(poll_iter)
            else:
                reply = None
    except StopIteration as stop:
        return steps, stop.value
    except ExportDownloadError as exc:
        return steps, exc


OK = FetchResult(Outcome.OK, status_code=200, received=10)
EXPIRED = FetchResult(Outcome.EXPIRED, status_code=403, detail="HTTP 403")
DROPPED = FetchResult(Outcome.DROPPED, detail="got 5 of 10 bytes")


def test_expired_url_earns_exactly_one_repoll() -> None:
    core = JobCore(RESULTS, "j1", {"test_id": 1})
    fresh = reading("success", URL + "2")
    steps, result = drive_fetch(core.fetch_plan(reading("success", URL), None), [EXPIRED, OK], [fresh])
    assert [type(s) for s in steps] == [Fetch, Poll, Fetch]
    assert steps[2].url == URL + "2" and result is OK

    steps, error = drive_fetch(core.fetch_plan(reading("success", URL), None), [EXPIRED, EXPIRED], [fresh])
    assert isinstance(error, ExportDownloadError) and error.status_code == 403
    assert "s3cr3t" not in str(error) and "s3cr3t" not in repr(steps)


def test_drops_are_retried_with_backoff_then_given_up() -> None:
    core = JobCore(RESULTS, "j1", {"test_id": 1}, download_policy=DownloadPolicy(max_attempts=3, retry_backoff=0.1))
    steps, result = drive_fetch(core.fetch_plan(reading("success", URL), None), [DROPPED, DROPPED, OK], [])
    assert [s for s in steps if isinstance(s, Sleep)] == [Sleep(0.1), Sleep(0.2)] and result is OK
    _, error = drive_fetch(core.fetch_plan(reading("success", URL), None), [DROPPED] * 3, [])
    assert isinstance(error, ExportDownloadError) and "after 3 attempts" in str(error)


def test_short_lived_token_is_refreshed_and_url_renewed_before_fetching() -> None:
    core = JobCore(RESULTS, "j1", {"test_id": 1})
    fresh = reading("success", URL + "fresh")
    steps, _ = drive_fetch(core.fetch_plan(reading("success", URL), token_ttl=20.0), [OK], [fresh])
    assert [type(s) for s in steps] == [RefreshToken, Poll, Fetch] and steps[2].url == URL + "fresh"
    steps, _ = drive_fetch(core.fetch_plan(reading("success", URL), token_ttl=3000.0), [OK], [])
    assert [type(s) for s in steps] == [Fetch]


def test_success_without_url_polls_once_more_then_errors() -> None:
    core = JobCore(RESULTS, "j1", {"test_id": 1})
    steps, result = drive_fetch(core.fetch_plan(reading("success"), None), [OK], [reading("success", URL)])
    assert [type(s) for s in steps] == [Poll, Fetch] and result is OK
    _, error = drive_fetch(core.fetch_plan(reading("success"), None), [], [reading("success")])
    assert isinstance(error, ExportDownloadError)


def test_fatal_status_is_not_retried() -> None:
    core = JobCore(RESULTS, "j1", {"test_id": 1})
    steps, error = drive_fetch(
        core.fetch_plan(reading("success", URL), None), [FetchResult(Outcome.FATAL, 404, detail="HTTP 404")], []
    )
    assert len(steps) == 1 and isinstance(error, ExportDownloadError) and error.status_code == 404


@pytest.mark.parametrize(("payload", "expected"), [({"jobId": "abc"}, "abc"), ({"jobId": 1936953499}, "1936953499")])
def test_job_id_from_order_accepts_text_and_numbers(payload: dict[str, Any], expected: str) -> None:
    assert job_id_from_order(RESULTS, payload) == expected


@pytest.mark.parametrize("payload", [{}, {"jobId": None}, {"jobId": True}, {"jobId": "a/b"}, {"jobId": ""}])
def test_job_id_from_order_rejects_missing_or_unsafe_ids(payload: dict[str, Any]) -> None:
    with pytest.raises(ExportError, match="job id"):
        job_id_from_order(RESULTS, payload)


def test_as_payload_accepts_models_and_mappings_only() -> None:
    from inspera_api.models.export_job_status import ExportJobStatus

    model = ExportJobStatus.from_dict({"jobId": "x", "status": "running", "vendorOnly": 1})
    assert as_payload(model) == {"jobId": "x", "status": "running", "vendorOnly": 1}
    with pytest.raises(ExportError):
        as_payload(None)

"""Sync and async drivers over a fake seam: same behaviour from the same core, real httpx streaming."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from inspera.errors import InvalidArgumentError
from inspera.exports import (
    AsyncExports,
    DownloadPolicy,
    DownloadTargetError,
    ExportDownloadError,
    ExportFailed,
    ExportFormatError,
    Exports,
    ExportTimeout,
    PollPolicy,
)
from inspera_api.types import UNSET

from tests.unit.exports.fakes import SIGNATURE, AsyncFake, FakeClock, FakeInspera, SyncFake, submissions_file


class Harness:
    """Runs the same scenario against the sync or the async driver; `run(job.method, ...)` hides the await."""

    def __init__(self, flavour: str, fake: FakeInspera) -> None:
        self.flavour = flavour
        self.fake = fake
        self.clock = FakeClock()
        options: dict[str, Any] = {"clock": self.clock, "download_policy": DownloadPolicy(retry_backoff=0.0)}
        if flavour == "sync":
            self.exports: Any = Exports(None, backend=SyncFake(fake), sleep=self.clock.sleep, **options)
        else:
            self.exports = AsyncExports(None, backend=AsyncFake(fake), sleep=self.clock.asleep, **options)

    def run(self, method: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        result = method(*args, **kwargs)
        if self.flavour == "async":
            return asyncio.run(_await(result))
        return result

    def records(self, job: Any, **kwargs: Any) -> list[Any]:
        if self.flavour == "sync":
            return list(job.iter_candidates(**kwargs))

        async def collect() -> list[Any]:
            return [record async for record in job.iter_candidates(**kwargs)]

        return asyncio.run(collect())


async def _await(value: Any) -> Any:
    return await value if asyncio.iscoroutine(value) else value


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def make(flavour: str, **fake_options: Any) -> Harness:
    return Harness(flavour, FakeInspera(**fake_options))


def test_order_wait_download(flavour: str, tmp_path: Path) -> None:
    h = make(flavour, polls_to_finish=3)
    job = h.run(h.exports.submissions, 42)
    assert (job.kind, job.job_id, job.params) == ("submissions", "job1", {"test_id": 42})
    progress: list[tuple[int, int | None]] = []
    path = h.run(job.download, tmp_path / "subs.json", on_progress=lambda done, total: progress.append((done, total)))
    assert path.read_bytes() == h.fake.body
    assert progress[-1] == (len(h.fake.body), len(h.fake.body))
    assert [name for name, _ in h.fake.calls] == ["order_submissions_export"] + ["get_submissions_export_status"] * 3
    assert h.fake.calls[1][1] == {"test_id": 42, "job_id": "job1"}
    assert all("authorization" not in headers for headers in h.fake.fetch_headers)
    assert h.clock.sleeps == [0.5, 0.5]


def test_every_kind_orders_with_its_operation(flavour: str) -> None:
    h = make(flavour)
    h.run(h.exports.results, 1)
    h.run(h.exports.events, 1, expiry=timedelta(minutes=10))
    h.run(h.exports.candidate_submissions, 1, 2)
    h.run(h.exports.candidate_results, 1, 2, expiry=86400)
    h.run(h.exports.candidate_pdf, 1, 2)
    h.run(h.exports.candidate_pdf, 1, 2, answers_only=True, expiry=300)
    job = h.run(h.exports.file, "AllUsers", {"userType": "admin"}, expiry=3600)
    names = [name for name, _ in h.fake.calls]
    assert names == [
        "order_results_export",
        "order_test_events_export",
        "order_candidate_submissions_export",
        "order_candidate_results_export",
        "order_candidate_pdf_export",
        "order_candidate_pdf_export",
        "order_file_export",
    ]
    # Unasked, no expiryPeriod is sent (UNSET, not the generated default of 3600).
    assert h.fake.calls[0][1] == {"test_id": 1, "expiry_period": UNSET}
    assert h.fake.calls[1][1] == {"test_id": 1, "expiry_period": 600}
    assert h.fake.calls[2][1] == {"test_id": 1, "user_id": 2, "expiry_period": UNSET}
    assert h.fake.calls[3][1] == {"test_id": 1, "user_id": 2, "expiry_period": 86400}
    assert h.fake.calls[4][1]["body"].to_dict() == {}
    assert h.fake.calls[5][1]["body"].to_dict() == {"questionAnswerOptions": "ANSWERS_ONLY", "expiryPeriod": 300}
    assert h.fake.calls[6][1]["body"].to_dict() == {
        "resourceType": "AllUsers",
        "parameters": {"userType": "admin"},
        "expiryPeriod": 3600,
    }
    status = h.run(job.wait)
    assert status.done and h.fake.calls[-1] == ("get_file_export_status", {"job_id": "job7"})


@pytest.mark.parametrize(
    ("expiry", "message"),
    [
        (24, r"between 300 s \(5 minutes\) and 86400 s \(24 hours\), got 24 s \(expiry is in seconds"),
        (299, "got 299 s"),
        (86401, "got 86401 s"),
        (timedelta(hours=25), "got 90000 s"),
        (timedelta(seconds=300.5), "whole number of seconds"),
        (float("nan"), "whole number of seconds"),
        (True, "seconds or a timedelta"),
        ("3600", "seconds or a timedelta"),
    ],
)
def test_export_lifetimes_outside_inspera_s_range_are_refused_before_any_request(
    flavour: str, expiry: Any, message: str
) -> None:
    h = make(flavour)
    orders = [
        lambda: h.run(h.exports.results, 1, expiry=expiry),
        lambda: h.run(h.exports.candidate_results, 1, 2, expiry=expiry),
        lambda: h.run(h.exports.candidate_pdf, 1, 2, expiry=expiry),
        lambda: h.run(h.exports.file, "AllUsers", expiry=expiry),
    ]
    for order in orders:
        with pytest.raises(InvalidArgumentError, match=message):
            order()
    assert h.fake.calls == []


def test_the_bounds_themselves_are_accepted(flavour: str) -> None:
    h = make(flavour)
    h.run(h.exports.submissions, 1, expiry=300)
    h.run(h.exports.submissions, 1, expiry=timedelta(days=1))
    h.run(h.exports.submissions, 1, expiry=600.0)
    assert [kwargs["expiry_period"] for _, kwargs in h.fake.calls] == [300, 86400, 600]


def test_bad_arguments_raise_before_any_request(flavour: str) -> None:
    h = make(flavour)
    with pytest.raises(TypeError):
        h.run(h.exports.results, "12")
    with pytest.raises(ValueError):
        h.run(h.exports.file, "")
    with pytest.raises(TypeError):
        h.run(h.exports.candidate_pdf, 1, 2, answers_only="yes")
    with pytest.raises(TypeError):
        h.run(h.exports.file, "AllUsers", None, 3600)  # expiry is keyword-only
    assert h.fake.calls == []


def test_done_and_status(flavour: str) -> None:
    h = make(flavour, polls_to_finish=2)
    job = h.run(h.exports.results, 3)
    assert h.run(job.done) is False
    assert job.last_status.progress == 50
    assert h.run(job.done) is True
    failing = make(flavour, final_state="error", polls_to_finish=1)
    job = h.run(failing.exports.results, 3)
    with pytest.raises(ExportFailed):
        failing.run(job.done)


def test_failed_job_raises_from_wait_and_download(flavour: str, tmp_path: Path) -> None:
    h = make(flavour, final_state="failed")
    job = h.run(h.exports.events, 3)
    with pytest.raises(ExportFailed) as caught:
        h.run(job.download, tmp_path / "e.json")
    assert caught.value.kind == "events"
    assert list(tmp_path.iterdir()) == []


def test_deadline_then_resume_from_token(flavour: str, tmp_path: Path) -> None:
    h = make(flavour, polls_to_finish=10)
    job = h.run(h.exports.candidate_submissions, 5, 6)
    with pytest.raises(ExportTimeout) as caught:
        h.run(job.wait, timeout=1.0)
    token = caught.value.continuation_token
    assert token == job.continuation_token()
    resumed = h.exports.resume(token)
    assert (resumed.kind, resumed.job_id, resumed.params) == (
        "candidate_submissions",
        "job1",
        {"test_id": 5, "user_id": 6},
    )
    assert h.run(resumed.wait).done
    assert h.run(resumed.download, tmp_path / "c.json").read_bytes() == h.fake.body


def test_expired_url_is_renewed_once(flavour: str, tmp_path: Path) -> None:
    h = make(flavour, polls_to_finish=1, expired_fetches=1)
    job = h.run(h.exports.results, 1)
    assert h.run(job.download, tmp_path / "r.json").read_bytes() == h.fake.body
    assert h.fake.url_serial == 2

    h2 = make(flavour, polls_to_finish=1, expired_fetches=5)
    job = h2.run(h2.exports.results, 1)
    with pytest.raises(ExportDownloadError) as caught:
        h2.run(job.download, tmp_path / "r2.json")
    assert SIGNATURE not in str(caught.value) and "REDACTED" in str(caught.value)
    assert not (tmp_path / "r2.json").exists()


def test_truncated_body_is_retried_into_a_clean_file(flavour: str, tmp_path: Path) -> None:
    h = make(flavour, polls_to_finish=1, truncated_fetches=2)
    job = h.run(h.exports.submissions, 1)
    assert h.run(job.download, tmp_path / "s.json").read_bytes() == h.fake.body
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]

    h2 = make(flavour, polls_to_finish=1, truncated_fetches=99)
    job = h2.run(h2.exports.submissions, 1)
    with pytest.raises(ExportDownloadError):
        h2.run(job.download, tmp_path / "t.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]


def test_existing_file_is_refused_before_any_request(flavour: str, tmp_path: Path) -> None:
    h = make(flavour, polls_to_finish=1)
    job = h.run(h.exports.results, 1)
    (tmp_path / "r.json").write_text("keep")
    calls_before = len(h.fake.calls)
    with pytest.raises(DownloadTargetError):
        h.run(job.download, tmp_path / "r.json")
    assert len(h.fake.calls) == calls_before and (tmp_path / "r.json").read_text() == "keep"
    assert h.run(job.download, tmp_path / "r.json", overwrite=True).read_bytes() == h.fake.body


def test_short_token_is_refreshed_before_download(flavour: str, tmp_path: Path) -> None:
    h = make(flavour, polls_to_finish=1, token_seconds=5.0)
    job = h.run(h.exports.results, 1)
    h.run(job.wait)
    h.run(job.download, tmp_path / "r.json")
    assert h.fake.refreshes == 1 and h.fake.url_serial == 2


def test_json_and_iter_candidates(flavour: str) -> None:
    h = make(flavour, polls_to_finish=1, body=submissions_file(40), truncated_fetches=1)
    job = h.run(h.exports.submissions, 1)
    records = h.records(job)
    assert records == json.loads(h.fake.body)["ext_inspera_candidates"]
    assert h.run(job.json)["lineItemSourcedId"] == 7
    with pytest.raises(ExportDownloadError, match="limit"):
        h.run(job.json, max_bytes=10)


def test_iter_candidates_needs_a_prefix_for_file_exports(flavour: str) -> None:
    h = make(flavour, polls_to_finish=1, body=b'{"admins": [{"userId": 1}, {"userId": 2}]}')
    job = h.run(h.exports.file, "AllUsers")
    with pytest.raises(ExportFormatError):
        job.iter_candidates()
    assert h.records(job, prefix="admins.item") == [{"userId": 1}, {"userId": 2}]


def test_unknown_running_state_is_reported(flavour: str) -> None:
    h = make(flavour, polls_to_finish=3, running_state="QUEUED_FOR_S3")
    job = h.run(h.exports.results, 1)
    seen: list[Any] = []
    h.run(job.wait, on_progress=seen.append)
    assert [s.vendor_state for s in seen] == ["QUEUED_FOR_S3", "QUEUED_FOR_S3", "success"]
    assert [s.state.value for s in seen] == ["unknown", "unknown", "succeeded"]


def test_repr_shows_no_secrets(flavour: str) -> None:
    h = make(flavour, polls_to_finish=1)
    job = h.run(h.exports.results, 1)
    h.run(job.wait)
    assert SIGNATURE not in repr(job) and SIGNATURE not in repr(job.last_status)
    assert "succeeded" in repr(job)


def test_poll_policy_is_configurable() -> None:
    fake = FakeInspera(polls_to_finish=3)
    clock = FakeClock()
    exports = Exports(None, backend=SyncFake(fake), clock=clock, sleep=clock.sleep, poll_policy=PollPolicy(initial=2.0))
    exports.results(1).wait()
    assert clock.sleeps == [2.0, 2.0]


def test_async_wait_awaits_an_async_progress_callback() -> None:
    fake = FakeInspera(polls_to_finish=3)
    clock = FakeClock()
    exports = AsyncExports(None, backend=AsyncFake(fake), clock=clock, sleep=clock.asleep)
    seen: list[str] = []

    async def on_progress(status: Any) -> None:
        await asyncio.sleep(0)
        seen.append(status.state.value)

    async def scenario() -> None:
        job = await exports.results(1)
        await job.wait(on_progress=on_progress)

    asyncio.run(scenario())
    assert seen == ["running", "running", "succeeded"]


def test_download_strips_credentials_even_from_a_misconfigured_client(tmp_path: Path) -> None:
    fake = FakeInspera(polls_to_finish=1)
    backend = SyncFake(fake)
    backend.client = httpx.Client(
        transport=httpx.MockTransport(fake.handle_fetch), headers={"Authorization": "Bearer leaked"}, auth=("u", "p")
    )
    clock = FakeClock()
    job = Exports(None, backend=backend, clock=clock, sleep=clock.sleep).results(1)
    assert job.download(tmp_path / "r.json").read_bytes() == fake.body
    assert fake.fetch_headers and all("authorization" not in h for h in fake.fetch_headers)

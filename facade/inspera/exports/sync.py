"""The synchronous driver: `Exports` orders jobs, `ExportJob` performs the core's steps with blocking I/O."""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx

from inspera._http.deadline import cut, within
from inspera.errors import InsperaError
from inspera.exports import jobs, kinds
from inspera.exports.atomic import AtomicFile, check_target
from inspera.exports.core import (
    Budget,
    DownloadPolicy,
    Fetch,
    JobCore,
    Poll,
    ProgressCallback,
    RefreshToken,
    Sleep,
    Step,
)
from inspera.exports.expiry import Expiry
from inspera.exports.jobs import ByteProgress, JobView, OrderRequest, PathLike
from inspera.exports.polling import PollPolicy
from inspera.exports.status import ExportStatus
from inspera.exports.stream import DEFAULT_MAX_DEPTH
from inspera.exports.transfer import (
    DEFAULT_RECORD_LIMIT,
    CandidateSink,
    FetchResult,
    Limits,
    Refused,
    Sink,
    Transfer,
    connection_failed,
    signed_request,
    unusable_url,
)

_Drive = Generator[Any, None, Any]


class ExportJob(JobView):
    """One export job. `wait()` raises ExportTimeout/ExportFailed; `download()` writes atomically."""

    def __init__(self, exports: Exports, core: JobCore) -> None:
        self._exports = exports
        self._core = core

    def status(self) -> ExportStatus:
        """Ask Inspera for the job's state now."""
        operation, kwargs = self._core.status_call()
        return self._core.record(self._exports._backend.call(operation, **kwargs))

    def done(self) -> bool:
        """Poll once: True when the file is ready, False while running; raises ExportFailed if the job failed."""
        status = self.status()
        if status.failed:
            raise self._core.failure(status)
        return status.done

    def wait(self, timeout: float | None = None, on_progress: ProgressCallback | None = None) -> ExportStatus:
        """Poll until the job succeeds; `on_progress` sees every reading (unknown vendor states included).

        `timeout` bounds everything inside the wait, each status request's retries and Retry-After pauses included
        (a last status check started before the deadline gets a short grace to finish: see `jobs.io_bound`).
        """
        with jobs.wait_scope(timeout):
            return self._wait(timeout, on_progress, None)

    def _wait(
        self, timeout: float | None, on_progress: ProgressCallback | None, budget: Budget | None
    ) -> ExportStatus:
        plan = self._core.wait_plan(timeout, on_progress, self._exports._clock, budget)
        status: ExportStatus = _finish(self._drive(plan, _NoSink()))
        return status

    def download(
        self,
        path: PathLike,
        *,
        overwrite: bool = False,
        on_progress: ByteProgress | None = None,
        timeout: float | None = None,
        deadline: float | None = None,
        max_bytes: int | None = jobs.DEFAULT_DOWNLOAD_LIMIT,
    ) -> Path:
        """Wait for the job if needed, then stream its file to `path` atomically; returns the absolute path.

        `on_progress(bytes_written, bytes_expected_or_None)` is called per chunk. `timeout` bounds the wait only;
        `deadline` (seconds) bounds everything: waiting, polling, retries, redirects and the transfer. A file larger
        than `max_bytes` (None: no limit) is refused, and nothing is left on disk.
        """
        target = check_target(path, overwrite=overwrite)
        limits = jobs.limits(self._core, max_bytes)
        overall = jobs.budget(deadline, self._exports._clock)
        with within(deadline):
            status = self._finished(timeout, overall)
            with AtomicFile(target, overwrite=overwrite) as sink:
                plan = self._core.fetch_plan(status, self._exports._backend.token_ttl(), overall)
                _finish(self._drive(plan, sink, on_progress, limits))
                sink.sync()
                return sink.commit()

    def json(
        self, *, max_bytes: int = jobs.DEFAULT_JSON_LIMIT, timeout: float | None = None, deadline: float | None = None,
        max_depth: int = DEFAULT_MAX_DEPTH,
    ) -> Any:
        """Wait if needed, fetch the whole file into memory (at most `max_bytes`, nested at most `max_depth`
        levels) and parse it; `deadline` bounds everything, as for download()."""
        sink = jobs.memory_sink(max_bytes, max_depth)
        overall = jobs.budget(deadline, self._exports._clock)
        with within(deadline):
            status = self._finished(timeout, overall)
            plan = self._core.fetch_plan(status, self._exports._backend.token_ttl(), overall)
            _finish(self._drive(plan, sink, None, jobs.limits(self._core, max_bytes)))
        return sink.parse()

    def document(
        self, *, max_bytes: int = jobs.DEFAULT_JSON_LIMIT, timeout: float | None = None, deadline: float | None = None,
        max_depth: int = DEFAULT_MAX_DEPTH,
    ) -> Any:
        """`json()` parsed into the kind's generated model (e.g. `CandidateResults`); ExportFormatError if none."""
        self._core.kind.document_class()  # fail before downloading when the kind has no model
        data = self.json(max_bytes=max_bytes, timeout=timeout, deadline=deadline, max_depth=max_depth)
        return self._core.kind.parse_document(data)

    def iter_candidates(
        self,
        *,
        prefix: str | None = None,
        timeout: float | None = None,
        max_depth: int = DEFAULT_MAX_DEPTH,
        max_record_bytes: int = DEFAULT_RECORD_LIMIT,
    ) -> Iterator[Any]:
        """Wait if needed, then stream the file and yield one candidate record at a time (constant memory).

        A dropped connection restarts the stream and skips the records already yielded. A file nested deeper than
        `max_depth`, without the array of records, or with more than `max_record_bytes` bytes holding no complete
        record raises ExportFormatError.
        """
        sink = jobs.candidate_sink(self._core, prefix, max_depth, max_record_bytes)
        return self._stream(sink, timeout)

    def _stream(self, sink: CandidateSink, timeout: float | None) -> Iterator[Any]:
        status = self._finished(timeout)
        limits = jobs.limits(self._core, None)
        yield from self._drive(self._core.fetch_plan(status, self._exports._backend.token_ttl()), sink, None, limits)
        sink.finish()
        yield from sink.take()

    def _finished(self, timeout: float | None, overall: Budget | None = None) -> ExportStatus:
        last = self._core.last_status
        if last is not None and last.done and last.download_url:
            return last
        if overall is None:
            return self.wait(timeout)
        with jobs.wait_scope(timeout):
            return self._wait(timeout, None, jobs.wait_budget(timeout, overall, self._exports._clock))

    def _drive(
        self,
        plan: Generator[Step, Any, Any],
        sink: Sink,
        on_bytes: ByteProgress | None = None,
        limits: Limits | None = None,
    ) -> _Drive:
        """Perform the plan's steps (`jobs.Steps`); yields records only when the sink is a CandidateSink."""
        steps = jobs.Steps(plan)
        for step in steps:
            if isinstance(step, Poll):
                try:
                    steps.reply = self.status()
                except InsperaError as error:
                    steps.failure = error
            elif isinstance(step, Sleep):
                self._exports._sleep(cut(step.seconds))
            elif isinstance(step, RefreshToken):
                try:
                    self._exports._backend.refresh_token()
                except InsperaError as error:
                    steps.failure = error
            elif isinstance(step, Fetch):
                steps.reply = yield from self._fetch(step.url, sink, on_bytes, limits or Limits())
            else:  # pragma: no cover - the core only yields the steps above
                raise AssertionError(step)
        result: FetchResult = steps.result
        return result

    def _fetch(self, url: str, sink: Sink, on_bytes: ByteProgress | None, limits: Limits) -> _Drive:
        client = self._exports._download_client()
        hops = jobs.hops(self._core, url, self._exports._backend)
        refused = hops.refusal()
        if refused is not None:
            return refused
        while True:
            try:
                request = signed_request(client, hops.url)
            except httpx.InvalidURL as exc:
                return unusable_url(exc)
            try:
                response = client.send(request, stream=True, auth=None, follow_redirects=False)
            except httpx.TransportError as exc:
                return connection_failed(exc, mid_body=False)
            followed = hops.follow(response)
            if followed is False:
                break
            response.close()
            if followed is not True:
                return followed
        try:
            transfer = Transfer(sink, on_bytes, limits)
            ended = transfer.start(response.status_code, response.headers)
            if ended is not None:
                return ended
            for chunk in response.iter_bytes():
                yield from transfer.chunk(chunk, response.num_bytes_downloaded)
            return transfer.end(response.headers, response.num_bytes_downloaded)
        except (httpx.TransportError, httpx.DecodingError) as exc:
            return connection_failed(exc, mid_body=True)
        except Refused as refusal:
            return refusal.result()
        finally:
            response.close()


class _NoSink:
    def begin(self) -> None:
        pass

    def write(self, chunk: bytes) -> None:
        raise AssertionError("wait() never fetches")


def _finish(gen: Generator[Any, None, Any]) -> Any:
    """Run a driver generator that yields nothing useful to its end and return its value."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


class Exports:
    """`client.exports`: order Inspera's exports and get `ExportJob`s back (or resume one from a token)."""

    def __init__(
        self, client: Any, *, poll_policy: PollPolicy | None = None, download_policy: DownloadPolicy | None = None,
        clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep, backend: Any = None,
    ) -> None:
        self._backend, self._core_options = jobs.wiring(client, backend, poll_policy, download_policy, aio=False)
        self._clock = clock
        self._sleep = sleep

    def _download_client(self) -> httpx.Client:
        client: httpx.Client = self._backend.download_client()
        return client

    def _order(self, order: OrderRequest) -> ExportJob:
        response = self._backend.call(order.operation(), **order.kwargs)
        core = order.job(response, **self._core_options)
        return ExportJob(self, core)

    def results(self, test_id: int, *, expiry: Expiry | None = None) -> ExportJob:
        """Order the results file of a test. `expiry`: the signed URL's lifetime, 300-86400 s or a timedelta."""
        return self._order(jobs.order_by_ids(kinds.RESULTS, expiry, test_id=test_id))

    def submissions(self, test_id: int, *, expiry: Expiry | None = None) -> ExportJob:
        """Order the submissions file of a test (all candidates)."""
        return self._order(jobs.order_by_ids(kinds.SUBMISSIONS, expiry, test_id=test_id))

    def candidate_submissions(self, test_id: int, user_id: int, *, expiry: Expiry | None = None) -> ExportJob:
        """Order one candidate's submissions on a test."""
        return self._order(jobs.order_by_ids(kinds.CANDIDATE_SUBMISSIONS, expiry, test_id=test_id, user_id=user_id))

    def candidate_results(self, test_id: int, user_id: int, *, expiry: Expiry | None = None) -> ExportJob:
        """Order every evaluation round of one candidate on a test; `job.document()` gives a `CandidateResults`."""
        return self._order(jobs.order_by_ids(kinds.CANDIDATE_RESULTS, expiry, test_id=test_id, user_id=user_id))

    def candidate_pdf(
        self, test_id: int, user_id: int, *, answers_only: bool = False, expiry: Expiry | None = None
    ) -> ExportJob:
        """Order a PDF of one candidate's submission; `answers_only=True` leaves the question text out."""
        return self._order(jobs.order_candidate_pdf(test_id, user_id, answers_only, expiry))

    def events(self, test_id: int, *, expiry: Expiry | None = None) -> ExportJob:
        """Order the event log (system and invigilator events) of a test."""
        return self._order(jobs.order_by_ids(kinds.EVENTS, expiry, test_id=test_id))

    def file(
        self, resource_type: str, parameters: Mapping[str, str] | None = None, *, expiry: Expiry | None = None
    ) -> ExportJob:
        """Order a generic file export (`resource_type` such as 'AllUsers' or 'AllResults')."""
        return self._order(jobs.order_file(resource_type, parameters, expiry))

    def resume(self, token: str) -> ExportJob:
        """Rebuild a job from `continuation_token()` output; no request is made until you poll."""
        return ExportJob(self, jobs.resumed(token, **self._core_options))

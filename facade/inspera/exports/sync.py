"""The synchronous driver: `Exports` orders jobs, `ExportJob` performs the core's steps with blocking I/O."""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx

from inspera.exports import jobs, kinds
from inspera.exports.atomic import AtomicFile, check_target
from inspera.exports.core import DownloadPolicy, Fetch, JobCore, Poll, ProgressCallback, RefreshToken, Sleep, Step
from inspera.exports.expiry import Expiry
from inspera.exports.jobs import ByteProgress, JobView, OrderRequest, PathLike
from inspera.exports.polling import PollPolicy
from inspera.exports.status import ExportStatus
from inspera.exports.transfer import (
    CandidateSink,
    FetchResult,
    MemorySink,
    Sink,
    Transfer,
    connection_failed,
    signed_request,
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
        """Poll until the job succeeds; `on_progress` sees every reading (unknown vendor states included)."""
        plan = self._core.wait_plan(timeout, on_progress, self._exports._clock)
        status: ExportStatus = _finish(self._drive(plan, _NoSink()))
        return status

    def download(
        self,
        path: PathLike,
        *,
        overwrite: bool = False,
        on_progress: ByteProgress | None = None,
        timeout: float | None = None,
    ) -> Path:
        """Wait for the job if needed, then stream its file to `path` atomically; returns the absolute path.

        `on_progress(bytes_written, bytes_expected_or_None)` is called per chunk. `timeout` bounds the wait only.
        """
        target = check_target(path, overwrite=overwrite)
        status = self._finished(timeout)
        with AtomicFile(target, overwrite=overwrite) as sink:
            _finish(self._drive(self._core.fetch_plan(status, self._exports._backend.token_ttl()), sink, on_progress))
            sink.sync()
            return sink.commit()

    def json(self, *, max_bytes: int = jobs.DEFAULT_JSON_LIMIT, timeout: float | None = None) -> Any:
        """Wait if needed, fetch the whole file into memory (at most `max_bytes`) and parse it."""
        status = self._finished(timeout)
        sink = MemorySink(max_bytes)
        _finish(self._drive(self._core.fetch_plan(status, self._exports._backend.token_ttl()), sink))
        return sink.parse()

    def document(self, *, max_bytes: int = jobs.DEFAULT_JSON_LIMIT, timeout: float | None = None) -> Any:
        """`json()` parsed into the kind's generated model (e.g. `CandidateResults`); ExportFormatError if none."""
        self._core.kind.document_class()  # fail before downloading when the kind has no model
        return self._core.kind.parse_document(self.json(max_bytes=max_bytes, timeout=timeout))

    def iter_candidates(self, *, prefix: str | None = None, timeout: float | None = None) -> Iterator[Any]:
        """Wait if needed, then stream the file and yield one candidate record at a time (constant memory).

        A dropped connection restarts the stream and skips the records already yielded.
        """
        sink = CandidateSink(jobs.candidates_prefix(self._core, prefix))
        return self._stream(sink, timeout)

    def _stream(self, sink: CandidateSink, timeout: float | None) -> Iterator[Any]:
        status = self._finished(timeout)
        yield from self._drive(self._core.fetch_plan(status, self._exports._backend.token_ttl()), sink)
        sink.finish()
        yield from sink.take()

    def _finished(self, timeout: float | None) -> ExportStatus:
        last = self._core.last_status
        if last is not None and last.done and last.download_url:
            return last
        return self.wait(timeout)

    def _drive(self, plan: Generator[Step, Any, Any], sink: Sink, on_bytes: ByteProgress | None = None) -> _Drive:
        """Perform the plan's steps; yields records only when the sink is a CandidateSink."""
        reply: Any = None
        while True:
            try:
                step = plan.send(reply)
            except StopIteration as stop:
                result: FetchResult = stop.value
                return result
            if isinstance(step, Poll):
                reply = self.status()
            elif isinstance(step, Sleep):
                self._exports._sleep(step.seconds)
                reply = None
            elif isinstance(step, RefreshToken):
                self._exports._backend.refresh_token()
                reply = None
            elif isinstance(step, Fetch):
                reply = yield from self._fetch(step.url, sink, on_bytes)
            else:  # pragma: no cover - the core only yields the steps above
                raise AssertionError(step)

    def _fetch(self, url: str, sink: Sink, on_bytes: ByteProgress | None) -> _Drive:
        client = self._exports._download_client()
        try:
            response = client.send(signed_request(client, url), stream=True, auth=None)
        except httpx.TransportError as exc:
            return connection_failed(exc, mid_body=False)
        try:
            transfer = Transfer(sink, on_bytes)
            ended = transfer.start(response.status_code, response.headers)
            if ended is not None:
                return ended
            for chunk in response.iter_bytes():
                yield from transfer.chunk(chunk)
            return transfer.end(response.headers, response.num_bytes_downloaded)
        except httpx.TransportError as exc:
            return connection_failed(exc, mid_body=True)
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
        self,
        client: Any,
        *,
        poll_policy: PollPolicy | None = None,
        download_policy: DownloadPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        backend: Any = None,
    ) -> None:
        if backend is None:
            from inspera.exports.facade_backend import SyncFacadeBackend

            backend = SyncFacadeBackend(client)
        self._backend = backend
        self._core_options: dict[str, Any] = {"poll_policy": poll_policy, "download_policy": download_policy}
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

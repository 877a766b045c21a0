"""The asyncio driver: `AsyncExports` / `AsyncExportJob` perform the same core steps with awaitable I/O."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

import httpx

from inspera._http.deadline import cut, within
from inspera.errors import InsperaError
from inspera.exports import jobs, kinds
from inspera.exports.atomic import AtomicFile, check_target
from inspera.exports.core import Budget, DownloadPolicy, Fetch, JobCore, Poll, RefreshToken, Sleep, Step
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

AsyncProgressCallback = Callable[[ExportStatus], object]  # may return an awaitable, which is awaited


class AsyncExportJob(JobView):
    """Async twin of ExportJob: same decisions (the shared core), awaitable I/O."""

    def __init__(self, exports: AsyncExports, core: JobCore) -> None:
        self._exports = exports
        self._core = core

    async def status(self) -> ExportStatus:
        """Ask Inspera for the job's state now."""
        operation, kwargs = self._core.status_call()
        return self._core.record(await self._exports._backend.call(operation, **kwargs))

    async def done(self) -> bool:
        """Poll once: True when the file is ready, False while running; raises ExportFailed if the job failed."""
        status = await self.status()
        if status.failed:
            raise self._core.failure(status)
        return status.done

    async def wait(
        self, timeout: float | None = None, on_progress: AsyncProgressCallback | None = None
    ) -> ExportStatus:
        """Poll until the job succeeds; `on_progress` (plain or async) sees every reading, unknown states included.

        `timeout` bounds everything inside the wait, each status request's retries and Retry-After pauses included
        (a last status check started before the deadline gets a short grace to finish: see `jobs.io_bound`).
        """
        with jobs.wait_scope(timeout):
            return await self._wait(timeout, on_progress, None)

    async def _wait(
        self, timeout: float | None, on_progress: AsyncProgressCallback | None, budget: Budget | None
    ) -> ExportStatus:
        result: list[Any] = []
        pending: list[Awaitable[object]] = []
        callback = None if on_progress is None else partial(_report, on_progress, pending)
        plan = self._core.wait_plan(timeout, callback, self._exports._clock, budget)
        async for _ in self._drive(plan, None, result, pending=pending):
            pass
        status: ExportStatus = result[0]
        return status

    async def download(
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

        `timeout` bounds the wait only; `deadline` (seconds) bounds everything. A file larger than `max_bytes`
        (None: no limit) is refused, and nothing is left on disk.
        """
        target = check_target(path, overwrite=overwrite)
        limits = jobs.limits(self._core, max_bytes)
        overall = jobs.budget(deadline, self._exports._clock)
        with within(deadline):
            status = await self._finished(timeout, overall)
            with AtomicFile(target, overwrite=overwrite) as sink:
                plan = self._core.fetch_plan(status, self._exports._backend.token_ttl(), overall)
                async for _ in self._drive(plan, sink, [], on_progress, limits=limits):
                    pass
                await asyncio.to_thread(sink.sync)
                return sink.commit()

    async def json(
        self, *, max_bytes: int = jobs.DEFAULT_JSON_LIMIT, timeout: float | None = None, deadline: float | None = None,
        max_depth: int = DEFAULT_MAX_DEPTH,
    ) -> Any:
        """Wait if needed, fetch the whole file into memory (at most `max_bytes`, nested at most `max_depth`
        levels) and parse it; `deadline` bounds everything, as for download()."""
        sink = jobs.memory_sink(max_bytes, max_depth)
        overall = jobs.budget(deadline, self._exports._clock)
        with within(deadline):
            status = await self._finished(timeout, overall)
            plan = self._core.fetch_plan(status, self._exports._backend.token_ttl(), overall)
            async for _ in self._drive(plan, sink, [], limits=jobs.limits(self._core, max_bytes)):
                pass
        return sink.parse()

    async def document(
        self, *, max_bytes: int = jobs.DEFAULT_JSON_LIMIT, timeout: float | None = None, deadline: float | None = None,
        max_depth: int = DEFAULT_MAX_DEPTH,
    ) -> Any:
        """`json()` parsed into the kind's generated model (e.g. `CandidateResults`); ExportFormatError if none."""
        self._core.kind.document_class()  # fail before downloading when the kind has no model
        data = await self.json(max_bytes=max_bytes, timeout=timeout, deadline=deadline, max_depth=max_depth)
        return self._core.kind.parse_document(data)

    def iter_candidates(
        self,
        *,
        prefix: str | None = None,
        timeout: float | None = None,
        max_depth: int = DEFAULT_MAX_DEPTH,
        max_record_bytes: int = DEFAULT_RECORD_LIMIT,
    ) -> AsyncIterator[Any]:
        """Wait if needed, then stream the file and yield one candidate record at a time (constant memory)."""
        return self._stream(jobs.candidate_sink(self._core, prefix, max_depth, max_record_bytes), timeout)

    async def _stream(self, sink: CandidateSink, timeout: float | None) -> AsyncIterator[Any]:
        status = await self._finished(timeout)
        plan = self._core.fetch_plan(status, self._exports._backend.token_ttl())
        async for record in self._drive(plan, sink, [], limits=jobs.limits(self._core, None)):
            yield record
        sink.finish()
        for record in sink.take():
            yield record

    async def _finished(self, timeout: float | None, overall: Budget | None = None) -> ExportStatus:
        last = self._core.last_status
        if last is not None and last.done and last.download_url:
            return last
        if overall is None:
            return await self.wait(timeout)
        with jobs.wait_scope(timeout):
            return await self._wait(timeout, None, jobs.wait_budget(timeout, overall, self._exports._clock))

    async def _drive(
        self,
        plan: Generator[Step, Any, Any],
        sink: Sink | None,
        result: list[Any],
        on_bytes: ByteProgress | None = None,
        pending: list[Awaitable[object]] | None = None,
        limits: Limits | None = None,
    ) -> AsyncIterator[Any]:
        """Perform the plan's steps; yields records for a CandidateSink; the plan's value lands in `result`.

        `pending` holds awaitables returned by an async progress callback; they are awaited before the next step.
        An InsperaError of a status request or the token refresh is thrown back into the plan (`jobs.Steps`).
        """
        steps = jobs.Steps(plan)
        try:
            for step in steps:
                await _settle(pending)
                if isinstance(step, Poll):
                    try:
                        steps.reply = await self.status()
                    except InsperaError as error:
                        steps.failure = error
                elif isinstance(step, Sleep):
                    await self._exports._sleep(cut(step.seconds))
                elif isinstance(step, RefreshToken):
                    try:
                        await self._exports._backend.refresh_token()
                    except InsperaError as error:
                        steps.failure = error
                elif isinstance(step, Fetch) and sink is not None:
                    fetched: list[FetchResult] = []
                    async for record in self._fetch(step.url, sink, on_bytes, fetched, limits or Limits()):
                        yield record
                    steps.reply = fetched[0]
                else:  # pragma: no cover - the core only yields the steps above
                    raise AssertionError(step)
        finally:
            await _settle(pending)  # also when the plan ended or raised: what it reported on its way out
        result.append(steps.result)

    async def _fetch(
        self, url: str, sink: Sink, on_bytes: ByteProgress | None, out: list[FetchResult], limits: Limits
    ) -> AsyncIterator[Any]:
        client = self._exports._download_client()
        hops = jobs.hops(self._core, url, self._exports._backend)
        refused = hops.refusal()
        if refused is not None:
            out.append(refused)
            return
        while True:
            try:
                request = signed_request(client, hops.url)
            except httpx.InvalidURL as exc:
                out.append(unusable_url(exc))
                return
            try:
                response = await client.send(request, stream=True, auth=None, follow_redirects=False)
            except httpx.TransportError as exc:
                out.append(connection_failed(exc, mid_body=False))
                return
            followed = hops.follow(response)
            if followed is False:
                break
            await response.aclose()
            if followed is not True:
                out.append(followed)
                return
        try:
            transfer = Transfer(sink, on_bytes, limits)
            ended = transfer.start(response.status_code, response.headers)
            if ended is not None:
                out.append(ended)
                return
            async for chunk in response.aiter_bytes():
                for record in transfer.chunk(chunk, response.num_bytes_downloaded):
                    yield record
            out.append(transfer.end(response.headers, response.num_bytes_downloaded))
        except (httpx.TransportError, httpx.DecodingError) as exc:
            out.append(connection_failed(exc, mid_body=True))
        except Refused as refusal:
            out.append(refusal.result())
        finally:
            await response.aclose()


async def _settle(pending: list[Awaitable[object]] | None) -> None:
    """Await what an async progress callback returned, in order, before the driver goes on."""
    while pending:
        await pending.pop(0)


def _report(callback: AsyncProgressCallback, pending: list[Awaitable[object]], status: ExportStatus) -> None:
    outcome = callback(status)
    if inspect.isawaitable(outcome):
        pending.append(outcome)


class AsyncExports:
    """`AsyncInspera.exports`: order Inspera's exports and get `AsyncExportJob`s back (or resume one)."""

    def __init__(
        self, client: Any, *, poll_policy: PollPolicy | None = None, download_policy: DownloadPolicy | None = None,
        clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        backend: Any = None,
    ) -> None:
        self._backend, self._core_options = jobs.wiring(client, backend, poll_policy, download_policy, aio=True)
        self._clock = clock
        self._sleep = sleep

    def _download_client(self) -> httpx.AsyncClient:
        client: httpx.AsyncClient = self._backend.download_client()
        return client

    async def _order(self, order: OrderRequest) -> AsyncExportJob:
        response = await self._backend.call(order.operation(), **order.kwargs)
        return AsyncExportJob(self, order.job(response, **self._core_options))

    async def results(self, test_id: int, *, expiry: Expiry | None = None) -> AsyncExportJob:
        """Order the results file of a test. `expiry`: the signed URL's lifetime, 300-86400 s or a timedelta."""
        return await self._order(jobs.order_by_ids(kinds.RESULTS, expiry, test_id=test_id))

    async def submissions(self, test_id: int, *, expiry: Expiry | None = None) -> AsyncExportJob:
        """Order the submissions file of a test (all candidates)."""
        return await self._order(jobs.order_by_ids(kinds.SUBMISSIONS, expiry, test_id=test_id))

    async def candidate_submissions(
        self, test_id: int, user_id: int, *, expiry: Expiry | None = None
    ) -> AsyncExportJob:
        """Order one candidate's submissions on a test."""
        return await self._order(
            jobs.order_by_ids(kinds.CANDIDATE_SUBMISSIONS, expiry, test_id=test_id, user_id=user_id)
        )

    async def candidate_results(self, test_id: int, user_id: int, *, expiry: Expiry | None = None) -> AsyncExportJob:
        """Order every evaluation round of one candidate on a test; `await job.document()` gives `CandidateResults`."""
        return await self._order(jobs.order_by_ids(kinds.CANDIDATE_RESULTS, expiry, test_id=test_id, user_id=user_id))

    async def candidate_pdf(
        self, test_id: int, user_id: int, *, answers_only: bool = False, expiry: Expiry | None = None
    ) -> AsyncExportJob:
        """Order a PDF of one candidate's submission; `answers_only=True` leaves the question text out."""
        return await self._order(jobs.order_candidate_pdf(test_id, user_id, answers_only, expiry))

    async def events(self, test_id: int, *, expiry: Expiry | None = None) -> AsyncExportJob:
        """Order the event log (system and invigilator events) of a test."""
        return await self._order(jobs.order_by_ids(kinds.EVENTS, expiry, test_id=test_id))

    async def file(
        self, resource_type: str, parameters: Mapping[str, str] | None = None, *, expiry: Expiry | None = None
    ) -> AsyncExportJob:
        """Order a generic file export (`resource_type` such as 'AllUsers' or 'AllResults')."""
        return await self._order(jobs.order_file(resource_type, parameters, expiry))

    def resume(self, token: str) -> AsyncExportJob:
        """Rebuild a job from `continuation_token()` output; no request is made until you poll."""
        return AsyncExportJob(self, jobs.resumed(token, **self._core_options))

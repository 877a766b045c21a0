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

from inspera.exports import jobs, kinds
from inspera.exports.atomic import AtomicFile, check_target
from inspera.exports.core import DownloadPolicy, Fetch, JobCore, Poll, RefreshToken, Sleep, Step
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
        """Poll until the job succeeds; `on_progress` (plain or async) sees every reading, unknown states included."""
        result: list[Any] = []
        pending: list[Awaitable[object]] = []
        callback = None if on_progress is None else partial(_report, on_progress, pending)
        plan = self._core.wait_plan(timeout, callback, self._exports._clock)
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
    ) -> Path:
        """Wait for the job if needed, then stream its file to `path` atomically; returns the absolute path."""
        target = check_target(path, overwrite=overwrite)
        status = await self._finished(timeout)
        with AtomicFile(target, overwrite=overwrite) as sink:
            plan = self._core.fetch_plan(status, self._exports._backend.token_ttl())
            async for _ in self._drive(plan, sink, [], on_progress):
                pass
            await asyncio.to_thread(sink.sync)
            return sink.commit()

    async def json(self, *, max_bytes: int = jobs.DEFAULT_JSON_LIMIT, timeout: float | None = None) -> Any:
        """Wait if needed, fetch the whole file into memory (at most `max_bytes`) and parse it."""
        status = await self._finished(timeout)
        sink = MemorySink(max_bytes)
        async for _ in self._drive(self._core.fetch_plan(status, self._exports._backend.token_ttl()), sink, []):
            pass
        return sink.parse()

    async def document(self, *, max_bytes: int = jobs.DEFAULT_JSON_LIMIT, timeout: float | None = None) -> Any:
        """`json()` parsed into the kind's generated model (e.g. `CandidateResults`); ExportFormatError if none."""
        self._core.kind.document_class()  # fail before downloading when the kind has no model
        return self._core.kind.parse_document(await self.json(max_bytes=max_bytes, timeout=timeout))

    def iter_candidates(self, *, prefix: str | None = None, timeout: float | None = None) -> AsyncIterator[Any]:
        """Wait if needed, then stream the file and yield one candidate record at a time (constant memory)."""
        return self._stream(CandidateSink(jobs.candidates_prefix(self._core, prefix)), timeout)

    async def _stream(self, sink: CandidateSink, timeout: float | None) -> AsyncIterator[Any]:
        status = await self._finished(timeout)
        async for record in self._drive(self._core.fetch_plan(status, self._exports._backend.token_ttl()), sink, []):
            yield record
        sink.finish()
        for record in sink.take():
            yield record

    async def _finished(self, timeout: float | None) -> ExportStatus:
        last = self._core.last_status
        if last is not None and last.done and last.download_url:
            return last
        return await self.wait(timeout)

    async def _drive(
        self,
        plan: Generator[Step, Any, Any],
        sink: Sink | None,
        result: list[Any],
        on_bytes: ByteProgress | None = None,
        pending: list[Awaitable[object]] | None = None,
    ) -> AsyncIterator[Any]:
        """Perform the plan's steps; yields records for a CandidateSink; the plan's value lands in `result`.

        `pending` holds awaitables returned by an async progress callback; they are awaited before the next step.
        """
        reply: Any = None
        while True:
            try:
                step = plan.send(reply)
            except StopIteration as stop:
                result.append(stop.value)
                return
            finally:
                while pending:
                    await pending.pop(0)
            if isinstance(step, Poll):
                reply = await self.status()
            elif isinstance(step, Sleep):
                await self._exports._sleep(step.seconds)
                reply = None
            elif isinstance(step, RefreshToken):
                await self._exports._backend.refresh_token()
                reply = None
            elif isinstance(step, Fetch) and sink is not None:
                fetched: list[FetchResult] = []
                async for record in self._fetch(step.url, sink, on_bytes, fetched):
                    yield record
                reply = fetched[0]
            else:  # pragma: no cover - the core only yields the steps above
                raise AssertionError(step)

    async def _fetch(
        self, url: str, sink: Sink, on_bytes: ByteProgress | None, out: list[FetchResult]
    ) -> AsyncIterator[Any]:
        client = self._exports._download_client()
        try:
            response = await client.send(signed_request(client, url), stream=True, auth=None)
        except httpx.TransportError as exc:
            out.append(connection_failed(exc, mid_body=False))
            return
        try:
            transfer = Transfer(sink, on_bytes)
            ended = transfer.start(response.status_code, response.headers)
            if ended is not None:
                out.append(ended)
                return
            async for chunk in response.aiter_bytes():
                for record in transfer.chunk(chunk):
                    yield record
            out.append(transfer.end(response.headers, response.num_bytes_downloaded))
        except httpx.TransportError as exc:
            out.append(connection_failed(exc, mid_body=True))
        finally:
            await response.aclose()


def _report(callback: AsyncProgressCallback, pending: list[Awaitable[object]], status: ExportStatus) -> None:
    outcome = callback(status)
    if inspect.isawaitable(outcome):
        pending.append(outcome)


class AsyncExports:
    """`AsyncInspera.exports`: order Inspera's exports and get `AsyncExportJob`s back (or resume one)."""

    def __init__(
        self,
        client: Any,
        *,
        poll_policy: PollPolicy | None = None,
        download_policy: DownloadPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        backend: Any = None,
    ) -> None:
        if backend is None:
            from inspera.exports.facade_backend import AsyncFacadeBackend

            backend = AsyncFacadeBackend(client)
        self._backend = backend
        self._core_options: dict[str, Any] = {"poll_policy": poll_policy, "download_policy": download_policy}
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

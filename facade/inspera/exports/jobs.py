"""Pieces both drivers share: argument checks, order requests per kind, and the job's public read-only surface."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Generator, Mapping
from types import ModuleType
from typing import Any

from inspera._http.deadline import within
from inspera.errors import InsperaError, InvalidArgumentError
from inspera.exports import kinds
from inspera.exports.core import Budget, DownloadPolicy, JobCore, Step, job_id_from_order
from inspera.exports.errors import ExportFormatError
from inspera.exports.expiry import Expiry, expiry_seconds
from inspera.exports.kinds import ExportKind
from inspera.exports.polling import PollPolicy
from inspera.exports.status import ExportStatus
from inspera.exports.token import parse_token
from inspera.exports.transfer import CandidateSink, Hops, Limits, MemorySink

DEFAULT_JSON_LIMIT = 64 * 1024 * 1024  # json() / document(): bytes held in memory at most
DEFAULT_DOWNLOAD_LIMIT = 16 * 1024**3  # download(): bytes written to disk at most
ByteProgress = Callable[[int, int | None], object]
PathLike = str | os.PathLike[str]


def _count(name: str, value: object, *, allow_none: bool = False) -> int | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgumentError(
            f"{name} must be a whole number >= 1{' or None' if allow_none else ''}, got {value!r}"
        )
    return value


def _seconds(name: str, value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
        raise InvalidArgumentError(f"{name} must be seconds (a number >= 0) or None, got {value!r}")
    return float(value)


def limits(core: JobCore, max_bytes: int | None) -> Limits:
    """The size limits of one fetch: `max_bytes` (checked) and the policy's decompression ratio."""
    return Limits(_count("max_bytes", max_bytes, allow_none=True), core.download_policy.max_compression_ratio)


def budget(deadline: float | None, clock: Callable[[], float]) -> Budget | None:
    """download()'s overall deadline as a Budget on the exports clock (checked); None without one."""
    seconds = _seconds("deadline", deadline)
    return None if seconds is None else Budget(clock(), seconds, clock, "deadline")


def io_bound(timeout: float | None) -> float | None:
    """How long the requests inside `wait(timeout)` may run: the timeout plus a grace in which a last status check
    started just before the deadline can finish (10 % of the timeout, at least 0.5 s, at most 5 s)."""
    if timeout is None or not timeout >= 0:
        return None
    return timeout + min(5.0, max(0.5, 0.1 * timeout))


def wait_scope(timeout: float | None) -> contextlib.AbstractContextManager[None]:
    """The deadline scope of `wait(timeout)`: pauses and new attempts end at `timeout`, a status check already
    under way may finish within the grace of `io_bound`."""
    bound = io_bound(timeout)
    if bound is None or timeout is None:
        return within(None)
    return within(timeout, grace=bound - timeout)


def wait_budget(timeout: float | None, overall: Budget | None, clock: Callable[[], float]) -> Budget | None:
    """The limit of the wait inside a download: whichever of `timeout` and the overall deadline ends first."""
    seconds = _seconds("timeout", timeout)
    if overall is None:
        return None if seconds is None else Budget(clock(), seconds, clock)
    left = overall.left()
    if seconds is None or (left is not None and left <= seconds):
        return overall
    return Budget(clock(), seconds, clock)


def scrubber(backend: Any) -> Callable[[str], str] | None:
    """The backend's scrubber of the client's secrets (`scrub(text)`), if it has one."""
    scrub = getattr(backend, "scrub", None)
    return scrub if callable(scrub) else None


def hops(core: JobCore, url: str, backend: Any) -> Hops:
    """The redirect chain of one fetch of `url`, with the policy's limit and the client's plain-http setting."""
    insecure = getattr(backend, "insecure_downloads", None)
    allowed = bool(insecure()) if callable(insecure) else False
    return Hops(url, limit=core.download_policy.max_redirects, insecure_ok=allowed)


def memory_sink(max_bytes: int, max_depth: int) -> MemorySink:
    return MemorySink(_count("max_bytes", max_bytes) or 0, _count("max_depth", max_depth) or 0)


def candidate_sink(core: JobCore, prefix: str | None, max_depth: int, max_record_bytes: int) -> CandidateSink:
    return CandidateSink(
        candidates_prefix(core, prefix),
        max_depth=_count("max_depth", max_depth) or 0,
        record_limit=_count("max_record_bytes", max_record_bytes) or 0,
    )


def check_id(name: str, value: object) -> int:
    """Ids are non-negative integers (bool excluded)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0")
    return value


def _unset(value: Any) -> Any:
    from inspera_api.types import UNSET

    return UNSET if value is None else value


def file_order_body(
    resource_type: str, parameters: Mapping[str, str] | None, expiry: Expiry | None
) -> dict[str, Any]:
    """Keyword arguments for the generic file export's order operation."""
    from inspera_api.models.file_export_order_request import FileExportOrderRequest

    if not isinstance(resource_type, str) or not resource_type.strip():
        raise ValueError("resource_type must be a non-empty string such as 'AllUsers' or 'AllResults'")
    body: dict[str, Any] = {"resourceType": resource_type}
    if parameters is not None:
        if not isinstance(parameters, Mapping):
            raise TypeError("parameters must be a mapping of strings")
        body["parameters"] = {str(key): str(value) for key, value in parameters.items()}
    seconds = expiry_seconds(expiry)
    if seconds is not None:
        body["expiryPeriod"] = seconds
    return {"body": FileExportOrderRequest.from_dict(body)}


class OrderRequest:
    """A prepared order: the operation, its arguments, and the job params kept for status calls and tokens."""

    def __init__(self, kind: ExportKind, kwargs: dict[str, Any], params: dict[str, int]) -> None:
        self.kind = kind
        self.kwargs = kwargs
        self.params = params

    def operation(self) -> ModuleType:
        return self.kind.order_module()

    def job(self, response: Any, **core_options: Any) -> JobCore:
        from inspera.exports.core import as_payload

        job_id = job_id_from_order(self.kind, as_payload(response))
        return JobCore(self.kind, job_id, self.params, **core_options)


def order_by_ids(kind: ExportKind, expiry: Expiry | None, **ids: int) -> OrderRequest:
    """An order of a per-test or per-candidate export: the ids go in the path, expiryPeriod in the query.

    Every argument is named, so the generated default expiryPeriod is never sent unasked.
    """
    params = {name: check_id(name, value) for name, value in ids.items()}
    return OrderRequest(kind, {**params, "expiry_period": _unset(expiry_seconds(expiry))}, params)


def order_candidate_pdf(test_id: int, user_id: int, answers_only: bool, expiry: Expiry | None) -> OrderRequest:
    """The candidate PDF is ordered with a JSON body carrying questionAnswerOptions and expiryPeriod."""
    from inspera_api.models.candidate_pdf_request import CandidatePdfRequest

    if not isinstance(answers_only, bool):
        raise TypeError("answers_only must be True or False")
    params = {"test_id": check_id("test_id", test_id), "user_id": check_id("user_id", user_id)}
    body: dict[str, Any] = {}
    if answers_only:
        body["questionAnswerOptions"] = "ANSWERS_ONLY"
    seconds = expiry_seconds(expiry)
    if seconds is not None:
        body["expiryPeriod"] = seconds
    return OrderRequest(kinds.CANDIDATE_PDF, {**params, "body": CandidatePdfRequest.from_dict(body)}, params)


def order_file(
    resource_type: str, parameters: Mapping[str, str] | None = None, expiry: Expiry | None = None
) -> OrderRequest:
    return OrderRequest(kinds.FILE, file_order_body(resource_type, parameters, expiry), {})


def resumed(token: str, **core_options: Any) -> JobCore:
    """Rebuild a job's core from a continuation token (raises InvalidContinuationToken)."""
    parsed = parse_token(token)
    return JobCore(parsed.kind, parsed.job_id, parsed.params, **core_options)


def candidates_prefix(core: JobCore, prefix: str | None) -> str:
    """The ijson prefix for this job's candidate records."""
    chosen = prefix if prefix is not None else core.kind.candidates_prefix
    if chosen is None:
        raise ExportFormatError(
            f"{core.kind.name} exports have no known candidate array; "
            "pass prefix= (an ijson prefix such as 'items.item')"
        )
    return chosen


def wiring(
    client: Any, backend: Any, poll_policy: PollPolicy | None, download_policy: DownloadPolicy | None, *, aio: bool
) -> tuple[Any, dict[str, Any]]:
    """An `Exports`' backend (the client's own unless one is given) and the options each of its job cores gets."""
    if backend is None:
        from inspera.exports.facade_backend import AsyncFacadeBackend, SyncFacadeBackend

        backend = AsyncFacadeBackend(client) if aio else SyncFacadeBackend(client)
    return backend, {"poll_policy": poll_policy, "download_policy": download_policy, "scrub": scrubber(backend)}


class Steps:
    """A job plan's steps, one per iteration; each is sent the `reply` or thrown the `failure` its driver left.

    Only the drivers' I/O differs: both iterate this, perform the step, and leave its outcome here. An InsperaError
    of a status request or the token refresh is thrown back into the plan, which decides (a deadline that ran out
    becomes ExportTimeout). `result` is the plan's value once it has ended.
    """

    __slots__ = ("failure", "plan", "reply", "result")

    def __init__(self, plan: Generator[Step, Any, Any]) -> None:
        self.plan = plan
        self.reply: Any = None
        self.failure: InsperaError | None = None
        self.result: Any = None

    def __iter__(self) -> Steps:
        return self

    def __next__(self) -> Step:
        reply, failure = self.reply, self.failure
        self.reply, self.failure = None, None
        try:
            return self.plan.send(reply) if failure is None else self.plan.throw(failure)
        except StopIteration as stop:
            self.result = stop.value
            raise


class JobView:
    """Read-only facts about a job, shared by ExportJob and AsyncExportJob."""

    _core: JobCore

    @property
    def job_id(self) -> str:
        """The id Inspera gave the export when it was ordered."""
        return self._core.job_id

    @property
    def kind(self) -> str:
        """The export's kind, a key of `inspera.exports.KINDS` (e.g. "results")."""
        return self._core.kind.name

    @property
    def params(self) -> dict[str, int]:
        """The ids the job belongs to (e.g. test_id, user_id)."""
        return dict(self._core.params)

    @property
    def last_status(self) -> ExportStatus | None:
        """The most recent status reading, without a request."""
        return self._core.last_status

    def continuation_token(self) -> str:
        """A small versioned JSON string; `exports.resume(token)` picks the job up in any process."""
        return self._core.continuation_token()

    def __repr__(self) -> str:
        state = self._core.last_status.state.value if self._core.last_status else "unpolled"
        return f"{type(self).__name__}(kind={self.kind!r}, job_id={self.job_id!r}, state={state!r})"

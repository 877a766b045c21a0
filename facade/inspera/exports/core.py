"""The sans-IO core shared by the sync and async export drivers: job state, steps and the wait/fetch plans.

Plans are generators: they yield a step (poll, sleep, refresh the token, fetch the URL) and receive the
step's result; drivers only perform steps, and throw an `InsperaError` a step raised back into the plan. All
decisions live here, once — including the deadline: a `Budget` bounds the whole plan, every sleep is cut to the
time left, and a step that failed because the time ran out becomes `ExportTimeout` saying how long it waited.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from inspera.errors import InsperaConnectionError, InternalServerError, RateLimitError
from inspera.exports.errors import ExportDownloadError, ExportError, ExportFailed, ExportTimeout
from inspera.exports.kinds import ExportKind
from inspera.exports.polling import PollPolicy
from inspera.exports.redact import redact_url
from inspera.exports.status import ExportState, ExportStatus, dig, parse_status
from inspera.exports.token import ContinuationToken, check_job_id
from inspera.exports.transfer import FetchResult, Outcome

log = logging.getLogger("inspera.exports")

ProgressCallback = Callable[[ExportStatus], object]
Clock = Callable[[], float]


@dataclass(frozen=True)
class Poll:
    """Read the job's status now; the driver sends back the ExportStatus."""


@dataclass(frozen=True)
class Sleep:
    seconds: float


@dataclass(frozen=True)
class RefreshToken:
    """Take a fresh access token (signed URLs live only as long as the token that produced them)."""


@dataclass(frozen=True)
class Fetch:
    """GET the signed URL without credentials into the current sink; the driver sends back a FetchResult."""

    url: str = ""

    def __repr__(self) -> str:
        return f"Fetch(url={redact_url(self.url)!r})"


Step = Poll | Sleep | RefreshToken | Fetch


@dataclass(frozen=True)
class DownloadPolicy:
    """Limits for fetching a signed URL."""

    max_attempts: int = 4  # fetch attempts after drops/5xx (an expired URL earns one extra re-poll)
    retry_backoff: float = 0.5  # seconds, doubled per retry
    refresh_margin: float = 300.0  # refresh the token first when it expires sooner than this
    max_redirects: int = 5  # redirects followed from the signed URL before giving up
    max_compression_ratio: float = 200.0  # decoded bytes per byte on the wire of a compressed file, at most

    def __post_init__(self) -> None:
        if self.max_attempts < 1 or self.max_redirects < 0 or not self.max_compression_ratio >= 1:
            raise ValueError("DownloadPolicy needs max_attempts >= 1, max_redirects >= 0, max_compression_ratio >= 1")


# Failures of a step that more time might have cured: when the budget ran out meanwhile, the plan times out.
_OUT_OF_TIME = (InsperaConnectionError, RateLimitError, InternalServerError)
_SLACK = 0.05  # seconds: a step that failed this close to the deadline ran out of time


@dataclass(frozen=True)
class Budget:
    """A time limit on the exports clock: `seconds` from `start` (None: no limit), and what it is called."""

    start: float
    seconds: float | None
    clock: Clock
    name: str = "timeout"

    def left(self) -> float | None:
        return None if self.seconds is None else self.start + self.seconds - self.clock()

    def passed(self, slack: float = 0.0) -> bool:
        left = self.left()
        return left is not None and left <= slack

    def cut(self, delay: float) -> float:
        left = self.left()
        return delay if left is None else max(0.0, min(delay, left))

    def waited(self) -> float:
        return self.clock() - self.start


def _same(text: str) -> str:
    return text


def job_id_from_order(kind: ExportKind, payload: Mapping[str, Any]) -> str:
    """Read the job id out of an order response (numbers are accepted and kept as text)."""
    raw = dig(payload, kind.job_id_path)
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    try:
        return check_job_id(raw)
    except ValueError:
        raise ExportError(f"the {kind.name} export order response carried no usable job id") from None


def as_payload(model: Any) -> Mapping[str, Any]:
    """Generated models expose `to_dict()` (vendor spelling, extra fields kept); plain mappings pass through."""
    if isinstance(model, Mapping):
        return model
    to_dict = getattr(model, "to_dict", None)
    if callable(to_dict):
        result = to_dict()
        if isinstance(result, Mapping):
            return result
    raise ExportError(f"unexpected export response of type {type(model).__name__}")


class JobCore:
    """State of one export job, independent of how requests are sent."""

    def __init__(
        self,
        kind: ExportKind,
        job_id: str,
        params: Mapping[str, int],
        *,
        poll_policy: PollPolicy | None = None,
        download_policy: DownloadPolicy | None = None,
        scrub: Callable[[str], str] | None = None,
    ) -> None:
        self.kind = kind
        self.job_id = check_job_id(job_id)
        self.params = dict(params)
        self.poll_policy = poll_policy or PollPolicy()
        self.download_policy = download_policy or DownloadPolicy()
        self.scrub = scrub or _same  # masks the client's secrets in texts the server wrote
        self.last_status: ExportStatus | None = None
        self._reported_unknown: set[str] = set()

    def status_call(self) -> tuple[ModuleType, dict[str, Any]]:
        """The generated status operation and its keyword arguments."""
        kwargs: dict[str, Any] = {name: self.params[name] for name in self.kind.status_params}
        kwargs["job_id"] = self.job_id
        return self.kind.status_module(), kwargs

    def record(self, model: Any, retry_after: float | None = None) -> ExportStatus:
        """Turn a status response (and the server's Retry-After hint, if any) into an ExportStatus; remember it."""
        status = parse_status(self.kind, as_payload(model), retry_after=retry_after, scrub=self.scrub)
        if status.state is ExportState.UNKNOWN and status.vendor_state not in self._reported_unknown:
            self._reported_unknown.add(status.vendor_state or "")
            log.warning(
                "%s export %s reports unrecognised state %r; still waiting",
                self.kind.name,
                self.job_id,
                status.vendor_state,
            )
        self.last_status = status
        return status

    def continuation_token(self) -> str:
        return ContinuationToken(self.kind, self.job_id, self.params).encode()

    def failure(self, status: ExportStatus) -> ExportFailed:
        """The ExportFailed error for a failed reading."""
        return ExportFailed(
            f"{self.kind.name} export {self.job_id} failed (vendor state {status.vendor_state!r})",
            kind=self.kind.name,
            job_id=self.job_id,
            status=status,
        )

    def timed_out(self, budget: Budget, detail: str, status: ExportStatus | None = None) -> ExportTimeout:
        """The ExportTimeout for a budget that ran out, saying how long the plan waited."""
        status = status or self.last_status
        waited = budget.waited()
        return ExportTimeout(
            f"{self.kind.name} export {self.job_id}: {detail} after {waited:.1f} s ({budget.name} "
            f"{budget.seconds:g} s); resume it with the continuation token",
            kind=self.kind.name,
            job_id=self.job_id,
            continuation_token=self.continuation_token(),
            status=status,
            waited=waited,
        )

    def _step(self, step: Poll | RefreshToken, budget: Budget | None) -> Generator[Step, Any, Any]:
        """Perform `step`; an error it raised because the time ran out becomes ExportTimeout."""
        try:
            return (yield step)
        except _OUT_OF_TIME as error:
            if budget is not None and budget.passed(_SLACK):
                what = "the status request" if isinstance(step, Poll) else "the token refresh"
                raise self.timed_out(budget, f"{what} did not complete in time ({type(error).__name__})") from error
            raise

    def wait_plan(
        self,
        timeout: float | None,
        on_progress: ProgressCallback | None,
        clock: Clock,
        budget: Budget | None = None,
    ) -> Generator[Step, Any, ExportStatus]:
        """Poll at once, then on the policy's schedule, until success, failure or the deadline (`timeout`, or
        `budget` when given: download()'s overall deadline)."""
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0 or None")
        start = clock()
        limit = budget if budget is not None else Budget(start, timeout, clock)
        while True:
            status: ExportStatus = yield from self._step(Poll(), limit)
            if on_progress is not None:
                on_progress(status)
            if status.done:
                return status
            if status.failed:
                raise self.failure(status)
            if limit.passed():
                raise self.timed_out(limit, f"still {self.scrub(status.vendor_state or 'running')}", status)
            yield Sleep(limit.cut(self.poll_policy.delay(clock() - start, status.retry_after)))

    def fetch_plan(
        self, status: ExportStatus, token_ttl: float | None, budget: Budget | None = None
    ) -> Generator[Step, Any, FetchResult]:
        """Fetch the finished job's file: refresh first if the token is nearly spent, re-poll once for an
        expired URL, retry drops and 5xx into a clean sink, all within `budget`. Each Fetch is preceded by the
        driver resetting the sink.
        """
        policy = self.download_policy
        if token_ttl is not None and token_ttl < policy.refresh_margin:
            yield from self._step(RefreshToken(), budget)
            status = yield from self._step(Poll(), budget)
        url = yield from self._url_of(status, budget)
        repolled = False
        attempts = 0
        while True:
            attempts += 1
            if budget is not None and budget.passed():
                raise self.timed_out(budget, "the download did not finish")
            result: FetchResult = yield Fetch(url)
            if result.outcome is Outcome.OK:
                return result
            where = redact_url(url)
            if budget is not None and budget.passed(_SLACK) and result.outcome is not Outcome.FATAL:
                raise self.timed_out(budget, f"the download did not finish ({result.detail or result.status_code})")
            if result.outcome is Outcome.EXPIRED and not repolled:
                repolled = True
                attempts -= 1
                log.info(
                    "%s export %s: signed URL rejected (%s); asking for a fresh one",
                    self.kind.name,
                    self.job_id,
                    result.status_code,
                )
                status = yield from self._step(Poll(), budget)
                url = yield from self._url_of(status, budget)
                continue
            if result.outcome in (Outcome.DROPPED, Outcome.RETRYABLE) and attempts < policy.max_attempts:
                log.info(
                    "%s export %s: fetch of %s interrupted (%s); retrying into a clean file",
                    self.kind.name,
                    self.job_id,
                    where,
                    result.detail or result.status_code,
                )
                delay = policy.retry_backoff * 2 ** (attempts - 1)
                yield Sleep(delay if budget is None else budget.cut(delay))
                continue
            reason = result.detail or f"HTTP {result.status_code}"
            raise ExportDownloadError(
                f"could not fetch {self.kind.name} export {self.job_id} from {where}: {reason}"
                + (f" after {attempts} attempts" if attempts > 1 else ""),
                status_code=result.status_code,
            )

    def _url_of(self, status: ExportStatus, budget: Budget | None = None) -> Generator[Step, Any, str]:
        if status.failed:
            raise self.failure(status)
        if status.download_url is None:
            # Success reported before the URL was attached: ask once more.
            status = yield from self._step(Poll(), budget)
            if status.failed:
                raise self.failure(status)
        if status.download_url is None:
            raise ExportDownloadError(
                f"{self.kind.name} export {self.job_id} has no download URL (state {status.vendor_state!r})"
            )
        return status.download_url

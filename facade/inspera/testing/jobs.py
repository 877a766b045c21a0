"""Export jobs that progress with time, and the signed URLs that serve their files."""

from __future__ import annotations

import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from .body import Body

Clock = Callable[[], float]


@dataclass
class ExportJob:
    job_id: str
    # submissions, candidate_submissions, candidate_results, candidate_pdf, results, test_events, file
    kind: str
    test_id: int | None
    user_id: int | None
    file_name: str
    ordered_at: float
    duration: float
    fails: bool
    url_expires_at: float | None  # token expiry of the ordering call when URLs live as long as tokens
    build: Callable[[], Body]
    # What the job exports (kind, ids, options): a second order of the same while this one runs gets this job.
    identity: tuple[object, ...] = ()
    url_lifetime: float | None = None  # the order's expiryPeriod in seconds, when it gave one
    _body: Body | None = None

    def progress(self, now: float) -> int:
        if self.duration <= 0:
            return 100
        return min(100, int(100 * (now - self.ordered_at) / self.duration))

    def finished(self, now: float) -> bool:
        return now - self.ordered_at >= self.duration

    def state(self, now: float) -> str:
        if not self.finished(now):
            return "running"
        return "failed" if self.fails else "success"

    def body(self) -> Body:
        if self._body is None:
            self._body = self.build()
        return self._body


@dataclass(frozen=True)
class SignedUrl:
    job_id: str
    file_name: str
    expires_at: float
    epoch: int


class JobBook:
    """All export jobs and every signed URL handed out for them."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self.clock = clock
        self.jobs: dict[str, ExportJob] = {}
        self._urls: dict[str, SignedUrl] = {}

    def add(self, job: ExportJob) -> ExportJob:
        self.jobs[job.job_id] = job
        return job

    def running(self, identity: tuple[object, ...]) -> ExportJob | None:
        """The unfinished job exporting the same thing, if any (Inspera de-duplicates such orders since 2024)."""
        now = self.clock()
        return next((job for job in self.jobs.values() if job.identity == identity and not job.finished(now)), None)

    @staticmethod
    def new_id() -> str:
        return secrets.token_hex(12)

    def sign(self, origin: str, job: ExportJob, lifetime: float | None, token_expiry: float, epoch: int) -> str:
        """A fresh URL outside /api for a finished job; it lives `lifetime` seconds or as long as the token."""
        now = self.clock()
        expires_at = now + lifetime if lifetime is not None else token_expiry
        signature = secrets.token_hex(32)
        self._urls[signature] = SignedUrl(job.job_id, job.file_name, expires_at, epoch)
        seconds = math.ceil(lifetime) if lifetime is not None else max(0, math.ceil(expires_at - now))
        return (
            f"{origin}/signed/{job.job_id}/{job.file_name}"
            f"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires={seconds}&X-Amz-Signature={signature}"
        )

    def signatures(self) -> list[str]:
        """The signature of every URL handed out so far, expired ones included."""
        return list(self._urls)

    def redeem(self, job_id: str, file_name: str, signature: str, epoch: int) -> tuple[ExportJob | None, str]:
        """The job behind a signed URL, or None with the S3-style reason it is refused."""
        url = self._urls.get(signature)
        if url is None or url.job_id != job_id or url.file_name != file_name:
            return None, "SignatureDoesNotMatch"
        if url.epoch != epoch or self.clock() >= url.expires_at:
            return None, "AccessDenied"
        job = self.jobs.get(job_id)
        if job is None:
            return None, "NoSuchKey"
        return job, ""

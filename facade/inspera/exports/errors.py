"""Typed errors raised by export jobs; all subclass `inspera.errors.InsperaError`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inspera.errors import InsperaError

if TYPE_CHECKING:
    from inspera.exports.status import ExportStatus


class ExportError(InsperaError):
    """Base class for export-job failures."""


class ExportFailed(ExportError):
    """Inspera reported the export job as failed."""

    def __init__(self, message: str, *, kind: str, job_id: str, status: ExportStatus) -> None:
        super().__init__(message)
        self.kind, self.job_id, self.status = kind, job_id, status


class ExportTimeout(ExportError):
    """`wait(timeout=)` or `download(deadline=)` ran out: the job was still running, or a status request, the token
    refresh or the download could not finish in the time left. `waited` is how long it took (seconds);
    `continuation_token` resumes the job later or elsewhere."""

    def __init__(
        self,
        message: str,
        *,
        kind: str,
        job_id: str,
        continuation_token: str,
        status: ExportStatus | None,
        waited: float | None = None,
    ):
        super().__init__(message)
        self.kind, self.job_id, self.continuation_token = kind, job_id, continuation_token
        self.status, self.waited = status, waited


class InvalidContinuationToken(ExportError, ValueError):
    """A continuation token was garbled, too large, of an unknown version or kind, or carried bad fields."""


class ExportDownloadError(ExportError):
    """The export file could not be fetched (expired URL after a re-poll, repeated drops, wrong length, HTTP error),
    or was refused: larger than `max_bytes`, a decompression bomb, longer than its Content-Length, a plain-http URL
    off loopback, too many redirects, an unusable URL.

    Messages carry the signed URL with its query redacted, never the signature itself.
    """

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class DownloadTargetError(ExportError, OSError):
    """The download target cannot be written: it exists and overwrite=False, its directory is unwritable, or writing
    failed (a full disk, a quota, an I/O error)."""


class ExportFormatError(ExportError):
    """The export file is not the JSON expected for its kind: not JSON, nested deeper than `max_depth`, without the
    array of records (or with something else in its place), a record larger than `max_record_bytes`, not fitting
    its model (or iter_candidates() has no prefix for it)."""

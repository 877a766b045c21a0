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
        self.kind = kind
        self.job_id = job_id
        self.status = status


class ExportTimeout(ExportError):
    """The job was still running at the deadline; `continuation_token` resumes it later or elsewhere."""

    def __init__(self, message: str, *, kind: str, job_id: str, continuation_token: str, status: ExportStatus | None):
        super().__init__(message)
        self.kind = kind
        self.job_id = job_id
        self.continuation_token = continuation_token
        self.status = status


class InvalidContinuationToken(ExportError, ValueError):
    """A continuation token was garbled, too large, of an unknown version or kind, or carried bad fields."""


class ExportDownloadError(ExportError):
    """The export file could not be fetched (expired URL after a re-poll, repeated drops, wrong length, HTTP error).

    Messages carry the signed URL with its query redacted, never the signature itself.
    """

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class DownloadTargetError(ExportError, OSError):
    """The download target cannot be written: it exists and overwrite=False, or its directory is unwritable."""


class ExportFormatError(ExportError):
    """The export file is not the JSON shape expected for its kind (or iter_candidates() has no prefix for it)."""

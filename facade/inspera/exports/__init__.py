"""Export jobs: order an Inspera export, poll it, download or stream its file, resume it anywhere from a token."""

from inspera.exports.aio import AsyncExportJob, AsyncExports
from inspera.exports.core import DownloadPolicy
from inspera.exports.errors import (
    DownloadTargetError,
    ExportDownloadError,
    ExportError,
    ExportFailed,
    ExportFormatError,
    ExportTimeout,
    InvalidContinuationToken,
)
from inspera.exports.kinds import KINDS, ExportKind
from inspera.exports.polling import PollPolicy
from inspera.exports.status import ExportState, ExportStatus
from inspera.exports.sync import ExportJob, Exports

__all__ = [
    "KINDS",
    "AsyncExportJob",
    "AsyncExports",
    "DownloadPolicy",
    "DownloadTargetError",
    "ExportDownloadError",
    "ExportError",
    "ExportFailed",
    "ExportFormatError",
    "ExportJob",
    "ExportKind",
    "ExportState",
    "ExportStatus",
    "ExportTimeout",
    "Exports",
    "InvalidContinuationToken",
    "PollPolicy",
]

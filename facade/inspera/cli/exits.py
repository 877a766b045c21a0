"""Exit codes of the CLI, the mapping from errors to them, and one-line error text with secrets scrubbed."""

from __future__ import annotations

import enum

SCRUBBED = "***"


class ExitCode(enum.IntEnum):
    OK = 0
    FAILED = 1  # the API refused, a job failed, a download broke, a webhook signature did not match
    USAGE = 2  # bad arguments or configuration: nothing was sent to Inspera (click uses 2 as well)
    TIMEOUT = 3  # an export was still running at --timeout; its continuation token went to stdout
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)


class CLIError(Exception):
    """A problem the user can fix, reported as one line."""

    def __init__(self, message: str, code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(message)
        self.code = code


_secrets: set[str] = set()


def remember_secret(value: str) -> str:
    """Register a value read from a key or secret file so no error line can ever show it; returns it."""
    if len(value) >= 4:
        _secrets.add(value)
    return value


def scrub(text: str) -> str:
    from inspera._http.redact import redact_text

    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, SCRUBBED)
    return redact_text(text)


def one_line(error: BaseException) -> str:
    """The message on a single line; errors outside this package also name their type."""
    from inspera.errors import InsperaError

    text = " ".join(str(error).split())
    if not isinstance(error, CLIError | InsperaError):
        text = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return scrub(text or type(error).__name__)


def exit_code_for(error: BaseException) -> ExitCode:
    if isinstance(error, CLIError):
        return error.code
    # Imported here: these modules load httpx and the export machinery, which --help never needs.
    from inspera.errors import ConfigurationError, InvalidArgumentError
    from inspera.exports.errors import DownloadTargetError, ExportTimeout, InvalidContinuationToken

    if isinstance(error, ExportTimeout):
        return ExitCode.TIMEOUT
    if isinstance(error, ConfigurationError | InvalidArgumentError | InvalidContinuationToken | DownloadTargetError):
        return ExitCode.USAGE
    return ExitCode.FAILED

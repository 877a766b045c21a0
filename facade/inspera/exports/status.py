"""The status value of an export job, read tolerantly from the vendor payload through its kind's field paths."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from inspera.exports.redact import redact_url


class ExportState(enum.StrEnum):
    """Our reading of the vendor's job state; UNKNOWN means a value we have not seen (we keep polling)."""

    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    UNKNOWN = "unknown"


# Documented: success; failed/error. Values while running are undocumented, so these are a tolerant guess.
_STATE_MAP: dict[str, ExportState] = {
    "success": ExportState.SUCCEEDED,
    "succeeded": ExportState.SUCCEEDED,
    "completed": ExportState.SUCCEEDED,
    "done": ExportState.SUCCEEDED,
    "finished": ExportState.SUCCEEDED,
    "failed": ExportState.FAILED,
    "failure": ExportState.FAILED,
    "error": ExportState.FAILED,
    "running": ExportState.RUNNING,
    "pending": ExportState.RUNNING,
    "queued": ExportState.RUNNING,
    "started": ExportState.RUNNING,
    "processing": ExportState.RUNNING,
    "in_progress": ExportState.RUNNING,
    "inprogress": ExportState.RUNNING,
}


def map_state(vendor_state: str | None) -> ExportState:
    """Map a vendor state string to an ExportState; a missing state means still running."""
    if vendor_state is None:
        return ExportState.RUNNING
    return _STATE_MAP.get(vendor_state.strip().lower().replace("-", "_").replace(" ", "_"), ExportState.UNKNOWN)


@dataclass(frozen=True)
class ExportStatus:
    """One status reading: mapped state, the vendor's own state string, progress 0-100, URL when done, raw fields."""

    state: ExportState
    vendor_state: str | None
    progress: int | None
    download_url: str | None = field(default=None, repr=False)
    fields: Mapping[str, Any] = field(default_factory=dict, repr=False)
    retry_after: float | None = field(default=None, repr=False)  # server's hint for the next poll, seconds

    @property
    def done(self) -> bool:
        """True when the job succeeded."""
        return self.state is ExportState.SUCCEEDED

    @property
    def failed(self) -> bool:
        """True when the vendor gave up on the job."""
        return self.state is ExportState.FAILED

    def __repr__(self) -> str:
        url = redact_url(self.download_url) if self.download_url else None
        return (
            f"ExportStatus(state={self.state.value!r}, vendor_state={self.vendor_state!r}, "
            f"progress={self.progress!r}, download_url={url!r})"
        )


def dig(payload: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    """Follow `path` through nested mappings; None when any step is missing or not a mapping."""
    node: Any = payload
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node


def _progress(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an integer no float can hold
        return None
    if number != number:  # NaN
        return None
    return int(min(100.0, max(0.0, number)))


def _clean(text: str, url: str | None, scrub: Callable[[str], str] | None) -> str:
    """A vendor text without the client's secrets or the values of the signed URL's query."""
    from inspera._http.redact import scrub as mask

    if scrub is not None:
        text = scrub(text)
    if url and "?" in url:
        from urllib.parse import parse_qsl, urlsplit

        try:
            values = [value for _, value in parse_qsl(urlsplit(url).query) if len(value) >= 8]
        except ValueError:
            values = []
        text = mask(text, values)
    return text


def _text(value: Any) -> str:
    try:
        return value if isinstance(value, str) else str(value)
    except ValueError:  # an integer too long to print
        return f"<{type(value).__name__}>"


class StatusPaths(Protocol):
    """Where an export kind's status payload keeps the state, the progress and the download URL."""

    @property
    def state_path(self) -> tuple[str, ...]: ...
    @property
    def progress_path(self) -> tuple[str, ...]: ...
    @property
    def url_path(self) -> tuple[str, ...]: ...


def parse_status(
    kind: StatusPaths,
    payload: Mapping[str, Any],
    *,
    retry_after: float | None = None,
    scrub: Callable[[str], str] | None = None,
) -> ExportStatus:
    """Read a status payload through the kind's field paths; odd types become None instead of errors.

    `vendor_state` (shown in messages, logs and the repr) is cut to 200 characters and passed through `scrub`.
    """
    raw_state = dig(payload, kind.state_path)
    url = dig(payload, kind.url_path)
    vendor_state = None if raw_state is None else _text(raw_state)[:200]
    if vendor_state is not None:
        vendor_state = _clean(vendor_state, url if isinstance(url, str) else None, scrub)
    return ExportStatus(
        state=map_state(raw_state) if raw_state is None or isinstance(raw_state, str) else ExportState.UNKNOWN,
        vendor_state=vendor_state,
        progress=_progress(dig(payload, kind.progress_path)),
        download_url=url if isinstance(url, str) and url else None,
        fields=dict(payload),
        retry_after=retry_after,
    )

"""Sans-IO pieces of fetching a signed export URL: response classification, length checks and byte sinks."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import ijson

from inspera.exports.errors import ExportDownloadError, ExportFormatError


class Outcome(enum.Enum):
    """How one attempt to fetch the signed URL ended."""

    OK = "ok"
    EXPIRED = "expired"  # 403 (or 401): the signature is no longer accepted; re-poll for a fresh URL
    DROPPED = "dropped"  # connection lost or body shorter than promised; retry into a clean sink
    RETRYABLE = "retryable"  # 408/429/5xx from the storage service
    FATAL = "fatal"  # any other status


@dataclass(frozen=True)
class FetchResult:
    outcome: Outcome
    status_code: int | None = None
    received: int = 0
    detail: str = ""


def classify_status(status_code: int) -> Outcome:
    """Decide from the response status whether to stream the body or how to recover."""
    if 200 <= status_code < 300:
        return Outcome.OK
    if status_code in (401, 403):
        return Outcome.EXPIRED
    if status_code in (408, 429) or status_code >= 500:
        return Outcome.RETRYABLE
    return Outcome.FATAL


def expected_length(headers: Any) -> int | None:
    """Content-Length as an int when present and sane (`headers` is any mapping of header names)."""
    value = headers.get("content-length")
    if value is None:
        return None
    try:
        length = int(value)
    except ValueError:
        return None
    return length if length >= 0 else None


def wire_bytes(headers: Any, decoded: int, raw: int) -> int:
    """Bytes to compare with Content-Length: the raw count when a content coding applies, else the decoded count."""
    coding = str(headers.get("content-encoding", "identity")).strip().lower()
    return decoded if coding in ("", "identity") else raw


def check_complete(expected: int | None, received_on_wire: int) -> FetchResult:
    """OK when the wire byte count matches Content-Length (or none was promised); DROPPED when short."""
    if expected is not None and received_on_wire != expected:
        return FetchResult(
            Outcome.DROPPED, received=received_on_wire, detail=f"got {received_on_wire} of {expected} bytes"
        )
    return FetchResult(Outcome.OK, received=received_on_wire)


class Sink(Protocol):
    """Where fetched bytes go; `begin()` restarts from empty before every attempt."""

    def begin(self) -> None: ...

    def write(self, chunk: bytes) -> None: ...


class MemorySink:
    """Collects a small export in memory, refusing to grow past `limit` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._parts: list[bytes] = []
        self._size = 0

    def begin(self) -> None:
        self._parts.clear()
        self._size = 0

    def write(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > self.limit:
            raise ExportDownloadError(
                f"export is larger than json()'s limit of {self.limit} bytes; use download() or iter_candidates()"
            )
        self._parts.append(chunk)

    def parse(self) -> Any:
        try:
            return json.loads(b"".join(self._parts))
        except ValueError as exc:
            raise ExportFormatError(f"export file is not valid JSON: {exc}") from None


class CandidateSink:
    """Feeds bytes to an incremental JSON parser and hands out complete candidate records as they close.

    `delivered` counts records already handed to the caller, so a retried fetch can skip them.
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.delivered = 0
        self._seen = 0
        self._events: Any = None
        self._coro: Any = None
        self.begin()

    def begin(self) -> None:
        self._events = ijson.sendable_list()
        self._coro = ijson.items_coro(self._events, self.prefix, use_float=True)
        self._seen = 0

    def write(self, chunk: bytes) -> None:
        try:
            self._coro.send(chunk)
        except ijson.JSONError as exc:
            raise ExportFormatError(f"export file is not valid JSON: {exc}") from None

    def finish(self) -> None:
        """Signal end of input; raises ExportFormatError for a document cut short."""
        try:
            self._coro.close()
        except ijson.JSONError as exc:
            raise ExportFormatError(f"export file is not valid JSON: {exc}") from None

    def take(self) -> list[Any]:
        """Records completed since the last call that the caller has not seen in an earlier attempt."""
        items: list[Any] = list(self._events)
        del self._events[:]
        start = self._seen
        self._seen += len(items)
        skip = max(0, self.delivered - start)
        fresh = items[skip:]
        self.delivered += len(fresh)
        return fresh


def signed_request(client: Any, url: str) -> Any:
    """The GET of a signed URL, built without any Authorization header whatever the client's defaults."""
    request = client.build_request("GET", url)
    request.headers.pop("Authorization", None)
    return request


def connection_failed(error: BaseException, *, mid_body: bool) -> FetchResult:
    where = "connection lost mid-body" if mid_body else "connection failed"
    return FetchResult(Outcome.DROPPED, detail=f"{where} ({type(error).__name__})")


class Transfer:
    """One attempt at a signed URL, minus the I/O: the drivers feed it the response head and each body chunk."""

    def __init__(self, sink: Sink, on_bytes: Callable[[int, int | None], object] | None) -> None:
        self._sink = sink
        self._on_bytes = on_bytes
        self._expected: int | None = None
        self._decoded = 0

    def start(self, status_code: int, headers: Any) -> FetchResult | None:
        """A result when the status ends the attempt; None when the body should be read."""
        outcome = classify_status(status_code)
        if outcome is not Outcome.OK:
            return FetchResult(outcome, status_code=status_code, detail=f"HTTP {status_code}")
        self._expected = expected_length(headers)
        self._sink.begin()
        return None

    def chunk(self, data: bytes) -> list[Any]:
        """Write one chunk; returns the candidate records it completed (always empty for other sinks)."""
        self._sink.write(data)
        self._decoded += len(data)
        if self._on_bytes is not None:
            self._on_bytes(self._decoded, self._expected)
        return self._sink.take() if isinstance(self._sink, CandidateSink) else []

    def end(self, headers: Any, raw_bytes: int) -> FetchResult:
        """Judge the finished body against the promised length (on the wire, before any decoding)."""
        return check_complete(self._expected, wire_bytes(headers, self._decoded, raw_bytes))

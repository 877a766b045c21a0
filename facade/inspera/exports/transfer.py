"""Sans-IO pieces of fetching a signed export URL: response classification, limits, redirects and byte sinks.

The drivers (`sync.py`, `aio.py`) do the I/O; everything they decide comes from here:
- `Hops` checks every URL of a redirect chain (https unless loopback or `allow_insecure_downloads`, at most
  `max_redirects` hops);
- `Transfer` judges one answer: its status, the size it announces, every chunk against `max_bytes`, the
  decompression ratio and the announced length, and the finished body against Content-Length;
- the sinks take the bytes: a file (`atomic.AtomicFile`), memory for `json()`, or a `JsonStream` of candidates.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from inspera._config import is_loopback
from inspera.exports.errors import ExportDownloadError, ExportFormatError
from inspera.exports.redact import redact_url
from inspera.exports.stream import DEFAULT_MAX_DEPTH, JsonStream

DEFAULT_RECORD_LIMIT = 32 * 1024 * 1024  # bytes of a file without a completed record before iter_candidates() gives up


class Outcome(enum.Enum):
    """How one attempt to fetch the signed URL ended."""

    OK = "ok"
    EXPIRED = "expired"  # 403 (or 401): the signature is no longer accepted; re-poll for a fresh URL
    DROPPED = "dropped"  # connection lost or body shorter than promised; retry into a clean sink
    RETRYABLE = "retryable"  # 408/429/5xx from the storage service
    FATAL = "fatal"  # any other status, or an answer refused by a limit or a URL check


@dataclass(frozen=True)
class FetchResult:
    outcome: Outcome
    status_code: int | None = None
    received: int = 0
    detail: str = ""


class Refused(Exception):
    """An answer refused by a limit (size, ratio, length); the driver ends the attempt as FATAL with `detail`."""

    def __init__(self, detail: str, status_code: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.status_code = status_code

    def result(self) -> FetchResult:
        return FetchResult(Outcome.FATAL, status_code=self.status_code, detail=self.detail)


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


def content_coding(headers: Any) -> str:
    return str(headers.get("content-encoding", "identity")).strip().lower() or "identity"


def wire_bytes(headers: Any, decoded: int, raw: int) -> int:
    """Bytes to compare with Content-Length: the raw count when a content coding applies, else the decoded count."""
    return decoded if content_coding(headers) == "identity" else raw


def check_complete(expected: int | None, received_on_wire: int) -> FetchResult:
    """OK when the wire byte count matches Content-Length (or none was promised); DROPPED when short."""
    if expected is not None and received_on_wire != expected:
        return FetchResult(
            Outcome.DROPPED, received=received_on_wire, detail=f"got {received_on_wire} of {expected} bytes"
        )
    return FetchResult(Outcome.OK, received=received_on_wire)


def url_refusal(url: str, *, insecure_ok: bool) -> str | None:
    """Why a signed URL (or a redirect target) may not be fetched; None when it may."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as error:
        return f"the download URL is unusable ({error})"
    if parts.scheme == "https":
        return None
    if parts.scheme != "http":
        return f"the download URL has the scheme {parts.scheme!r}; only https (or http to loopback) is fetched"
    if insecure_ok or is_loopback(host):
        return None
    return (
        f"refusing to fetch the export over plain http from {host}: the signed URL would travel unencrypted "
        "(pass allow_insecure_downloads=True to the client to allow it)"
    )


class Hops:
    """The URLs of one fetch: the signed URL, then each redirect target, all checked, at most `limit` redirects."""

    def __init__(self, url: str, *, limit: int, insecure_ok: bool) -> None:
        self.url = url
        self.limit = limit
        self.insecure_ok = insecure_ok
        self.count = 0

    def refusal(self) -> FetchResult | None:
        """A FATAL result when the current URL may not be fetched."""
        reason = url_refusal(self.url, insecure_ok=self.insecure_ok)
        return None if reason is None else FetchResult(Outcome.FATAL, detail=reason)

    def follow(self, response: Any) -> FetchResult | bool:
        """After an answer: True to fetch its redirect target next, False when it is the answer to read, or a FATAL
        result (too many redirects, an unusable target)."""
        target = getattr(response, "next_request", None)
        if target is None or not response.is_redirect:
            return False
        self.count += 1
        if self.count > self.limit:
            return FetchResult(
                Outcome.FATAL, status_code=response.status_code,
                detail=f"redirected more than {self.limit} times (the last to {redact_url(str(target.url))})",
            )
        self.url = str(target.url)
        return self.refusal() or True


def unusable_url(error: Exception) -> FetchResult:
    return FetchResult(Outcome.FATAL, detail=f"the download URL is unusable ({' '.join(str(error).split())[:120]})")


class Sink(Protocol):
    """Where fetched bytes go; `begin()` restarts from empty before every attempt."""

    def begin(self) -> None: ...

    def write(self, chunk: bytes) -> None: ...


class MemorySink:
    """Parses a small export in memory as it arrives (at most `limit` bytes, `max_depth` levels of nesting)."""

    def __init__(self, limit: int, max_depth: int = DEFAULT_MAX_DEPTH) -> None:
        self.limit = limit
        self._stream = JsonStream("", max_depth)
        self._size = 0

    def begin(self) -> None:
        self._stream.reset()
        self._size = 0

    def write(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > self.limit:
            raise ExportDownloadError(
                f"export is larger than json()'s limit of {self.limit} bytes (max_bytes=); "
                "use download() or iter_candidates()"
            )
        self._stream.feed(chunk)

    def parse(self) -> Any:
        self._stream.finish()
        values = self._stream.take()
        if len(values) != 1:
            raise ExportFormatError("export file is not valid JSON: it holds no document")
        return values[0]


class CandidateSink:
    """Feeds bytes to a `JsonStream` and hands out complete candidate records as they close.

    `delivered` counts records already handed to the caller, so a retried fetch can skip them. More than
    `record_limit` bytes without a completed record (one enormous record, or a huge value outside the records)
    is refused, so memory stays bounded by the largest record.
    """

    def __init__(
        self, prefix: str, *, max_depth: int = DEFAULT_MAX_DEPTH, record_limit: int = DEFAULT_RECORD_LIMIT
    ) -> None:
        self.prefix = prefix
        self.record_limit = record_limit
        self.delivered = 0
        self._seen = 0
        self._since = 0  # bytes fed since a record was last completed
        self._stream = JsonStream(prefix, max_depth)
        self._pending: list[Any] = []
        self.begin()

    def begin(self) -> None:
        self._stream.reset()
        self._pending = []
        self._seen = 0
        self._since = 0

    def write(self, chunk: bytes) -> None:
        self._stream.feed(chunk)
        fresh = self._stream.take()
        if fresh:
            self._pending.extend(fresh)
            self._since = 0
            return
        self._since += len(chunk)
        if self._since > self.record_limit:
            raise ExportFormatError(
                f"more than {self.record_limit} bytes of the export file hold no complete record "
                f"(max_record_bytes={self.record_limit}); refusing to hold more in memory"
            )

    def finish(self) -> None:
        """Signal end of input; raises ExportFormatError for a document cut short or of the wrong shape."""
        self._stream.finish()
        self._pending.extend(self._stream.take())

    def take(self) -> list[Any]:
        """Records completed since the last call that the caller has not seen in an earlier attempt."""
        items, self._pending = self._pending, []
        start = self._seen
        self._seen += len(items)
        skip = max(0, self.delivered - start)
        fresh = items[skip:]
        self.delivered += len(fresh)
        return fresh


def signed_request(client: Any, url: str) -> Any:
    """The GET of a signed URL, built without any Authorization header whatever the client's defaults.

    `Connection: close`: the connection is not reused, so a storage host that sends more than its Content-Length
    cannot plant an answer for a later request on a pooled connection. (httpx.InvalidURL for an unusable URL.)
    """
    request = client.build_request("GET", url)
    request.headers.pop("Authorization", None)
    request.headers["Connection"] = "close"
    return request


def connection_failed(error: BaseException, *, mid_body: bool) -> FetchResult:
    where = "connection lost mid-body" if mid_body else "connection failed"
    return FetchResult(Outcome.DROPPED, detail=f"{where} ({type(error).__name__})")


@dataclass(frozen=True)
class Limits:
    """What one answer may be: `max_bytes` decoded bytes (None: any), `max_ratio` decoded per byte on the wire."""

    max_bytes: int | None = None
    max_ratio: float | None = None


_RATIO_FLOOR = 1024 * 1024  # below this many decoded bytes no ratio is judged (tiny files compress very well)


class Transfer:
    """One attempt at a signed URL, minus the I/O: the drivers feed it the response head and each body chunk."""

    def __init__(
        self, sink: Sink, on_bytes: Callable[[int, int | None], object] | None, limits: Limits | None = None
    ) -> None:
        self._sink = sink
        self._on_bytes = on_bytes
        self._limits = limits or Limits()
        self._expected: int | None = None
        self._identity = True
        self._decoded = 0

    def start(self, status_code: int, headers: Any) -> FetchResult | None:
        """A result when the status ends the attempt; None when the body should be read."""
        outcome = classify_status(status_code)
        if outcome is not Outcome.OK:
            return FetchResult(outcome, status_code=status_code, detail=f"HTTP {status_code}")
        self._expected = expected_length(headers)
        self._identity = content_coding(headers) == "identity"
        limit = self._limits.max_bytes
        if limit is not None and self._identity and self._expected is not None and self._expected > limit:
            return FetchResult(
                Outcome.FATAL, status_code=status_code,
                detail=f"the file announces {self._expected} bytes, over the limit of max_bytes={limit}",
            )
        self._sink.begin()
        return None

    def chunk(self, data: bytes, raw_bytes: int) -> list[Any]:
        """Write one chunk (`raw_bytes`: bytes on the wire so far); returns the candidate records it completed.

        Raises `Refused` when the body passes a limit, before the chunk is written.
        """
        decoded = self._decoded + len(data)
        self._judge(decoded, raw_bytes)
        self._sink.write(data)
        self._decoded = decoded
        if self._on_bytes is not None:
            self._on_bytes(decoded, self._expected)
        return self._sink.take() if isinstance(self._sink, CandidateSink) else []

    def _judge(self, decoded: int, raw: int) -> None:
        limits = self._limits
        if limits.max_bytes is not None and decoded > limits.max_bytes:
            raise Refused(f"the file is larger than the limit of max_bytes={limits.max_bytes}")
        if self._identity:
            if self._expected is not None and decoded > self._expected:
                raise Refused(f"the body is longer than its Content-Length of {self._expected} bytes")
        elif limits.max_ratio is not None and decoded > _RATIO_FLOOR and decoded > limits.max_ratio * max(raw, 1):
            raise Refused(
                f"the body expands more than {limits.max_ratio:g} times when decoded ({raw} bytes on the wire gave "
                f"{decoded}); refusing a decompression bomb"
            )

    def end(self, headers: Any, raw_bytes: int) -> FetchResult:
        """Judge the finished body against the promised length (on the wire, before any decoding)."""
        return check_complete(self._expected, wire_bytes(headers, self._decoded, raw_bytes))

"""Fault knobs: scripted failures, dropped connections, latency and broken exports, set from the test thread."""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Literal

DropWhen = Literal["before_response", "mid_body"]
_FAILED_EXPORT = "failed export"
_TRUNCATED_DOWNLOAD = "truncated download"


@dataclass
class _Failure:
    pattern: re.Pattern[str]
    status: int
    remaining: int
    retry_after: float | str | None
    method: str | None
    body: bytes | None


@dataclass
class _Drop:
    pattern: re.Pattern[str]
    when: DropWhen
    remaining: int


@dataclass
class _Latency:
    pattern: re.Pattern[str]
    seconds: float
    remaining: int | None


@dataclass(frozen=True)
class ScriptedFailure:
    """The answer a matching request gets instead of the real one."""

    status: int
    retry_after: float | str | None
    body: bytes | None


class Faults:
    """Thread-safe fault knobs; each `pattern` is a regex searched in the request path (e.g. r"/v1/test/\\d+$")."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: list[_Failure] = []
        self._drops: list[_Drop] = []
        self._latencies: list[_Latency] = []
        self._conflicting_exchanges = False
        self._armed: Counter[str] = Counter()  # faults that hit the next N exports or downloads, by kind
        self._url_epoch = 0

    # -- knobs -------------------------------------------------------------------------------------------------
    def fail_next(
        self,
        pattern: str,
        status: int,
        *,
        times: int = 1,
        retry_after: float | str | None = None,
        method: str | None = None,
        body: bytes | str | None = None,
    ) -> None:
        """Answer the next `times` matching requests with `status` (and `Retry-After` seconds or HTTP date)."""
        _check_times(times)
        if not 100 <= status <= 599:
            raise ValueError(f"status must be an HTTP status code, got {status}")
        raw = body.encode() if isinstance(body, str) else body
        with self._lock:
            self._failures.append(
                _Failure(re.compile(pattern), status, times, retry_after, method.upper() if method else None, raw)
            )

    def drop_connection(self, pattern: str, *, when: DropWhen = "before_response", times: int = 1) -> None:
        """Close the connection of the next `times` matching requests before answering or halfway through the body."""
        _check_times(times)
        if when not in ("before_response", "mid_body"):
            raise ValueError(f"when must be 'before_response' or 'mid_body', got {when!r}")
        with self._lock:
            self._drops.append(_Drop(re.compile(pattern), when, times))

    def add_latency(self, pattern: str, seconds: float, *, times: int | None = None) -> None:
        """Delay matching requests by `seconds`, for the next `times` of them or (None) until cleared."""
        if seconds < 0:
            raise ValueError("seconds must be >= 0")
        if times is not None:
            _check_times(times)
        with self._lock:
            self._latencies.append(_Latency(re.compile(pattern), seconds, times))

    def conflict_on_concurrent_exchanges(self, enabled: bool = True) -> None:
        """Answer 409 "Multiple tokens for user" to a token exchange that overlaps another one."""
        with self._lock:
            self._conflicting_exchanges = enabled

    def fail_export(self, *, times: int = 1) -> None:
        """Make the next `times` ordered export jobs end in status "failed"."""
        self._arm(_FAILED_EXPORT, times)

    def expire_signed_urls(self) -> None:
        """Every signed URL issued so far answers 403 from now on."""
        with self._lock:
            self._url_epoch += 1

    def truncate_download(self, *, times: int = 1) -> None:
        """The next `times` signed-URL downloads stop halfway while promising the full Content-Length."""
        self._arm(_TRUNCATED_DOWNLOAD, times)

    def clear(self) -> None:
        """Remove every fault (already expired URLs stay expired)."""
        with self._lock:
            self._failures.clear()
            self._drops.clear()
            self._latencies.clear()
            self._conflicting_exchanges = False
            self._armed.clear()

    # -- used by the server ------------------------------------------------------------------------------------
    def take_latency(self, path: str) -> float:
        total = 0.0
        with self._lock:
            for latency in self._latencies:
                if latency.pattern.search(path) and latency.remaining != 0:
                    total += latency.seconds
                    if latency.remaining is not None:
                        latency.remaining -= 1
            self._latencies = [item for item in self._latencies if item.remaining != 0]
        return total

    def take_failure(self, method: str, path: str) -> ScriptedFailure | None:
        with self._lock:
            for failure in self._failures:
                if failure.pattern.search(path) and failure.method in (None, method):
                    failure.remaining -= 1
                    if failure.remaining == 0:
                        self._failures.remove(failure)
                    return ScriptedFailure(failure.status, failure.retry_after, failure.body)
        return None

    def take_drop(self, path: str) -> DropWhen | None:
        with self._lock:
            for drop in self._drops:
                if drop.pattern.search(path):
                    drop.remaining -= 1
                    if drop.remaining == 0:
                        self._drops.remove(drop)
                    return drop.when
        return None

    @property
    def conflicting_exchanges(self) -> bool:
        with self._lock:
            return self._conflicting_exchanges

    def take_export_failure(self) -> bool:
        return self._take(_FAILED_EXPORT)

    def take_truncation(self) -> bool:
        return self._take(_TRUNCATED_DOWNLOAD)

    def _arm(self, fault: str, times: int) -> None:
        _check_times(times)
        with self._lock:
            self._armed[fault] += times

    def _take(self, fault: str) -> bool:
        """Whether an armed `fault` hits this export or download (it is used up if so)."""
        with self._lock:
            if self._armed[fault] > 0:
                self._armed[fault] -= 1
                return True
            return False

    @property
    def url_epoch(self) -> int:
        with self._lock:
            return self._url_epoch


def _check_times(times: int) -> None:
    if times < 1:
        raise ValueError(f"times must be >= 1, got {times}")

"""Inspera's concurrency limit, as the simulator enforces it: at most N requests to `/api` active at once.

Inspera's API policy allows 10 concurrent active requests per customer and refuses the rest with an error saying
the limit was reached (the status is not documented; the simulator answers 429, the usual one). Every request under
`/api` counts, the token exchange included, from its arrival until its answer's last bytes are handed to the server,
so a slow request keeps its slot. Signed export URLs live outside `/api`, on what stands in for a storage host,
and are not counted. `max_concurrent_requests=None` switches the limit off; the counters still run.
"""

from __future__ import annotations

import threading

from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

DEFAULT_MAX_CONCURRENT_REQUESTS = 10
COUNTED_PREFIX = "/api/"


class Admission:
    """One admitted request; `leave()` gives its slot back (idempotent)."""

    __slots__ = ("_limit",)

    def __init__(self, limit: ConcurrencyLimit | None) -> None:
        self._limit = limit

    def leave(self) -> None:
        limit, self._limit = self._limit, None
        if limit is not None:
            limit._leave()


_UNCOUNTED = Admission(None)


class ConcurrencyLimit:
    """Counts active `/api` requests and refuses those above `maximum`; thread-safe, readable from tests."""

    def __init__(self, maximum: int | None = DEFAULT_MAX_CONCURRENT_REQUESTS) -> None:
        self.maximum = maximum
        self._lock = threading.Lock()
        self._in_flight = 0
        self._peak = 0
        self._refused = 0

    @property
    def maximum(self) -> int | None:
        """Requests allowed at once; None = no limit. May be changed while the simulator runs."""
        return self._maximum

    @maximum.setter
    def maximum(self, value: int | None) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise ValueError(f"max_concurrent_requests must be a whole number >= 1 or None, got {value!r}")
        self._maximum = value

    @property
    def in_flight(self) -> int:
        return self._in_flight

    @property
    def peak(self) -> int:
        """The most `/api` requests that were active at once (refused ones never count)."""
        return self._peak

    @property
    def refused(self) -> int:
        """How many requests were refused for the limit."""
        return self._refused

    def reset(self) -> None:
        """Start the peak and refusal counters again (requests in flight stay counted)."""
        with self._lock:
            self._peak = self._in_flight
            self._refused = 0

    def enter(self, path: str) -> Admission | None:
        """Admit a request (an `Admission` to `leave()` later) or refuse it (None)."""
        if not path.startswith(COUNTED_PREFIX):
            return _UNCOUNTED
        with self._lock:
            if self._maximum is not None and self._in_flight >= self._maximum:
                self._refused += 1
                return None
            self._in_flight += 1
            self._peak = max(self._peak, self._in_flight)
        return Admission(self)

    def _leave(self) -> None:
        with self._lock:
            self._in_flight -= 1

    async def refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The answer to a request over the limit, in the shape of Inspera's error documents."""
        answer = JSONResponse(
            {
                "error": "Too Many Requests",
                "description": f"Concurrent request limit reached: at most {self._maximum} requests per customer "
                "may be active at a time",
            },
            status_code=429,
        )
        await answer(scope, receive, send)

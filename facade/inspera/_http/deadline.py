"""Overall deadlines: one bound on everything a call does inside it — sleeps, retries, slot waits, network I/O.

    with within(30.0):              # seconds from now; a nested scope never extends an outer one
        job.status()                # every attempt, Retry-After sleep, slot wait and read ends by then

The deadline lives in a context variable, so the transports, the retry and token plans and the network streams of
the calling thread (or asyncio task) see it without it being passed along. Export jobs open a scope for
`wait(timeout=)` and `download(deadline=)`; ordinary calls run without one.

Inside a scope:
- `drive` cuts every sleep of a plan (backoff, Retry-After, limit refusals, 409 backoff) to the time left;
- the retry transports refuse to start an attempt once it has passed (`DeadlineExceeded`, never retried) and clamp
  the attempt's connect/read/write/pool timeouts to the time left;
- the network streams of the built-in transports (`install`, `inspera._http.deadline_net`) clamp every single read,
  write and connect to the time left, so a server that drips its headers or body a byte at a time is cut off at
  the deadline, not after one more read timeout. With an injected `http_client` the clamped timeouts and the
  checks between body chunks still apply.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar

import httpx

END: ContextVar[float | None] = ContextVar("inspera_deadline", default=None)
_UNCLAMPED = "inspera.unclamped_timeout"  # request extension: the timeouts before clamping to a deadline


class DeadlineExceeded(httpx.TimeoutException):
    """The overall deadline passed before (or while) the request could be completed."""


def end() -> float | None:
    """The current deadline on the `time.monotonic()` clock; None outside any scope."""
    return END.get()


def left() -> float | None:
    """Seconds until the current deadline (<= 0 once it passed); None outside any scope."""
    at = END.get()
    return None if at is None else at - time.monotonic()


@contextlib.contextmanager
def within(seconds: float | None) -> Iterator[None]:
    """Bound the block by `seconds` from now (None: no new bound); an enclosing earlier deadline stays in force."""
    if seconds is None:
        yield
        return
    at = time.monotonic() + seconds
    outer = END.get()
    token = END.set(at if outer is None else min(at, outer))
    try:
        yield
    finally:
        END.reset(token)


def cut(seconds: float) -> float:
    """A sleep of `seconds`, shortened to the time left before the deadline."""
    at = END.get()
    if at is None:
        return seconds
    return max(0.0, min(seconds, at - time.monotonic()))


def clamp(request: httpx.Request, at: float) -> None:
    """Give `request` timeouts no longer than the time left before `at`; DeadlineExceeded when none is left."""
    remaining = at - time.monotonic()
    if remaining <= 0:
        raise DeadlineExceeded("the overall deadline passed before the request was sent", request=request)
    extensions = request.extensions
    base = extensions.get(_UNCLAMPED) or extensions.get("timeout") or {}
    clamped = {name: remaining if value is None or value > remaining else value for name, value in base.items()}
    request.extensions = {**extensions, "timeout": clamped, _UNCLAMPED: base}


def bounded_timeout(timeout: float | None) -> float | None:
    """`timeout` for one network operation, clamped to the deadline; raises DeadlineExceeded once it passed."""
    at = END.get()
    if at is None:
        return timeout
    remaining = at - time.monotonic()
    if remaining <= 0:
        raise DeadlineExceeded("the overall deadline passed while talking to the server")
    return remaining if timeout is None or timeout > remaining else timeout

def tighter(timeout: float | None, bounded: float | None) -> bool:
    """Whether the deadline, not the operation's own timeout, bounded an operation that timed out."""
    return bounded is not None and (timeout is None or bounded < timeout)

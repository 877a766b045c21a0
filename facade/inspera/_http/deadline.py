"""Overall deadlines: one bound on everything a call does inside it — sleeps, retries, slot waits, network I/O.

    with within(30.0):              # seconds from now; a nested scope never extends an outer one
        job.status()                # every attempt, Retry-After sleep, slot wait and read ends by then

The deadline lives in a context variable, so the transports, the retry and token plans and the network streams of
the calling thread (or asyncio task) see it without it being passed along. Export jobs open a scope for
`wait(timeout=)` and `download(deadline=)`; ordinary calls run without one.

Inside a scope:
- `drive` cuts every sleep of a plan (backoff, Retry-After, limit refusals, 409 backoff) to the time left, and a
  plan whose pause was cut ends with `DeadlineExceeded` when the pause is over instead of sending again; the
  export loops cut their poll pauses the same way (`cut`);
- `within(timeout, grace=...)` (what `wait(timeout=)` opens) lets a request already under way run up to `grace`
  past the deadline, but pauses are cut at the deadline itself;
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
# No pause ends after this (a plan that would send again after it ends instead); requests may run on until END.
PAUSES_END: ContextVar[float | None] = ContextVar("inspera_pauses_end", default=None)
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
def within(seconds: float | None, *, grace: float = 0.0) -> Iterator[None]:
    """Bound the block by `seconds` from now (None: no new bound); an enclosing earlier deadline stays in force.

    With `grace`, a request already under way at the deadline may run that much longer; no pause ends after
    `seconds` all the same, and a retry whose pause would reach it is not made.
    """
    if seconds is None:
        yield
        return
    now = time.monotonic()
    outer_end, outer_pauses = END.get(), PAUSES_END.get()
    end_token = END.set(_earlier(now + seconds + max(0.0, grace), outer_end))
    pauses_token = PAUSES_END.set(_earlier(now + seconds, outer_pauses if outer_pauses is not None else outer_end))
    try:
        yield
    finally:
        PAUSES_END.reset(pauses_token)
        END.reset(end_token)


def _earlier(at: float, outer: float | None) -> float:
    return at if outer is None else min(at, outer)


def cut(seconds: float) -> float:
    """A sleep of `seconds`, shortened to the time left before the deadline (before its grace)."""
    at = PAUSES_END.get()
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

"""Retry decisions (which failures to retry, how long to wait) and the shared retry plan."""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from ._drive import Discard, Outcome, Plan, Send, Sleep
from ._redact import redact_url

log = logging.getLogger("inspera")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Failures that prove the request never reached the server, so even a POST may be sent again.
NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass(frozen=True)
class RetryPolicy:
    """How many times and how patiently to retry. `max_retries=0` disables retries."""

    max_retries: int = 2
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0
    rand: Callable[[], float] = field(default=random.random, repr=False, compare=False)
    wall_clock: Callable[[], float] = field(default=time.time, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")

    def delay(self, method: str, attempt: int, outcome: Outcome) -> float | None:
        """Seconds to wait before retrying after `outcome` of attempt number `attempt` (0-based); None = don't."""
        if attempt >= self.max_retries:
            return None
        idempotent = method.upper() in IDEMPOTENT_METHODS
        if isinstance(outcome, httpx.TransportError):
            if idempotent or isinstance(outcome, NEVER_SENT):
                return self.backoff(attempt)
            return None
        status = outcome.status_code
        if status not in RETRY_STATUSES:
            return None
        retry_after = parse_retry_after(outcome.headers.get("Retry-After"), self.wall_clock)
        if not idempotent and not (status in (429, 503) and retry_after is not None):
            return None
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        return self.backoff(attempt)

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter: the nominal delay reduced by up to a quarter at random."""
        nominal = min(self.initial_backoff * 2.0**attempt, self.max_backoff)
        return nominal * (1 - 0.25 * self.rand())


def parse_retry_after(value: str | None, wall_clock: Callable[[], float] = time.time) -> float | None:
    """Seconds from a Retry-After header given as delta-seconds or an HTTP date; None when absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        return None
    return max(0.0, moment.timestamp() - wall_clock())


def retry_plan(policy: RetryPolicy, request: httpx.Request) -> Plan[httpx.Response]:
    """Send `request`, retrying per `policy`; returns the final response or raises the final transport error."""
    attempt = 0
    while True:
        outcome = yield Send(request)
        assert outcome is not None
        delay = policy.delay(request.method, attempt, outcome)
        if delay is None:
            if isinstance(outcome, httpx.TransportError):
                raise outcome
            return outcome
        reason = type(outcome).__name__ if isinstance(outcome, httpx.TransportError) else str(outcome.status_code)
        log.info(
            "retrying %s %s after %s in %.2f s (retry %d of %d)",
            request.method, redact_url(request.url), reason, delay, attempt + 1, policy.max_retries,
        )
        if isinstance(outcome, httpx.Response):
            yield Discard(outcome)
        yield Sleep(delay)
        attempt += 1

"""Retry decisions (which failures to retry, how long to wait) and the shared retry plan.

Two kinds of retry. Failures (408, 5xx, dropped connections) are retried at most `max_retries` times, and a POST only
when it provably was not processed. A *limit refusal* — Inspera saying its concurrency limit is reached, by 429 or
by an error body saying so — is different: the request was turned away before anything happened, so it is safe to
send again whatever its method, and it means "wait your turn", not "broken". It is retried after a short jittered
backoff (0.1 s doubling to 2 s, or the server's Retry-After), ahead of the queue of calls that have not been sent
yet, for as long as the call has not spent `limit_wait` seconds backing off (None: until it succeeds). Only then
does it surface as `RateLimitError`. The transport tells refusals apart (it has the body) and marks the response.
"""

from __future__ import annotations

import email.utils
import logging
import math
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from .._budget.budget import PRIORITY
from .._budget.slot_timeout import RequestSlotTimeout
from .deadline import DeadlineExceeded
from .drive import Discard, Outcome, Plan, Send, Sleep
from .redact import redact_url

log = logging.getLogger("inspera")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Failures that prove the request never reached the server, so even a POST may be sent again.
NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)

LIMIT_REFUSAL = "inspera.limit_refusal"  # response extension set by the transport on a limit refusal
DEFAULT_LIMIT_WAIT = 300.0
MAX_RETRY_AFTER = 60.0  # the longest Retry-After pause honoured; RateLimitError.retry_after carries the capped value
# What an error body may say when the concurrency limit is the reason. Inspera documents the meaning ("the limit
# was reached"), not the words, so these are the usual phrasings; all of them name requests or concurrency, so that
# an unrelated "size limit exceeded" is not mistaken for a reason to wait.
_QUALIFIER = rb"(?:concurrent|simultaneous|parallel|active)"
_LIMIT_WORDS = re.compile(
    rb"(?i)too many (?:" + _QUALIFIER + rb" )?requests"
    rb"|(?:" + _QUALIFIER + rb"|request|rate|api)(?:[ _-]+\w+){0,2}?[ _-]+limit"
    rb"[\W_]+(?:\w+\W+){0,3}?(?:reached|exceeded)"
    rb"|limit (?:of|on|for) (?:\d+ )?" + _QUALIFIER + rb" requests\W+(?:\w+\W+){0,3}?(?:reached|exceeded)"
    rb"|max(?:imum)? (?:number of )?" + _QUALIFIER + rb" requests\W+(?:\w+\W+){0,3}?(?:reached|exceeded)"
)


def limit_refusal(response: httpx.Response) -> bool:
    """Whether a (buffered) answer of Inspera's API refuses the request for the concurrency limit."""
    status = response.status_code
    if status == 429:
        return True
    if status < 400 or status == 401:
        return False
    return _LIMIT_WORDS.search(response.content[:4096]) is not None


@dataclass(frozen=True)
class RetryPolicy:
    """How many times and how patiently to retry. `max_retries=0` disables retries."""

    max_retries: int = 2
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = MAX_RETRY_AFTER
    limit_wait: float | None = DEFAULT_LIMIT_WAIT
    limit_backoff: float = 0.1
    limit_max_backoff: float = 2.0
    rand: Callable[[], float] = field(default=random.random, repr=False, compare=False)
    wall_clock: Callable[[], float] = field(default=time.time, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if self.limit_wait is not None and self.limit_wait < 0:
            raise ValueError("limit_wait must be >= 0 or None")

    def delay(self, method: str, attempt: int, outcome: Outcome) -> float | None:
        """Seconds to wait before retrying after `outcome` of attempt number `attempt` (0-based); None = don't."""
        if attempt >= self.max_retries:
            return None
        idempotent = method.upper() in IDEMPOTENT_METHODS
        if isinstance(outcome, httpx.RequestError):
            if not isinstance(outcome, httpx.TransportError):
                return None  # an answer that could not be decoded or was too large: sending it again won't help
            if isinstance(outcome, RequestSlotTimeout | DeadlineExceeded):
                return None  # bounded already (pool timeout, overall deadline): waiting again would exceed it
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

    def limit_delay(self, refusals: int, response: httpx.Response, waited: float) -> float | None:
        """Seconds to wait before resending after limit refusal number `refusals` (0-based); None = give up.

        `waited` is what this call already slept for refusals; the sleeps never add up to more than `limit_wait`.
        """
        room = None if self.limit_wait is None else self.limit_wait - waited
        if room is not None and room <= 0:
            return None
        retry_after = parse_retry_after(response.headers.get("Retry-After"), self.wall_clock)
        if retry_after is not None:
            delay = min(retry_after, self.max_retry_after)
        else:
            nominal = min(self.limit_backoff * 2.0 ** min(refusals, 16), self.limit_max_backoff)
            delay = nominal * (0.5 + 0.5 * self.rand())
        return delay if room is None else min(delay, room)

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter: the nominal delay reduced by up to a quarter at random."""
        nominal = min(self.initial_backoff * 2.0**attempt, self.max_backoff)
        return nominal * (1 - 0.25 * self.rand())


def parse_retry_after(value: str | None, wall_clock: Callable[[], float] = time.time) -> float | None:
    """Seconds from a Retry-After header given as delta-seconds or an HTTP date; None when absent or unreadable.

    Not capped here (callers cap at `max_retry_after`); NaN is unreadable, infinity stays infinite.
    """
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return None if math.isnan(seconds) else max(0.0, seconds)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        return None
    try:
        return max(0.0, moment.timestamp() - wall_clock())
    except (OverflowError, ValueError, OSError):
        return None


def honoured_retry_after(value: str | None, cap: float = MAX_RETRY_AFTER) -> float | None:
    """The pause the client would take for a Retry-After header value: parsed and capped; None when there is none."""
    seconds = parse_retry_after(value)
    return None if seconds is None else min(seconds, cap)


def retry_plan(policy: RetryPolicy, request: httpx.Request) -> Plan[httpx.Response]:
    """Send `request`, retrying per `policy`; returns the final response or raises the final transport error."""
    attempt = refusals = 0
    waited = 0.0
    while True:
        outcome = yield Send(request)
        assert outcome is not None
        if isinstance(outcome, httpx.Response) and outcome.extensions.get(LIMIT_REFUSAL):
            delay = policy.limit_delay(refusals, outcome, waited)
            if delay is None:
                return outcome
            log.debug(
                "%s %s refused for the concurrency limit; resending in %.2f s (refusal %d)",
                request.method, redact_url(request.url), delay, refusals + 1,
            )
            yield Discard(outcome)
            yield Sleep(delay)
            waited += delay
            refusals += 1
            if not request.extensions.get(PRIORITY):
                request.extensions = {**request.extensions, PRIORITY: True}  # it has waited its turn once already
            continue
        delay = policy.delay(request.method, attempt, outcome)
        if delay is None:
            if isinstance(outcome, httpx.RequestError):
                raise outcome
            return outcome
        reason = type(outcome).__name__ if isinstance(outcome, httpx.RequestError) else str(outcome.status_code)
        log.info(
            "retrying %s %s after %s in %.2f s (retry %d of %d)",
            request.method, redact_url(request.url), reason, delay, attempt + 1, policy.max_retries,
        )
        if isinstance(outcome, httpx.Response):
            yield Discard(outcome)
        yield Sleep(delay)
        attempt += 1

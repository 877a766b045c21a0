"""The request budget: how many requests to one Inspera tenant may be in flight at once, shared by every client.

Inspera allows at most 10 concurrent requests per customer and refuses the rest. A `Budget` is the count of slots
that all clients of one tenant in this process draw from — threads of `Inspera`, coroutines of `AsyncInspera`, on
any number of event loops, through one FIFO (`inspera._budget.waitqueue`). `budget_for()` keeps one per tenant: the key
is the API root's origin (scheme, host, port), because the limit belongs to the customer's tenant, not to a client
object or an API user, and the path below the host does not change whose budget it is.

A slot is held around one attempt of the retry transport, from sending the request to the last byte of its
buffered body: never during a backoff sleep, so a retry that waits does not keep others waiting. The key-for-token
exchange takes a slot too (Inspera counts it), ahead of the queue, since every queued call may be waiting for it.

Other programs of the customer use the same 10 slots, and we cannot see them; we only see refusals. So the budget
is adaptive (AIMD, as TCP and adaptive-concurrency limiters do it): the configured `maximum` is a ceiling, and the
current `limit` drops multiplicatively (x0.75) when Inspera refuses a request for its limit and grows additively
(half a slot per `limit` successful requests, only while the budget is full) back towards the ceiling. A refusal of a
request sent before the last decrease reports the same overload and does not lower the limit again. All clients of
the tenant share this one window, so two clients do not each believe they may send 10.

With `shared_dir`, a budget also takes one of the host's slot files (`inspera._budget.host_slots`) for each request, so
processes on one machine share the ceiling; each process adapts its own limit below it.

Waiting has no deadline of its own: it is bounded by the request's pool timeout (httpx's "wait for a connection"
setting, None by default), and a timed-out wait raises `RequestSlotTimeout`, which is an `httpx.PoolTimeout`.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from typing import TYPE_CHECKING, Final

from .slot_timeout import RequestSlotTimeout, timeout_message
from .waitqueue import Waiter, WaitQueue, off_the_lock, wait_async, wait_sync

if TYPE_CHECKING:
    from .host_slots import HostSlots

log = logging.getLogger("inspera")

DEFAULT_MAX_CONCURRENCY: Final = 10
# Request extensions: an Inspera API request on a client that also fetches other hosts (signed URLs), and one that
# goes ahead of the queue (the token exchange, a resend after a limit refusal).
API_REQUEST: Final = "inspera.api_request"
PRIORITY: Final = "inspera.priority"

SUCCESS: Final = 1  # Inspera answered (any status but a limit refusal): the request fit in the budget
REFUSED: Final = 2  # Inspera refused the request for its concurrency limit
NEUTRAL: Final = 0  # no answer (connection failure, cancellation): says nothing about the budget


# A held slot: (the budget epoch it was granted in, the host slot file it holds or -1 without shared_dir). A plain
# tuple, because it is made on every request.
Ticket = tuple[int, int]


class Budget:
    """Slots for requests in flight to one tenant; threads and coroutines of any loop wait in one FIFO."""

    DECREASE: Final = 0.75  # on a refusal: x0.75 of what was in flight
    # On a success while full: + INCREASE / limit, i.e. one more slot after two windows of requests. A whole slot
    # per window probes the ceiling we cannot see twice as often; in scenario (e) of concurrency_limit.py that sent
    # a third more refused requests to Inspera for the same throughput.
    INCREASE: Final = 0.5

    def __init__(self, maximum: int, *, host: HostSlots | None = None) -> None:
        if maximum < 1:
            raise ValueError("maximum must be >= 1")
        self._mutex = threading.Lock()
        self._queue = WaitQueue()
        self._maximum = maximum
        self._limit = float(maximum)
        self._capacity = maximum  # int(self._limit), kept so the hot path does no float work
        self._in_flight = 0
        self._epoch = 0
        self._refusals = 0
        self._clients: dict[int, int] = {}  # max_concurrency asked for -> clients asking for it
        self.host = host

    def __repr__(self) -> str:
        return f"Budget(maximum={self._maximum}, limit={self._limit:.2f}, in_flight={self._in_flight})"

    # -- what tests, logs and the benchmarks read ------------------------------------------------------------------
    @property
    def maximum(self) -> int:
        return self._maximum

    @property
    def limit(self) -> float:
        """The current adaptive limit (maximum, lowered by refusals); int(limit) requests may be in flight."""
        return self._limit

    @property
    def in_flight(self) -> int:
        return self._in_flight

    @property
    def waiting(self) -> int:
        return len(self._queue)

    @property
    def refusals(self) -> int:
        """Limit refusals that lowered the limit (one per overload, not one per refused request)."""
        return self._refusals

    def attach(self, maximum: int) -> None:
        """A client with this `max_concurrency` uses the budget; the smallest ceiling of its clients applies."""
        with self._mutex:
            self._clients[maximum] = self._clients.get(maximum, 0) + 1
            self._set_maximum(min(self._clients))

    def detach(self, maximum: int) -> None:
        """A client closed; a ceiling only it asked for no longer applies (the limit grows back towards the next)."""
        with self._mutex:
            count = self._clients.get(maximum, 0) - 1
            if count > 0:
                self._clients[maximum] = count
            else:
                self._clients.pop(maximum, None)
            if self._clients:
                self._set_maximum(min(self._clients))

    def _set_maximum(self, maximum: int) -> None:
        self._maximum = maximum
        if self._limit > maximum:
            self._limit = float(maximum)
            self._capacity = maximum
        self._grant_locked()

    # -- acquiring -------------------------------------------------------------------------------------------------
    def _enter(self, priority: bool, loop: asyncio.AbstractEventLoop | None) -> Ticket | Waiter:
        """A free slot's ticket at once, or a waiter that joined the queue (FIFO; `priority` goes first)."""
        with self._mutex:
            if self._in_flight < self._capacity and not self._queue:
                self._in_flight += 1
                return (self._epoch, -1)
            waiter = Waiter(loop)
            self._queue.join(waiter, front=priority)
        log.debug("waiting for a request slot (%d in flight, limit %.1f)", self._in_flight, self._limit)
        return waiter

    def acquire(self, timeout: float | None = None, *, priority: bool = False) -> Ticket:
        """Block until a slot is free (FIFO; `priority` goes first) or `timeout` seconds pass."""
        start = time.monotonic() if timeout is not None and self.host is not None else 0.0
        ticket = self._enter(priority, None)
        if isinstance(ticket, Waiter):
            if not wait_sync(self._mutex, self._queue, ticket, timeout, self._give_back):
                raise RequestSlotTimeout(timeout_message(timeout))
            ticket = ticket.value
        if self.host is not None:
            try:
                ticket = (ticket[0], self.host.acquire(_remaining(timeout, start)))
            except BaseException:
                self.release(ticket, NEUTRAL)
                raise
        return ticket

    async def aacquire(self, timeout: float | None = None, *, priority: bool = False) -> Ticket:
        """asyncio counterpart of `acquire`; cancelling the awaiting task never leaks a slot."""
        start = time.monotonic() if timeout is not None and self.host is not None else 0.0
        ticket = self._enter(priority, asyncio.get_running_loop())
        if isinstance(ticket, Waiter):
            if not await wait_async(self._mutex, self._queue, ticket, timeout, self._give_back):
                raise RequestSlotTimeout(timeout_message(timeout))
            ticket = ticket.value
        if self.host is not None:
            try:
                ticket = (ticket[0], await self.host.aacquire(_remaining(timeout, start)))
            except GeneratorExit:  # finalised on a closed loop: maybe inside this budget's mutex (see _waitqueue)
                self.release_finalised(ticket)
                raise
            except BaseException:
                self.release(ticket, NEUTRAL)
                raise
        return ticket

    def _give_back(self, ticket: Ticket) -> None:
        self.release(ticket, NEUTRAL)

    def release_finalised(self, ticket: Ticket) -> None:
        """`release(ticket, NEUTRAL)` for a coroutine finalised on a closed loop, maybe inside this budget's mutex."""
        off_the_lock(self._mutex, self.release, ticket, NEUTRAL)

    # -- releasing -------------------------------------------------------------------------------------------------
    def release(self, ticket: Ticket, outcome: int) -> None:
        """Return a slot; `outcome` (SUCCESS / REFUSED / NEUTRAL) drives the adaptive limit."""
        epoch, host = ticket
        if host >= 0:
            assert self.host is not None
            self.host.release(host)
        lowered = None
        with self._mutex:
            self._in_flight -= 1
            if outcome == SUCCESS:
                if self._limit < self._maximum and (self._queue or self._in_flight + 1 >= self._capacity):
                    self._limit = min(float(self._maximum), self._limit + self.INCREASE / self._limit)
                    self._capacity = int(self._limit)
            elif outcome == REFUSED and epoch == self._epoch:
                # What was in flight when Inspera said no is more than the room we have; a limit far above the
                # traffic we actually sent must not survive the refusal.
                seen = min(self._limit, float(self._in_flight + 1))
                self._limit = max(1.0, seen * self.DECREASE)
                self._capacity = int(self._limit)
                self._epoch += 1
                self._refusals += 1
                lowered = self._limit
            if self._queue:
                self._grant_locked()
        if lowered is not None:
            log.info(
                "Inspera refused a request for its concurrency limit; this process now sends at most %d at a time",
                int(lowered),
            )

    def _grant_locked(self) -> None:
        queue = self._queue
        while queue and self._in_flight < self._capacity:
            if not queue.grant((self._epoch, -1)):
                break
            self._in_flight += 1


def _remaining(timeout: float | None, start: float) -> float | None:
    if timeout is None:
        return None
    return max(0.0, timeout - (time.monotonic() - start))

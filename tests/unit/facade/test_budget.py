"""The request budget: FIFO order across threads and event loops, no leaked slot, AIMD steps, one per tenant."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from inspera import AsyncInspera, Inspera
from inspera._budget.budget import NEUTRAL, REFUSED, SUCCESS, Budget
from inspera._budget.host_slots import HostSlots
from inspera._budget.slot_timeout import RequestSlotTimeout
from inspera._budget.tenants import budget_for
from inspera._budget.waitqueue import Waiter
from inspera._http.retry import RetryPolicy
from inspera._http.transport import AsyncRetryTransport, RetryTransport

from .fakes import API_KEY, CLIENT_ID

WAIT = 5.0  # upper bound for anything that should happen at once; never reached when the code is right


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.001)


class _Loop:
    """An event loop running in a thread of its own, for waiters of a second (third, ...) loop."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def submit(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def task(self, coroutine: Any) -> asyncio.Task[Any]:
        """Start `coroutine` as a task of this loop and return the task itself, to cancel and read directly.

        Not the `concurrent.futures.Future` of `submit`: cancelling that one marks it cancelled at once, and a
        result its task returns afterwards is thrown away, so a slot the task did get would be lost by the test.
        """

        async def start() -> asyncio.Task[Any]:
            return asyncio.ensure_future(coroutine)

        task: asyncio.Task[Any] = self.submit(start()).result(WAIT)
        return task

    def cancel(self, task: asyncio.Task[Any]) -> None:
        """Cancel `task` from another thread, as `Future.cancel` of `submit` would (without losing its result)."""
        self.loop.call_soon_threadsafe(task.cancel)

    def outcome(self, task: asyncio.Task[Any]) -> Any:
        """What `task` ended with: its result, or None when it was cancelled (any other error is raised)."""

        async def settle() -> Any:
            await asyncio.wait([task])
            return None if task.cancelled() else task.result()

        return self.submit(settle()).result(WAIT)

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Hold the loop thread in a callback meanwhile: what other threads schedule then runs in the order given."""
        holding, resume = threading.Event(), threading.Event()

        def hold() -> None:
            holding.set()
            resume.wait(WAIT)

        self.loop.call_soon_threadsafe(hold)
        assert holding.wait(WAIT)
        try:
            yield
        finally:
            resume.set()

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(WAIT)
        self.loop.close()


@pytest.fixture
def loops() -> Iterator[list[_Loop]]:
    made = [_Loop(), _Loop()]
    yield made
    for loop in made:
        loop.close()


# -- order ----------------------------------------------------------------------------------------------------------
def test_threads_and_coroutines_of_two_loops_are_served_in_arrival_order(loops: list[_Loop]) -> None:
    budget = Budget(1)
    held = budget.acquire()
    order: list[str] = []

    async def coroutine(name: str) -> None:
        ticket = await budget.aacquire()
        order.append(name)
        budget.release(ticket, SUCCESS)

    def thread(name: str) -> None:
        ticket = budget.acquire()
        order.append(name)
        budget.release(ticket, SUCCESS)

    pending: list[Any] = []
    for index, kind in enumerate(["thread", "loop0", "loop1", "thread", "loop1", "loop0"]):
        name = f"{index}-{kind}"
        if kind == "thread":
            worker = threading.Thread(target=thread, args=(name,))
            worker.start()
            pending.append(worker)
        else:
            pending.append(loops[int(kind[-1])].submit(coroutine(name)))
        _until(lambda expected=index + 1: budget.waiting == expected)  # type: ignore[misc]
    budget.release(held, SUCCESS)
    for item in pending:
        item.join(WAIT) if isinstance(item, threading.Thread) else item.result(WAIT)
    assert order == ["0-thread", "1-loop0", "2-loop1", "3-thread", "4-loop1", "5-loop0"]
    assert (budget.in_flight, budget.waiting) == (0, 0)


def test_priority_waiters_go_first() -> None:
    budget = Budget(1)
    held = budget.acquire()
    order: list[str] = []

    def worker(name: str, priority: bool) -> None:
        ticket = budget.acquire(priority=priority)
        order.append(name)
        budget.release(ticket, SUCCESS)

    threads = []
    for count, (name, priority) in enumerate([("a", False), ("b", False), ("exchange", True)], start=1):
        threads.append(threading.Thread(target=worker, args=(name, priority)))
        threads[-1].start()
        _until(lambda expected=count: budget.waiting == expected)  # type: ignore[misc]
    budget.release(held, SUCCESS)
    for thread in threads:
        thread.join(WAIT)
    assert order == ["exchange", "a", "b"]


def test_never_more_in_flight_than_the_limit_across_sync_and_async_users(loops: list[_Loop]) -> None:
    budget = Budget(3)
    lock = threading.Lock()
    active = [0, 0]  # now, peak

    def enter() -> None:
        with lock:
            active[0] += 1
            active[1] = max(active[1], active[0])

    def leave() -> None:
        with lock:
            active[0] -= 1

    def thread() -> None:
        for _ in range(20):
            ticket = budget.acquire()
            enter()
            time.sleep(0.0005)
            leave()
            budget.release(ticket, SUCCESS)

    async def coroutines() -> None:
        async def one() -> None:
            ticket = await budget.aacquire()
            enter()
            await asyncio.sleep(0.0005)
            leave()
            budget.release(ticket, SUCCESS)

        await asyncio.gather(*(one() for _ in range(40)))

    threads = [threading.Thread(target=thread) for _ in range(4)]
    for worker in threads:
        worker.start()
    futures = [loop.submit(coroutines()) for loop in loops]
    for worker in threads:
        worker.join(WAIT)
    for future in futures:
        future.result(WAIT)
    assert active[1] == 3
    assert (budget.in_flight, budget.waiting) == (0, 0)


# -- nothing leaks ----------------------------------------------------------------------------------------------------
async def test_a_cancelled_waiter_leaves_the_queue() -> None:
    budget = Budget(1)
    held = budget.acquire()
    task = asyncio.create_task(budget.aacquire())
    await asyncio.sleep(0)
    assert budget.waiting == 1
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert budget.waiting == 0
    budget.release(held, SUCCESS)
    assert budget.in_flight == 0
    ticket = await asyncio.wait_for(budget.aacquire(), WAIT)  # the slot is there for the next one
    budget.release(ticket, SUCCESS)


async def test_a_waiter_cancelled_just_after_its_grant_gives_the_slot_back() -> None:
    budget = Budget(1)
    held = budget.acquire()
    task = asyncio.create_task(budget.aacquire())
    await asyncio.sleep(0)
    budget.release(held, SUCCESS)  # granted: the future is resolved, the task has not run yet ...
    assert budget.in_flight == 1
    task.cancel()  # ... and is cancelled before it could take the slot
    with pytest.raises(asyncio.CancelledError):
        await task
    assert (budget.in_flight, budget.waiting) == (0, 0)


def test_grants_racing_cancellations_from_another_thread_leak_nothing(loops: list[_Loop]) -> None:
    budget = Budget(1)
    loop = loops[0]
    for round_no in range(200):
        held = budget.acquire()
        task = loop.task(budget.aacquire())
        _until(lambda: budget.waiting == 1)
        if round_no % 2:
            budget.release(held, SUCCESS)
            loop.cancel(task)
        else:
            loop.cancel(task)
            budget.release(held, SUCCESS)
        ticket = loop.outcome(task)  # None when cancelled (the usual outcome), or granted before the cancellation
        # The task has ended: it left the queue or gave its grant back before it did, so nothing is still on its way.
        assert (budget.in_flight, budget.waiting) == (0 if ticket is None else 1, 0), f"round {round_no}"
        if ticket is not None:
            budget.release(ticket, SUCCESS)
            assert budget.in_flight == 0


@pytest.mark.parametrize("order", ["grant-cancel", "cancel-grant", "grant-resume-cancel"])
def test_each_order_of_a_grant_and_a_cancellation_from_another_thread(loops: list[_Loop], order: str) -> None:
    # The interleavings the test above races through, each made certain by holding the waiter's loop still.
    budget = Budget(1)
    loop = loops[0]
    held = budget.acquire()
    task = loop.task(budget.aacquire())
    _until(lambda: budget.waiting == 1)
    if order == "grant-resume-cancel":  # the task takes its slot and ends; the cancellation comes too late
        budget.release(held, SUCCESS)
        _until(task.done)
        loop.cancel(task)
    else:  # both reach the loop before the task runs again: it is woken and cancelled in one step
        with loop.paused():
            for step in order.split("-"):
                if step == "grant":
                    budget.release(held, SUCCESS)
                else:
                    loop.cancel(task)
            assert (budget.in_flight, budget.waiting) == (1, 0)  # granted to the task, which has not run since
    ticket = loop.outcome(task)
    if order == "grant-resume-cancel":
        assert ticket is not None and (budget.in_flight, budget.waiting) == (1, 0)
        budget.release(ticket, SUCCESS)
    else:
        assert ticket is None
    assert (budget.in_flight, budget.waiting) == (0, 0)
    budget.release(budget.acquire(timeout=0), SUCCESS)  # the one slot is free for the next caller


def test_a_timed_out_wait_raises_and_leaves_no_trace() -> None:
    budget = Budget(1)
    held = budget.acquire()
    with pytest.raises(RequestSlotTimeout, match="pool timeout"):
        budget.acquire(timeout=0.05)
    assert budget.waiting == 0
    budget.release(held, SUCCESS)
    assert budget.in_flight == 0


async def test_a_timed_out_async_wait_raises_and_leaves_no_trace() -> None:
    budget = Budget(1)
    held = budget.acquire()
    with pytest.raises(RequestSlotTimeout):
        await budget.aacquire(timeout=0.05)
    assert isinstance(RequestSlotTimeout("x"), httpx.PoolTimeout)
    assert budget.waiting == 0
    budget.release(held, SUCCESS)
    assert budget.in_flight == 0


def test_a_waiter_of_a_closed_loop_is_skipped() -> None:
    budget = Budget(1)
    held = budget.acquire()
    dead = asyncio.new_event_loop()
    waiter = Waiter(dead)  # a coroutine of a loop that was closed under it will never resume
    budget._queue.join(waiter)
    dead.close()
    budget.release(held, SUCCESS)
    assert (budget.in_flight, budget.waiting) == (0, 0)


def _abandoned_waiter(budget: Budget, *, granted: bool) -> weakref.ref[asyncio.Task[Any]]:
    """A coroutine waiting for a slot on a loop that is stopped and closed without cancelling it (as a loop run in
    a thread often is). `granted`: the slot is granted into the loop after it stopped and before it was closed."""
    held = budget.acquire()
    loop = asyncio.new_event_loop()
    task = weakref.ref(loop.create_task(budget.aacquire()))
    loop.run_until_complete(asyncio.sleep(0))  # the task joined the queue; the loop stops with it waiting
    assert budget.waiting == 1
    if granted:
        budget.release(held, SUCCESS)  # sent with call_soon_threadsafe, into a loop that will not run it
        loop.close()
    else:
        loop.close()
        budget.release(held, SUCCESS)  # finds the loop closed and skips the waiter
    return task


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No automatic collection meanwhile: the one `_collect_inside` runs finalises what the test abandoned."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _collect_inside(mutex: threading.Lock) -> None:
    """Collect garbage in a thread that holds `mutex`, as one does when an allocation inside it starts the collector."""
    collected = threading.Event()

    def collect() -> None:
        with mutex:
            gc.collect()
        collected.set()

    threading.Thread(target=collect, daemon=True).start()
    assert collected.wait(WAIT), "a finaliser waited for the mutex its own thread holds"


@pytest.mark.parametrize("granted", [False, True], ids=["skipped", "granted-then-closed"])
def test_a_coroutine_left_on_a_closed_loop_is_finalised_without_deadlock_or_a_lost_slot(granted: bool) -> None:
    budget = Budget(1)
    with _gc_paused():
        task = _abandoned_waiter(budget, granted=granted)
        assert (budget.in_flight, budget.waiting) == (1 if granted else 0, 0)  # a granted slot is out until then
        _collect_inside(budget._mutex)  # e.g. allocating the Waiter in acquire() can start the collector
    assert task() is None  # the collection did reach the abandoned task
    _until(lambda: (budget.in_flight, budget.waiting) == (0, 0))
    budget.release(budget.acquire(timeout=0), SUCCESS)


@pytest.mark.skipif(sys.platform == "win32", reason="slot files need POSIX file locks")
@pytest.mark.parametrize("inside", ["budget", "host"])
def test_a_coroutine_left_on_a_closed_loop_waiting_for_a_slot_file_gives_back_both_slots(
    tmp_path: Path, inside: str
) -> None:
    host, theirs = HostSlots(tmp_path, 1), HostSlots(tmp_path, 1)  # two processes' views of one slot file
    budget = Budget(1, host=host)
    held = theirs.acquire()
    with _gc_paused():
        loop = asyncio.new_event_loop()
        task = weakref.ref(loop.create_task(budget.aacquire()))
        loop.run_until_complete(asyncio.sleep(0))  # a budget slot taken, waiting for the slot file
        assert (budget.in_flight, len(host._queue)) == (1, 1)
        theirs.release(held)  # this process's helper thread wins the file and grants it into the stopped loop
        _until(lambda: host.held() == 1)
        loop.close()
        _collect_inside(budget._mutex if inside == "budget" else host._mutex)
    assert task() is None
    _until(lambda: (budget.in_flight, host.held()) == (0, 0))
    theirs.release(theirs.acquire(timeout=0))  # the file is free for the other process


class _Failing(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An inner transport that raises (a bug, a reset, a slow answer) while the budget shows what is held."""

    def __init__(self, error: BaseException, budget: Budget) -> None:
        self.error = error
        self.budget = budget
        self.seen_in_flight: list[int] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.seen_in_flight.append(self.budget.in_flight)
        raise self.error

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.seen_in_flight.append(self.budget.in_flight)
        if isinstance(self.error, asyncio.CancelledError):
            await asyncio.sleep(10)
        raise self.error


@pytest.mark.parametrize("error", [RuntimeError("bug"), httpx.ReadError("reset")], ids=["bug", "reset"])
def test_a_thread_whose_request_raises_gives_its_slot_back(error: BaseException) -> None:
    budget = Budget(2)
    inner = _Failing(error, budget)
    transport = RetryTransport(inner, RetryPolicy(max_retries=1), lambda _: None, buffer=True, budget=budget)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            transport.handle_request(httpx.Request("GET", "https://x.example/api/v1/test/1"))
        except BaseException as raised:
            errors.append(raised)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert len(errors) == 6 and all(type(e) is type(error) for e in errors)
    assert max(inner.seen_in_flight) <= 2
    assert (budget.in_flight, budget.waiting) == (0, 0)


async def test_a_coroutine_cancelled_mid_request_gives_its_slot_back() -> None:
    budget = Budget(2)
    inner = _Failing(asyncio.CancelledError(), budget)
    transport = AsyncRetryTransport(inner, RetryPolicy(), buffer=True, budget=budget)
    tasks = [
        asyncio.create_task(transport.handle_async_request(httpx.Request("GET", "https://x.example/api/v1/test/1")))
        for _ in range(5)
    ]
    while len(inner.seen_in_flight) < 2:
        await asyncio.sleep(0.001)
    assert (budget.in_flight, budget.waiting) == (2, 3)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    assert (budget.in_flight, budget.waiting) == (0, 0)


class _Never(httpx.AsyncBaseTransport):
    """An inner transport whose answer never comes: the request holds its slot until the coroutine ends."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await asyncio.get_running_loop().create_future()
        raise AssertionError("unreachable")


def test_a_request_left_on_a_closed_loop_gives_its_slot_back_without_deadlock() -> None:
    budget = Budget(1)
    transport = AsyncRetryTransport(_Never(), RetryPolicy(), buffer=True, budget=budget)
    with _gc_paused():
        loop = asyncio.new_event_loop()
        request = httpx.Request("GET", "https://x.example/api/v1/test/1")
        task = weakref.ref(loop.create_task(transport.handle_async_request(request)))
        loop.run_until_complete(asyncio.sleep(0.01))  # the request took the slot and waits for its answer
        assert budget.in_flight == 1
        loop.close()  # stopped and closed without cancelling the request
        _collect_inside(budget._mutex)
    assert task() is None
    _until(lambda: (budget.in_flight, budget.waiting) == (0, 0))
    budget.release(budget.acquire(timeout=0), SUCCESS)


def test_no_slot_is_held_while_a_retry_sleeps() -> None:
    budget = Budget(1)
    replies = iter([httpx.Response(503), httpx.Response(200, json={})])
    held_during_sleep: list[int] = []

    def sleep(seconds: float) -> None:
        held_during_sleep.append(budget.in_flight)

    transport = RetryTransport(httpx.MockTransport(lambda _: next(replies)), RetryPolicy(), sleep, buffer=True,
                               budget=budget)
    response = transport.handle_request(httpx.Request("GET", "https://x.example/api/v1/test/1"))
    assert response.status_code == 200
    assert held_during_sleep == [0]
    assert budget.in_flight == 0


def test_signed_url_downloads_take_no_slot_and_the_token_exchange_does() -> None:
    budget = Budget(1)
    seen: list[tuple[str, int]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.path, budget.in_flight))
        return httpx.Response(200, content=b"{}")

    plain = RetryTransport(httpx.MockTransport(handler), RetryPolicy(), lambda _: None, budget=budget)
    plain.handle_request(httpx.Request("GET", "https://bucket.example/export.json?X-Amz-Signature=s"))
    plain.handle_request(
        httpx.Request("POST", "https://x.example/api/authenticate/token/", extensions={"inspera.api_request": True})
    )
    assert seen == [("/export.json", 0), ("/api/authenticate/token/", 1)]


# -- AIMD -------------------------------------------------------------------------------------------------------------
def _take(budget: Budget, count: int) -> list[Any]:
    return [budget.acquire() for _ in range(count)]


def test_a_refusal_lowers_the_limit_multiplicatively_once_per_overload() -> None:
    budget = Budget(10)
    tickets = _take(budget, 10)
    budget.release(tickets.pop(), REFUSED)
    assert budget.limit == pytest.approx(7.5)
    budget.release(tickets.pop(), REFUSED)  # sent before the decrease: the same overload, no second step
    assert budget.limit == pytest.approx(7.5)
    for ticket in tickets:
        budget.release(ticket, NEUTRAL)
    later = _take(budget, 7)
    budget.release(later.pop(), REFUSED)  # sent under the new limit: lowers again, from the 7 that were in flight
    assert budget.limit == pytest.approx(7 * 0.75)
    for ticket in later:
        budget.release(ticket, NEUTRAL)
    assert budget.refusals == 2


def test_a_refusal_lowers_from_what_was_actually_in_flight_and_never_below_one() -> None:
    budget = Budget(10)
    tickets = _take(budget, 2)
    budget.release(tickets.pop(), REFUSED)  # only 2 were in flight: there is room for fewer than 2
    assert budget.limit == pytest.approx(1.5)
    budget.release(tickets.pop(), NEUTRAL)
    budget.release(budget.acquire(), REFUSED)
    assert budget.limit == 1.0


def test_successes_raise_the_limit_by_half_a_slot_per_window_while_the_budget_is_full() -> None:
    budget = Budget(10)
    first, *others = _take(budget, 4)
    budget.release(first, REFUSED)  # 4 were in flight: x0.75
    for ticket in others:
        budget.release(ticket, NEUTRAL)
    assert budget.limit == pytest.approx(3.0)
    # A full budget (3 in flight): each success adds half a slot per window, 0.5/limit.
    steps = []
    for _ in range(3):
        tickets = _take(budget, int(budget.limit))
        budget.release(tickets.pop(), SUCCESS)
        steps.append(budget.limit)
        for ticket in tickets:
            budget.release(ticket, NEUTRAL)
    assert steps[0] == pytest.approx(3 + 0.5 / 3)
    assert steps[1] == pytest.approx(steps[0] + 0.5 / steps[0])
    # A success while the budget is far from full says nothing about more room: no growth.
    before = budget.limit
    budget.release(budget.acquire(), SUCCESS)
    assert budget.limit == before


def test_the_limit_grows_back_to_the_maximum_and_no_further() -> None:
    budget = Budget(4)
    budget.release(budget.acquire(), REFUSED)  # 1 in flight: down to 1
    assert budget.limit == 1.0
    for _ in range(200):
        tickets = _take(budget, int(budget.limit))
        for ticket in tickets:
            budget.release(ticket, SUCCESS)
    assert budget.limit == 4.0


def test_a_lower_limit_queues_new_requests_and_a_higher_one_releases_them() -> None:
    budget = Budget(2)
    first, second = _take(budget, 2)
    budget.release(first, REFUSED)  # limit 1.5: one slot, and it is taken
    got: list[Any] = []
    waiter = threading.Thread(target=lambda: got.append(budget.acquire()))
    waiter.start()
    _until(lambda: budget.waiting == 1)
    budget.release(second, SUCCESS)
    waiter.join(WAIT)
    assert len(got) == 1
    budget.release(got[0], SUCCESS)


# -- one budget per tenant --------------------------------------------------------------------------------------------
def test_clients_of_one_tenant_share_one_budget_and_the_smallest_ceiling_applies() -> None:
    origin = "https://shared-budget.inspera.no"
    sync = Inspera(CLIENT_ID, API_KEY, base_url=f"{origin}/api")
    other = AsyncInspera("another-user", API_KEY, base_url=f"{origin}:443/api/", max_concurrency=4)
    elsewhere = Inspera(CLIENT_ID, API_KEY, base_url="https://other-tenant.inspera.no/api")
    try:
        assert sync._budget is other._budget is budget_for(f"{origin.upper()}/api", 10)
        assert elsewhere._budget is not sync._budget
        assert sync._budget.maximum == 4
    finally:
        sync.close()
        elsewhere.close()
    assert other._budget.maximum == 4
    asyncio.run(other.aclose())
    assert other._budget.maximum == 4  # nobody left to ask for more; what was last asked for stays


def test_a_with_options_copy_shares_the_budget_and_closing_it_keeps_the_ceiling() -> None:
    origin = "https://options-budget.inspera.no"
    client = Inspera(CLIENT_ID, API_KEY, base_url=f"{origin}/api", max_concurrency=3)
    wide = Inspera(CLIENT_ID, API_KEY, base_url=f"{origin}/api")
    try:
        copy = client.with_options(timeout=60, max_retries=0)
        assert copy._budget is client._budget and copy._policy.limit_wait == client._policy.limit_wait
        copy.close()
        assert client._budget.maximum == 3  # the copy never counted on its own; the original still asks for 3
    finally:
        client.close()
    assert wide._budget.maximum == 10  # the original left: the ceiling it asked for no longer applies
    wide.close()


@pytest.mark.filterwarnings("ignore:`verify=<str>` is deprecated:DeprecationWarning")
def test_a_client_that_fails_to_construct_leaves_no_ceiling_behind(tmp_path: Any) -> None:
    from inspera import ConfigurationError

    origin = "https://failed-budget.inspera.no"
    with Inspera(CLIENT_ID, API_KEY, base_url=f"{origin}/api") as client:
        with pytest.raises(ConfigurationError, match="HTTP transport"):
            Inspera(CLIENT_ID, API_KEY, base_url=f"{origin}/api", max_concurrency=2, verify=str(tmp_path / "no-ca.pem"))
        assert client._budget.maximum == 10
    for bad in ("long", -1.0, float("nan"), True):
        with pytest.raises(ConfigurationError, match="limit_wait"):
            Inspera(CLIENT_ID, API_KEY, base_url=f"{origin}/api", limit_wait=bad)  # type: ignore[arg-type]


def test_max_concurrency_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from inspera import ConfigurationError

    monkeypatch.setenv("INSPERA_MAX_CONCURRENCY", "3")
    with Inspera(CLIENT_ID, API_KEY, base_url="https://env-budget.inspera.no/api") as client:
        assert client._budget.maximum == 3 and client._settings.max_concurrency == 3
    monkeypatch.setenv("INSPERA_MAX_CONCURRENCY", "many")
    with pytest.raises(ConfigurationError, match="INSPERA_MAX_CONCURRENCY"):
        Inspera(CLIENT_ID, API_KEY, base_url="https://env-budget.inspera.no/api")
    for bad in (0, -1, True, 2.5):
        with pytest.raises(ConfigurationError, match="max_concurrency"):
            Inspera(CLIENT_ID, API_KEY, base_url="https://env-budget.inspera.no/api", max_concurrency=bad)  # type: ignore[arg-type]


def test_waiting_for_a_slot_is_bounded_only_by_an_explicit_pool_timeout() -> None:
    from inspera import InsperaTimeoutError

    from .fakes import FakeInspera

    fake = FakeInspera()
    fake.test_route()
    release = threading.Event()
    fake.route("GET", "/v1/test/8", lambda _: (release.wait(WAIT), httpx.Response(200, json={}))[1])
    base = "https://pool-timeout.inspera.no/api"

    def make(timeout: Any) -> Inspera:
        http = httpx.Client(transport=httpx.MockTransport(fake.handle))  # the fake routes by path, whatever the host
        return Inspera(CLIENT_ID, API_KEY, base_url=base, http_client=http, max_concurrency=1, timeout=timeout)

    with Inspera(CLIENT_ID, API_KEY, base_url=base) as default, Inspera(CLIENT_ID, API_KEY, base_url=base,
                                                                           timeout=5) as number:
        assert default._settings.timeout.pool is None and number._settings.timeout.pool is None  # no bound
        assert number._settings.timeout.read == 5
    patient, bounded = make(None), make(httpx.Timeout(5.0, pool=0.1))
    try:
        busy = threading.Thread(target=lambda: patient.api.get_httpx_client().get("/v1/test/8"))
        busy.start()
        _until(lambda: patient._budget.in_flight == 1)
        slot_wait = r"waiting for a request slot .*pool timeout \(0\.1 s\)"
        with pytest.raises(InsperaTimeoutError, match=slot_wait) as caught:
            bounded.tests.get(7)
        assert type(caught.value.__cause__).__name__ == "RequestSlotTimeout"
        release.set()
        busy.join(WAIT)
        assert bounded.tests.get(7).assessment_run_id == 7
    finally:
        patient.close()
        bounded.close()

"""A FIFO of waiters that threads and coroutines of any number of event loops join together, without polling.

Why one primitive and not `threading.Semaphore` + `asyncio.Semaphore`: Inspera's limit is per customer, so a
thread of a blocking client, coroutines of an `AsyncInspera` and coroutines of another client on another event
loop all wait for the same slots, in one order. A blocking waiter sleeps on a lock of its own; an asyncio waiter
awaits a future of its own loop, which the granting thread resolves directly when it runs that loop, and through
`call_soon_threadsafe` otherwise.

The owner (a budget, a set of slot files) keeps its own mutex and calls `join`, `grant` and `leave` with it held.
A grant and a give-up therefore never cross: a waiter that stops waiting (timeout, cancellation, an exception in
its thread) looks at its state under the owner's mutex and either leaves the queue untouched or learns that it was
granted meanwhile, and then must hand back what it received (`wait_sync` / `wait_async` return or call
`give_back` accordingly). Nothing is leaked in either order.

An event loop can be closed with a coroutine still waiting (stopped and closed without cancelling its tasks). A grant
that finds the loop closed skips the waiter; one sent to a loop that then stops and closes before running it stays
out until the garbage collector finalises the coroutine, which hands it back. The collector runs in whichever thread
allocates at that moment, maybe one inside the owner's mutex, so finalising never waits for the mutex (`off_the_lock`).
"""

from __future__ import annotations

import _thread
import asyncio
import contextlib
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

WAITING, GRANTED, GONE = 0, 1, 2


class Waiter:
    """One blocked caller: a thread (`loop` None, sleeping on `lock`) or a coroutine of `loop` (awaiting `future`)."""

    __slots__ = ("future", "lock", "loop", "state", "value")

    def __init__(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        self.loop = loop
        self.state = WAITING
        self.value: Any = None
        if loop is None:
            self.lock: Any = threading.Lock()
            self.lock.acquire()
            self.future: asyncio.Future[None] | None = None
        else:
            self.lock = None
            self.future = loop.create_future()


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class WaitQueue:
    """The waiters, oldest first. Not thread-safe by itself: every method runs under the owner's mutex."""

    __slots__ = ("_queue",)

    def __init__(self) -> None:
        self._queue: deque[Waiter] = deque()

    def __bool__(self) -> bool:
        return bool(self._queue)

    def __len__(self) -> int:
        return len(self._queue)

    def join(self, waiter: Waiter, *, front: bool = False) -> None:
        if front:
            self._queue.appendleft(waiter)
        else:
            self._queue.append(waiter)

    def leave(self, waiter: Waiter) -> None:
        """Take a waiter that gave up out of the queue (it was not granted)."""
        waiter.state = GONE
        with contextlib.suppress(ValueError):
            self._queue.remove(waiter)

    def grant(self, value: Any) -> bool:
        """Hand `value` to the oldest waiter still waiting and wake it; False when nobody can take it."""
        queue = self._queue
        while queue:
            waiter = queue.popleft()
            if waiter.state != WAITING:
                continue
            waiter.state = GRANTED
            waiter.value = value
            if _wake(waiter):
                return True
            waiter.state = GONE  # its event loop is closed: nobody will ever resume that coroutine
        return False


def _wake(waiter: Waiter) -> bool:
    loop = waiter.loop
    if loop is None:
        waiter.lock.release()
        return True
    future = waiter.future
    assert future is not None
    if loop.is_closed():
        return False
    try:
        if asyncio._get_running_loop() is loop:
            _resolve(future)
        else:
            loop.call_soon_threadsafe(_resolve, future)
    except RuntimeError:  # the loop closed between the check and the call
        return False
    return True


def wait_sync(
    mutex: threading.Lock, queue: WaitQueue, waiter: Waiter, timeout: float | None, give_back: Callable[[Any], None]
) -> bool:
    """Block until `waiter` is granted (True) or `timeout` seconds pass (False, and it left the queue)."""
    try:
        granted = waiter.lock.acquire(timeout=-1 if timeout is None else max(0.0, timeout))
    except BaseException:  # e.g. KeyboardInterrupt delivered while blocked
        _give_up(mutex, queue, waiter, give_back)
        raise
    if granted:
        return True
    with mutex:
        if waiter.state == GRANTED:  # granted just as the timeout ran out: keep it
            return True
        queue.leave(waiter)
    return False


async def wait_async(
    mutex: threading.Lock, queue: WaitQueue, waiter: Waiter, timeout: float | None, give_back: Callable[[Any], None]
) -> bool:
    """Await until `waiter` is granted (True) or `timeout` seconds pass (False, and it left the queue).

    Cancellation is re-raised after the waiter left the queue or gave back what it was granted.
    """
    future = waiter.future
    assert future is not None
    try:
        if timeout is None:
            await future
        else:
            async with asyncio.timeout(max(0.0, timeout)):
                await future
        return True
    except TimeoutError:
        with mutex:
            if waiter.state == GRANTED:
                return True
            queue.leave(waiter)
        return False
    except GeneratorExit:  # closed, not resumed: its loop is gone and the garbage collector finalises it
        if waiter.state != GONE:  # GONE is final (skipped for its closed loop): then nothing is owed
            off_the_lock(mutex, _give_up, mutex, queue, waiter, give_back)
        raise
    except BaseException:
        _give_up(mutex, queue, waiter, give_back)
        raise


def _give_up(mutex: threading.Lock, queue: WaitQueue, waiter: Waiter, give_back: Callable[[Any], None]) -> None:
    """The waiter stops waiting: it leaves the queue or, granted meanwhile, hands back what it received."""
    with mutex:
        taken = waiter.state == GRANTED
        if not taken:
            queue.leave(waiter)
    if taken:
        give_back(waiter.value)


def off_the_lock(mutex: threading.Lock, work: Callable[..., None], *args: Any) -> None:
    """Run `work(*args)`, which takes `mutex`, from a finaliser: at once if `mutex` is free, else in a new thread.

    A finaliser runs inside whatever its thread was doing when the collector started, perhaps holding `mutex`;
    waiting for it there would never end. A `threading.Lock` does not tell who holds it, so while anybody does, the
    work goes to a thread of its own, which waits like any other caller.
    """
    if mutex.acquire(blocking=False):
        mutex.release()  # this thread was not inside it: `work` may wait for it like any caller
        work(*args)
        return
    with contextlib.suppress(RuntimeError):  # no new threads at interpreter shutdown, when nothing waits any more
        _thread.start_new_thread(work, args)  # not threading.Thread, whose start() waits for the new thread

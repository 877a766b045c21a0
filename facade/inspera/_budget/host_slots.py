"""Request slots shared by the processes of one host: one lock file per slot in the shared directory.

A process holds slot i while it holds the `flock` on `slot-<i>.lock`, so at most N requests are in flight across
every process using the directory, and a process that dies (even by SIGKILL) gives its slots back at once: the
kernel drops its locks. Free slots are taken with non-blocking tries. When all are held, the process waits without
polling: for each slot file it does not hold, one short-lived helper thread blocks in `flock()` on it, so whichever
slot frees first (in whichever process) is handed to the oldest waiter here (`inspera._budget.waitqueue`, so threads and
coroutines wait alike). A helper that wins a slot after the demand has gone releases it at once.

A released slot is unlocked even when this process has more requests queued: its helper then competes for it with
the other processes' helpers, instead of this process passing it on internally and starving the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import threading
from pathlib import Path

from . import flock as _flock
from .slot_timeout import RequestSlotTimeout, timeout_message
from .waitqueue import Waiter, WaitQueue, wait_async, wait_sync

_FREE, _HELD, _BLOCKED = 0, 1, 2  # per slot: not ours / ours / a helper thread is blocked on it


class HostSlots:
    """`size` slot files in `directory`, shared by every process that opens the same directory."""

    def __init__(self, directory: Path, size: int) -> None:
        self.directory = directory
        self.size = size
        self._fds = [_flock.open_lock_file(directory / f"slot-{i:02d}.lock") for i in range(size)]
        self._state = [_FREE] * size
        self._mutex = threading.Lock()
        self._queue = WaitQueue()
        self._random = random.Random()

    def __repr__(self) -> str:
        return f"HostSlots({str(self.directory)!r}, size={self.size})"

    def __del__(self) -> None:
        for fd in getattr(self, "_fds", ()):
            with contextlib.suppress(OSError):
                os.close(fd)

    def held(self) -> int:
        """How many slot files this process holds right now."""
        with self._mutex:
            return sum(1 for state in self._state if state == _HELD)

    def _try_take(self) -> int:
        start = self._random.randrange(self.size)
        for offset in range(self.size):
            index = (start + offset) % self.size
            if self._state[index] == _FREE and _flock.try_lock(self._fds[index]):
                self._state[index] = _HELD
                return index
        return -1

    def _helpers_needed(self) -> list[int]:
        """Mark every slot this process neither holds nor waits on as waited on; returns their indices."""
        chosen = [i for i, state in enumerate(self._state) if state == _FREE]
        for index in chosen:
            self._state[index] = _BLOCKED
        return chosen

    def _start_helpers(self, indices: list[int]) -> None:
        for index in indices:
            threading.Thread(target=self._helper, args=(index,), name="inspera-host-slot", daemon=True).start()

    def _helper(self, index: int) -> None:
        try:
            _flock.lock(self._fds[index])
        except OSError:
            with self._mutex:
                self._state[index] = _FREE
            return
        with self._mutex:
            if self._queue.grant(index):
                self._state[index] = _HELD
                return
            _flock.unlock(self._fds[index])
            self._state[index] = _FREE

    def acquire(self, timeout: float | None = None) -> int:
        """The index of a slot file now held by this process; blocks up to `timeout` seconds."""
        with self._mutex:
            index = -1 if self._queue else self._try_take()
            if index >= 0:
                return index
            waiter = Waiter()
            self._queue.join(waiter)
            helpers = self._helpers_needed()
        self._start_helpers(helpers)
        if not wait_sync(self._mutex, self._queue, waiter, timeout, self.release):
            raise RequestSlotTimeout(timeout_message(timeout))
        result: int = waiter.value
        return result

    async def aacquire(self, timeout: float | None = None) -> int:
        with self._mutex:
            index = -1 if self._queue else self._try_take()
            if index >= 0:
                return index
            waiter = Waiter(asyncio.get_running_loop())
            self._queue.join(waiter)
            helpers = self._helpers_needed()
        self._start_helpers(helpers)
        if not await wait_async(self._mutex, self._queue, waiter, timeout, self.release):
            raise RequestSlotTimeout(timeout_message(timeout))
        result: int = waiter.value
        return result

    def release(self, index: int) -> None:
        with self._mutex:
            _flock.unlock(self._fds[index])
            self._state[index] = _FREE
            helpers = self._helpers_needed() if self._queue else []
        self._start_helpers(helpers)


"""Advisory whole-file locks shared between processes (`flock`), and a bounded blocking wait for one.

The kernel drops a process's locks when the process ends, however it ends (SIGKILL included), so a lock file left
behind by a dead process never blocks anybody: there is no stale state to clean up. Waiting for a held lock is a
blocking `flock()` in a helper thread, never a retry loop; a wait that is given up (timeout, cancelled coroutine)
leaves the thread to finish on its own, and whatever it acquires late is released at once.

POSIX only: on Windows `shared_dir` is refused with a clear error instead of a poll-based imitation.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import threading
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

AVAILABLE = fcntl is not None


def open_lock_file(path: Path) -> int:
    """Open (creating it 0600) a lock file without following a symlink planted in its place."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    return os.open(path, flags, 0o600)


def try_lock(fd: int) -> bool:
    """Take the lock on `fd` if nobody holds it; never blocks."""
    assert fcntl is not None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def lock(fd: int) -> None:
    """Block (with the GIL released) until the lock on `fd` is ours."""
    assert fcntl is not None
    fcntl.flock(fd, fcntl.LOCK_EX)


def unlock(fd: int) -> None:
    assert fcntl is not None
    fcntl.flock(fd, fcntl.LOCK_UN)


class HeldLock:
    """An exclusive lock on one file for as long as this object is not released (one open file per hold)."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor drops the lock

    def __enter__(self) -> HeldLock:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()


def _blocking_take(fd: int) -> int:
    lock(fd)
    return fd


def _drop_late(future: concurrent.futures.Future[int]) -> None:
    """The waiter gave up: close the descriptor whether or not the helper got the lock in the end."""
    with contextlib.suppress(Exception):
        os.close(future.result())


def _start(path: Path) -> tuple[int, concurrent.futures.Future[int] | None]:
    fd = open_lock_file(path)
    try:
        if try_lock(fd):
            return fd, None
    except BaseException:
        os.close(fd)
        raise
    future: concurrent.futures.Future[int] = concurrent.futures.Future()

    def run() -> None:
        try:
            future.set_result(_blocking_take(fd))
        except BaseException as error:
            os.close(fd)
            future.set_exception(error)

    threading.Thread(target=run, name="inspera-file-lock", daemon=True).start()
    return fd, future


def acquire(path: Path, timeout: float | None) -> HeldLock | None:
    """The lock on `path`, waiting up to `timeout` seconds (None: as long as it takes); None when it timed out."""
    fd, future = _start(path)
    if future is None:
        return HeldLock(fd)
    try:
        return HeldLock(future.result(timeout))
    except concurrent.futures.TimeoutError:
        future.add_done_callback(_drop_late)
        return None
    except BaseException:
        future.add_done_callback(_drop_late)
        raise


async def aacquire(path: Path, timeout: float | None) -> HeldLock | None:
    """asyncio counterpart of `acquire`: the event loop keeps running while the helper thread waits."""
    fd, future = _start(path)
    if future is None:
        return HeldLock(fd)
    try:
        async with asyncio.timeout(timeout):
            return HeldLock(await asyncio.shield(asyncio.wrap_future(future)))
    except TimeoutError:
        future.add_done_callback(_drop_late)
        return None
    except BaseException:
        future.add_done_callback(_drop_late)
        raise

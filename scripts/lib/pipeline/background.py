"""Running a slow, independent check on the other core while the pipeline goes on.

Validation of a large document takes seconds of pure Python; the converter and the generator run in their own
processes. A check started here runs in a forked child (the document is shared copy-on-write; only the result
travels back, pickled), so on two cores validating and generating overlap. Where fork is unavailable, or unsafe
because the process runs other threads (a fork copies their locks, held or not), the check simply runs when its
result is asked for.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class BackgroundFailed(RuntimeError):
    """The check itself crashed in the child (its type and message are kept, never a traceback)."""


class Background(Generic[T]):
    """`fn()` computed in a forked child; `result()` waits for it. `fn` should return data, not raise."""

    def __init__(self, fn: Callable[[], T]) -> None:
        self._fn = fn
        self._process: Any = None
        self._receive: Connection | None = None
        if sys.platform.startswith("linux") and threading.active_count() == 1:
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_child, args=(fn, send), daemon=True)
            self._process.start()
            send.close()
            self._receive = receive

    def result(self) -> T:
        if self._process is None or self._receive is None:
            return self._fn()
        try:
            ok, value = self._receive.recv()
        except EOFError:
            raise BackgroundFailed("the background check ended without an answer") from None
        finally:
            self.close()
        if not ok:
            raise BackgroundFailed(str(value))
        result: T = value
        return result

    def close(self) -> None:
        if self._receive is not None:
            self._receive.close()
            self._receive = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None


def _child(fn: Callable[[], Any], send: Connection) -> None:
    try:
        send.send((True, fn()))
    except BaseException as exc:  # report, never print a traceback from the child
        last = traceback.format_exception_only(type(exc), exc)[-1].strip()
        send.send((False, last))
    finally:
        send.close()

"""Drive an `Inspera` or an `AsyncInspera` from synchronous test code; the async side runs on a loop of its own.

    driver = ClientDriver(asynchronous=True)
    driver.client = AsyncInspera(..., sleep=driver.asleep)
    job = driver.run(driver.client.exports.submissions(1))     # the value itself, or the awaited coroutine
    driver.close()
"""

from __future__ import annotations

import asyncio
import time
from typing import Any


class ClientDriver:
    """`run()` hides the await; `sleep` / `asleep` record every pause in `slept` and really take it."""

    client: Any

    def __init__(self, *, asynchronous: bool) -> None:
        self.loop: asyncio.AbstractEventLoop | None = asyncio.new_event_loop() if asynchronous else None
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        await asyncio.sleep(seconds)

    def run(self, value: Any) -> Any:
        """`value` itself (sync), or the awaited coroutine (async)."""
        if self.loop is None:
            return value
        return self.loop.run_until_complete(value)

    def records(self, job: Any, **kwargs: Any) -> list[Any]:
        """Every record of `job.iter_candidates(**kwargs)`."""
        if self.loop is None:
            return list(job.iter_candidates(**kwargs))

        async def collect() -> list[Any]:
            return [record async for record in job.iter_candidates(**kwargs)]

        return self.loop.run_until_complete(collect())

    def close(self) -> None:
        """Close the client, and the loop after it."""
        if self.loop is None:
            self.client.close()
            return
        self.loop.run_until_complete(self.client.aclose())
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.close()

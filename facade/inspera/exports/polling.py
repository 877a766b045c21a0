"""The polling schedule: first check at once, then delays that grow with the time already waited."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PollPolicy:
    """Delay before the next status check.

    The delay is a fraction of the time already spent waiting (never below `initial`, never above `cap`), so the
    gap between a job finishing and `wait()` noticing stays within max(initial, fraction x duration) while the
    number of status requests grows only logarithmically with the job's duration.
    """

    initial: float = 0.5
    fraction: float = 0.15
    cap: float = 15.0
    max_retry_after: float = 120.0

    def __post_init__(self) -> None:
        if not (0 < self.initial <= self.cap) or self.fraction < 0 or self.max_retry_after < 0:
            raise ValueError("PollPolicy needs 0 < initial <= cap, fraction >= 0 and max_retry_after >= 0")

    def delay(self, elapsed: float, retry_after: float | None = None) -> float:
        """Seconds to sleep after a still-running reading, `elapsed` seconds into the wait."""
        delay = min(self.cap, max(self.initial, self.fraction * max(0.0, elapsed)))
        if retry_after is not None and retry_after > 0:
            delay = max(delay, min(retry_after, self.max_retry_after))
        return delay

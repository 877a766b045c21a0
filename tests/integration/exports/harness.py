"""Scenario plumbing: the export kinds as ordered against the simulator, and a sync/async harness."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from inspera.exports import AsyncExports, DownloadPolicy, Exports, PollPolicy
from inspera.testing import InsperaSimulator

from tests.support.client_driver import ClientDriver

FAST = PollPolicy(initial=0.1, fraction=0.15, cap=0.5)
DURATION = 0.25


@dataclass(frozen=True)
class Kind:
    """How to order one export kind against the simulator, and what to expect in its file."""

    name: str
    order: Callable[[Any, InsperaSimulator], Any]
    prefix: str | None = None  # iter_candidates() prefix to pass (None: the kind's own)
    candidates_key: str = "ext_inspera_candidates"
    single: bool = False  # one candidate only


def _test_id(sim: InsperaSimulator) -> int:
    return sim.test_ids[0]


KINDS = [
    Kind("results", lambda ex, sim: ex.results(_test_id(sim))),
    Kind("submissions", lambda ex, sim: ex.submissions(_test_id(sim))),
    Kind(
        "candidate_submissions",
        lambda ex, sim: ex.candidate_submissions(_test_id(sim), sim.user_ids(_test_id(sim))[0]),
        single=True,
    ),
    Kind("events", lambda ex, sim: ex.events(_test_id(sim)), candidates_key="candidates"),
    Kind(
        "file",
        lambda ex, sim: ex.file("AllResults", {"assessmentRunId": str(_test_id(sim))}, expiry=3600),
        prefix="ext_inspera_candidates.item",
    ),
]


def make_sync_client(sim: InsperaSimulator) -> Any:
    from inspera import Inspera

    return Inspera(client_id=sim.client_id, api_key=sim.api_key, base_url=sim.base_url)


def make_async_client(sim: InsperaSimulator) -> Any:
    from inspera import AsyncInspera

    return AsyncInspera(client_id=sim.client_id, api_key=sim.api_key, base_url=sim.base_url)


class Harness(ClientDriver):
    """Runs the same scenario through Exports or AsyncExports; `run()` hides the await, `slept` lists every sleep
    the driver took, in order."""

    def __init__(self, flavour: str, sim: InsperaSimulator, **options: Any) -> None:
        super().__init__(asynchronous=flavour != "sync")
        self.flavour = flavour
        self.sim = sim
        options.setdefault("poll_policy", FAST)
        options.setdefault("download_policy", DownloadPolicy(retry_backoff=0.05))
        if self.loop is None:
            self.client = make_sync_client(sim)
            self.exports: Any = Exports(self.client, sleep=self.sleep, **options)
        else:
            self.client = make_async_client(sim)
            self.exports = AsyncExports(self.client, sleep=self.asleep, **options)

    def order(self, kind: Kind) -> Any:
        return self.run(kind.order(self.exports, self.sim))

"""The facade against a simulator enforcing Inspera's limit of 10 active requests: nothing lost, nothing refused
when the budget is ours alone, adaptation when another program takes slots, one token for three processes."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from inspera import AsyncInspera, Inspera, RateLimitError
from inspera.testing import InsperaSimulator

from tests.contract.conftest import exchange

TEST_PATH = r"/v1/test/\d+$"
USER_PATH = r"/v1/users/\d+$"


def _async(sim: InsperaSimulator, **options: Any) -> AsyncInspera:
    return AsyncInspera(sim.client_id, sim.api_key, base_url=sim.base_url, **options)


def _sync(sim: InsperaSimulator, **options: Any) -> Inspera:
    return Inspera(sim.client_id, sim.api_key, base_url=sim.base_url, **options)


async def test_a_gather_of_100_calls_loses_nothing_and_is_never_refused(simulator: InsperaSimulator) -> None:
    simulator.faults.add_latency(TEST_PATH, 0.02)
    test_id = simulator.test_ids[0]
    async with _async(simulator) as client:
        results = await asyncio.gather(*(client.tests.get(test_id) for _ in range(100)), return_exceptions=True)
        assert (client._budget.in_flight, client._budget.waiting) == (0, 0)
    assert [getattr(r, "assessment_run_id", r) for r in results] == [test_id] * 100
    assert simulator.limit.refused == 0 and 5 <= simulator.limit.peak <= 10  # concurrent, within the limit


async def test_the_same_gather_without_the_budget_is_refused(simulator: InsperaSimulator) -> None:
    # What the limit does to a client that ignores it, so the test above cannot pass for want of a limit.
    simulator.faults.add_latency(TEST_PATH, 0.02)
    token = exchange(simulator)
    async with httpx.AsyncClient(base_url=simulator.base_url, headers={"Authorization": f"Bearer {token}"},
                                 limits=httpx.Limits(max_connections=100)) as raw:
        answers = await asyncio.gather(*(raw.get(f"/v1/test/{simulator.test_ids[0]}") for _ in range(100)))
    assert sum(a.status_code == 429 for a in answers) > 0


def test_forty_threads_on_one_client_lose_nothing(simulator: InsperaSimulator) -> None:
    simulator.faults.add_latency(TEST_PATH, 0.01)
    test_id = simulator.test_ids[0]
    results: list[Any] = []
    with _sync(simulator) as client:
        def worker() -> None:
            for _ in range(5):
                try:
                    results.append(client.tests.get(test_id).assessment_run_id)
                except Exception as error:  # collected and asserted below
                    results.append(error)

        threads = [threading.Thread(target=worker) for _ in range(40)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert results == [test_id] * 200
    assert simulator.limit.refused == 0 and simulator.limit.peak <= 10


def test_sync_and_async_clients_on_several_loops_share_one_budget(simulator: InsperaSimulator) -> None:
    simulator.faults.add_latency(TEST_PATH, 0.02)
    test_id = simulator.test_ids[0]
    outcomes: list[Any] = []

    def on_a_loop_of_its_own() -> None:
        async def run() -> None:
            async with _async(simulator) as client:
                outcomes.extend(await asyncio.gather(*(client.tests.get(test_id) for _ in range(40)),
                                                     return_exceptions=True))
        asyncio.run(run())

    with _sync(simulator) as blocking:
        def in_a_thread() -> None:
            for _ in range(4):
                outcomes.append(blocking.tests.get(test_id))

        workers = [threading.Thread(target=on_a_loop_of_its_own) for _ in range(2)]
        workers += [threading.Thread(target=in_a_thread) for _ in range(10)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    assert [getattr(o, "assessment_run_id", o) for o in outcomes] == [test_id] * 120
    assert simulator.limit.refused == 0 and simulator.limit.peak <= 10


async def test_cancelled_calls_leave_no_slot_behind(simulator: InsperaSimulator) -> None:
    simulator.faults.add_latency(TEST_PATH, 0.05)
    test_id = simulator.test_ids[0]
    async with _async(simulator) as client:
        tasks = [asyncio.create_task(client.tests.get(test_id)) for _ in range(50)]
        await asyncio.sleep(0.08)  # some answered, some in flight, most queued
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        assert (client._budget.in_flight, client._budget.waiting) == (0, 0)
        # The server goes on with the requests it had already received; they still count there until answered.
        for _ in range(200):
            if simulator.limit.in_flight == 0:
                break
            await asyncio.sleep(0.01)
        simulator.limit.reset()
        again = await asyncio.gather(*(client.tests.get(test_id) for _ in range(20)))
    assert len(again) == 20 and simulator.limit.refused == 0 and simulator.limit.peak <= 10


async def _hold(sim: InsperaSimulator, slots: int, seconds: float) -> asyncio.Task[list[httpx.Response]]:
    """Another program of the customer: `slots` slow requests the facade knows nothing about."""
    sim.faults.add_latency(USER_PATH, seconds, times=slots)
    token = exchange(sim)
    raw = httpx.AsyncClient(base_url=sim.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    user = sim.user_ids(sim.test_ids[0])[0]

    async def run() -> list[httpx.Response]:
        async with raw:
            return await asyncio.gather(*(raw.get(f"/v1/users/{user}") for _ in range(slots)))

    task = asyncio.create_task(run())
    while sim.limit.in_flight < slots:
        await asyncio.sleep(0.005)
    return task


async def test_calls_adapt_when_another_program_holds_slots(simulator: InsperaSimulator) -> None:
    # Long enough that the client's first ten requests overlap at the server even on a loaded machine, so the
    # five held slots are certain to be missed.
    simulator.faults.add_latency(TEST_PATH, 0.2)
    test_id = simulator.test_ids[0]
    async with _async(simulator) as client:
        await client.authenticate()
        others = await _hold(simulator, 5, 1.5)
        results = await asyncio.gather(*(client.tests.get(test_id) for _ in range(40)), return_exceptions=True)
        # It learned that the room is smaller than its maximum (the limit may have grown back by now).
        assert client._budget.refusals > 0
        assert [a.status_code for a in await others] == [200] * 5
    assert [getattr(r, "assessment_run_id", r) for r in results] == [test_id] * 40
    assert simulator.limit.refused > 0  # refusals happened, and none reached the caller


async def test_a_refusal_reaches_the_caller_only_once_limit_wait_is_spent(simulator: InsperaSimulator) -> None:
    simulator.limit.maximum = 1
    async with _async(simulator, limit_wait=0.3) as client:
        await client.authenticate()
        others = await _hold(simulator, 1, 1.0)
        with pytest.raises(RateLimitError, match="Concurrent request limit reached") as caught:
            await client.tests.get(simulator.test_ids[0])
        assert caught.value.status == 429
        await others
        assert (await client.tests.get(simulator.test_ids[0])).assessment_run_id == simulator.test_ids[0]


_CHILD = textwrap.dedent(
    """
    import asyncio, json, sys
    from inspera import AsyncInspera, Inspera
    cfg = json.loads(sys.argv[1])
    sys.stdin.readline()  # start together
    test_id = cfg["test_id"]
    if cfg["kind"] == "async":
        async def main():
            async with AsyncInspera(cfg["client_id"], cfg["api_key"], base_url=cfg["base_url"],
                                    shared_dir=cfg["shared_dir"]) as client:
                return await asyncio.gather(*(client.tests.get(test_id) for _ in range(30)))
        results = asyncio.run(main())
    else:
        from concurrent.futures import ThreadPoolExecutor
        with Inspera(cfg["client_id"], cfg["api_key"], base_url=cfg["base_url"], shared_dir=cfg["shared_dir"]) as c:
            with ThreadPoolExecutor(15) as pool:
                results = list(pool.map(lambda _: c.tests.get(test_id), range(30)))
    print(json.dumps([r.assessment_run_id for r in results]))
    """
)


@pytest.mark.simulator(export_duration=0.2, candidates=3)
def test_three_processes_sharing_a_directory_exchange_one_token(simulator: InsperaSimulator, tmp_path: Path) -> None:
    import json

    simulator.faults.conflict_on_concurrent_exchanges(True)  # overlapping exchanges would get 409
    simulator.faults.add_latency(TEST_PATH, 0.02)
    test_id = simulator.test_ids[0]
    config = {"client_id": simulator.client_id, "api_key": simulator.api_key, "base_url": simulator.base_url,
              "shared_dir": str(tmp_path / "shared"), "test_id": test_id}
    children = [
        subprocess.Popen([sys.executable, "-c", _CHILD, json.dumps({**config, "kind": kind})], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for kind in ("async", "sync", "async")
    ]
    try:
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        outputs = [child.communicate(timeout=60) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    for child, (out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err[-2000:]
        assert json.loads(out) == [test_id] * 30
    assert simulator.stats.token_exchanges == 1
    assert simulator.limit.refused == 0 and simulator.limit.peak <= 10


def test_the_readme_example_runs_within_the_limit() -> None:
    import re

    from tests.support.readme import python_block

    done = subprocess.run([sys.executable, "-c", python_block("concurrency")], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.fullmatch(r"150 calls, 0 refused, at most (\d+) at once", done.stdout.strip())
    assert found and int(found.group(1)) <= 10, done.stdout


def test_the_readme_documents_every_constructor_argument() -> None:
    import inspect

    from tests.support.readme import section

    documented = section("facade").split("**Constructor.**", 1)[1].split("**Public surface**", 1)[0]
    for cls in (Inspera, AsyncInspera):
        for name, parameter in inspect.signature(cls.__init__).parameters.items():
            if name in {"self", "clock", "sleep"}:  # for tests, named in the docstring
                continue
            default = "" if parameter.default is inspect.Parameter.empty else f"={parameter.default!r}"
            assert f"{name}{default}" in documented.replace('"', "'"), name

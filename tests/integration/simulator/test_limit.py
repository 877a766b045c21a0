"""The simulator enforces Inspera's concurrency limit: 10 active /api requests, the rest refused with 429."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from inspera.testing import InsperaSimulator

from tests.contract.conftest import exchange


async def _burst(sim: InsperaSimulator, token: str, count: int, path: str = "") -> list[httpx.Response]:
    path = path or f"/v1/test/{sim.test_ids[0]}"
    limits = httpx.Limits(max_connections=count)
    async with httpx.AsyncClient(base_url=sim.base_url, headers={"Authorization": f"Bearer {token}"},
                                 limits=limits, timeout=10) as client:
        return await asyncio.gather(*(client.get(path) for _ in range(count)))


async def test_requests_over_ten_are_refused_with_an_inspera_style_429(sim: InsperaSimulator) -> None:
    token = exchange(sim)
    sim.faults.add_latency(r"/v1/test/\d+$", 0.3)
    answers = await _burst(sim, token, 25)
    refused = [a for a in answers if a.status_code == 429]
    assert len(refused) == 15 and sum(a.status_code == 200 for a in answers) == 10
    body = refused[0].json()
    assert body["error"] == "Too Many Requests"
    assert "Concurrent request limit reached" in body["description"] and "10" in body["description"]
    assert (sim.limit.peak, sim.limit.refused, sim.limit.in_flight) == (10, 15, 0)
    assert sum(r.status == 429 for r in sim.stats.requests) == 15


async def test_the_limit_can_be_changed_or_switched_off(sim: InsperaSimulator) -> None:
    token = exchange(sim)
    sim.faults.add_latency(r"/v1/test/\d+$", 0.2)
    sim.limit.maximum = 3
    assert sum(a.status_code == 429 for a in await _burst(sim, token, 8)) == 5
    sim.limit.maximum = None
    sim.limit.reset()
    answers = await _burst(sim, token, 25)
    assert all(a.status_code == 200 for a in answers)
    assert (sim.limit.peak, sim.limit.refused) == (25, 0)  # still counted while off
    with pytest.raises(ValueError, match="max_concurrent_requests"):
        sim.limit.maximum = 0


def test_the_constructor_takes_the_limit() -> None:
    with InsperaSimulator(max_concurrent_requests=None) as sim:
        assert sim.limit.maximum is None
    with pytest.raises(ValueError, match="max_concurrent_requests"):
        InsperaSimulator(max_concurrent_requests=0)


async def test_the_token_exchange_counts_and_signed_urls_do_not(sim: InsperaSimulator) -> None:
    token = exchange(sim)
    sim.limit.maximum = 1
    sim.faults.add_latency(r"/v1/test/\d+$", 0.3, times=1)
    async with httpx.AsyncClient(base_url=sim.base_url, headers={"Authorization": f"Bearer {token}"}) as client:
        slow = asyncio.create_task(client.get(f"/v1/test/{sim.test_ids[0]}"))
        while sim.limit.in_flight == 0:
            await asyncio.sleep(0.005)
        refused = await client.post("/authenticate/token/", headers={"code": sim.api_key},
                                    params={"grant_type": "authorization_code", "client_id": sim.client_id})
        assert refused.status_code == 429
        outside = await client.get(f"{sim.origin}/signed/none/file.json")  # not under /api: not counted
        assert outside.status_code != 429
        assert (await slow).status_code == 200

"""Fixtures for facade integration tests: a client of each kind connected to the live simulator."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator
from typing import Any

import pytest
from inspera import AsyncInspera, Inspera
from inspera.testing import InsperaSimulator


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def connect(mode: str, sim: InsperaSimulator, **options: Any) -> Inspera | AsyncInspera:
    cls = Inspera if mode == "sync" else AsyncInspera
    return cls(sim.client_id, sim.api_key, base_url=sim.base_url, **options)


@pytest.fixture
async def client(mode: str, simulator: InsperaSimulator) -> AsyncIterator[Any]:
    instance = connect(mode, simulator)
    yield instance
    if isinstance(instance, AsyncInspera):
        await instance.aclose()
    else:
        instance.close()


async def resolve(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value

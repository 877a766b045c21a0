"""Fixtures for simulator integration tests: a fresh simulator per test and a bearer client for it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from inspera.testing import InsperaSimulator

from tests.contract.conftest import exchange


@pytest.fixture
def sim() -> Iterator[InsperaSimulator]:
    with InsperaSimulator(export_duration=0.3, candidates=3, tests=2, seed=3) as simulator:
        yield simulator


@pytest.fixture
def api(sim: InsperaSimulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim.base_url, headers={"Authorization": f"Bearer {exchange(sim)}"},
                      timeout=10) as client:
        yield client

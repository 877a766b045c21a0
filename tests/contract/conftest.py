"""Fixtures for contract tests: a live simulator, a token from it, and a spec checker bound to its address."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from inspera.testing import InsperaSimulator

from .spec_check import SpecChecker, load_spec


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return load_spec()


@pytest.fixture(scope="module")
def sim() -> Iterator[InsperaSimulator]:
    with InsperaSimulator(export_duration=0.2, candidates=3, tests=2, seed=7) as simulator:
        yield simulator


def exchange(sim: InsperaSimulator) -> str:
    response = httpx.post(
        f"{sim.base_url}/authenticate/token/",
        params={"grant_type": "authorization_code", "client_id": sim.client_id},
        headers={"code": sim.api_key},
    )
    response.raise_for_status()
    token: str = response.json()["access_token"]
    return token


@pytest.fixture(scope="module")
def token(sim: InsperaSimulator) -> str:
    return exchange(sim)


@pytest.fixture(scope="module")
def checker(sim: InsperaSimulator, spec: dict[str, Any]) -> SpecChecker:
    return SpecChecker(spec, sim.base_url)


@pytest.fixture
def api(sim: InsperaSimulator, token: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=10) as client:
        yield client


@pytest.fixture
def anonymous(sim: InsperaSimulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim.base_url, timeout=10) as client:
        yield client

"""Fixtures: a simulator on a real port per test module, and a harness that runs a scenario sync or async."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="module")
def sim() -> Iterator[Any]:
    from inspera.testing import InsperaSimulator

    from tests.integration.exports.harness import DURATION

    with InsperaSimulator(export_duration=DURATION, candidates=4) as simulator:
        yield simulator


@pytest.fixture(autouse=True)
def _clean_faults(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "sim" in request.fixturenames:
        request.getfixturevalue("sim").faults.clear()


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def harness(flavour: str, sim: Any) -> Iterator[Any]:
    from tests.integration.exports.harness import Harness

    h = Harness(flavour, sim)
    yield h
    h.close()

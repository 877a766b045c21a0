"""Fixtures for facade unit tests: a fake Inspera and a client of each kind bound to it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from .fakes import FakeInspera, ManualClock, Sleeps, close, make_client


@pytest.fixture
def fake() -> FakeInspera:
    server = FakeInspera()
    server.test_route()
    return server


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def client(mode: str, fake: FakeInspera, clock: ManualClock, sleeps: Sleeps) -> AsyncIterator[object]:
    instance = make_client(mode, fake, clock=clock, sleeps=sleeps)
    yield instance
    await close(instance)

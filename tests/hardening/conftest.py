"""Fixtures of the hostile-server suite: a broken Inspera per test, and clients of both kinds against it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.hardening.hostile import API_KEY, SIGNATURE, TOKEN, HostileServer, Side
from tests.support.secret_guard import SecretGuard


@pytest.fixture
def server(secret_guard: SecretGuard) -> Iterator[HostileServer]:
    """A hostile server whose key, token and URL signature the secret guard watches for the whole test."""
    secret_guard.add_secret(API_KEY, TOKEN, SIGNATURE)
    with HostileServer() as hostile:
        yield hostile


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def side(mode: str, server: HostileServer) -> Iterator[Callable[..., Side]]:
    """Make clients of the test's kind against `server` (options as for `Inspera(...)`); all closed afterwards."""
    made: list[Side] = []

    def make(**options: Any) -> Side:
        options.setdefault("max_retries", 0)
        made.append(Side(mode, server, **options))
        return made[-1]

    yield make
    for one in made:
        one.close()

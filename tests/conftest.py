"""Shared fixtures: a live Inspera simulator; the suite-wide secret guard comes from tests/support/secret_guard.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from inspera.testing import InsperaSimulator

pytest_plugins = ["tests.support.secret_guard"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "simulator(**options): keyword arguments for the `simulator` fixture's InsperaSimulator"
    )


@pytest.fixture
def simulator(request: pytest.FixtureRequest) -> Iterator[InsperaSimulator]:
    """A running simulator on a free port; options come from `@pytest.mark.simulator(token_lifetime=2, ...)`."""
    from inspera.testing import InsperaSimulator

    marker = request.node.get_closest_marker("simulator")
    options: dict[str, Any] = {"export_duration": 0.2, "candidates": 3}
    if marker is not None:
        options.update(marker.kwargs)
    with InsperaSimulator(**options) as sim:
        yield sim

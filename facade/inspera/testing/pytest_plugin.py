"""pytest fixtures for code that talks to Inspera: a running simulator and clients already connected to it.

The package registers this module as a pytest plugin (entry point `pytest11`), so every test can ask for:

- `inspera_simulator`: a fresh `InsperaSimulator` on 127.0.0.1 for the test, stopped afterwards. Its knobs come from
  `@pytest.mark.inspera_simulator(candidates=3, export_duration=0.2, ...)`; without the marker it starts with
  `export_duration=0.2` (so export tests finish quickly) and the simulator's other defaults.
- `inspera_client`: an `Inspera` connected to that simulator, closed afterwards.
- `async_inspera_client`: an `AsyncInspera` connected to it, closed afterwards. An async fixture: it needs
  pytest-asyncio (any mode) or anyio's pytest plugin, as async tests do.

Importing this module loads neither the simulator (the `testing` extra) nor httpx: pytest imports every installed
plugin at start-up, and a user without the extra must not pay for or trip over it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pytest

if TYPE_CHECKING:
    from inspera import AsyncInspera, Inspera
    from inspera.testing import InsperaSimulator

MARKER = "inspera_simulator"
DEFAULTS: dict[str, Any] = {"export_duration": 0.2}

F = TypeVar("F", bound=Callable[..., Any])


def _async_fixture(function: F) -> F:
    """pytest-asyncio wants its own decorator in strict mode; the plain one serves anyio's plugin and auto mode."""
    try:
        import pytest_asyncio
    except ImportError:  # pragma: no cover - depends on what the user installed
        return cast(F, pytest.fixture(function))
    return cast(F, pytest_asyncio.fixture(function))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MARKER}(**knobs): InsperaSimulator keyword arguments for the `inspera_simulator` fixture"
    )


def _simulator_class() -> type[InsperaSimulator]:
    try:
        from inspera.testing import InsperaSimulator
    except ImportError as error:
        pytest.fail(
            f"the inspera_simulator fixture needs the 'testing' extra: pip install 'inspera-client[testing]' ({error})",
            pytrace=False,
        )
    return InsperaSimulator


@pytest.fixture
def inspera_simulator(request: pytest.FixtureRequest) -> Iterator[InsperaSimulator]:
    """A running local Inspera for this test; knobs from `@pytest.mark.inspera_simulator(...)`."""
    knobs = dict(DEFAULTS)
    marker = request.node.get_closest_marker(MARKER)
    if marker is not None:
        if marker.args:
            raise pytest.UsageError(f"@pytest.mark.{MARKER} takes keyword arguments only, got {marker.args!r}")
        knobs.update(marker.kwargs)
    with _simulator_class()(**knobs) as simulator:
        yield simulator


@pytest.fixture
def inspera_client(inspera_simulator: InsperaSimulator) -> Iterator[Inspera]:
    """An `Inspera` client connected to `inspera_simulator`."""
    from inspera import Inspera

    sim = inspera_simulator
    with Inspera(sim.client_id, sim.api_key, base_url=sim.base_url) as client:
        yield client


@_async_fixture
async def async_inspera_client(inspera_simulator: InsperaSimulator) -> AsyncIterator[AsyncInspera]:
    """An `AsyncInspera` client connected to `inspera_simulator`."""
    from inspera import AsyncInspera

    sim = inspera_simulator
    async with AsyncInspera(sim.client_id, sim.api_key, base_url=sim.base_url) as client:
        yield client

"""Shared fixtures: a live Inspera simulator and a guard that fails a test when a secret reaches logs or errors."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import pytest

if TYPE_CHECKING:
    from inspera.testing import InsperaSimulator

_SIGNATURE_PARAMS = {"x-amz-signature", "signature", "x-amz-credential", "x-amz-security-token"}


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


class SecretGuard:
    """Collects every log record (all loggers, DEBUG) plus texts a test hands it, and checks them for secrets."""

    def __init__(self) -> None:
        self.records: list[logging.LogRecord] = []
        self.texts: list[str] = []
        self._secrets: set[str] = set()
        self._simulators: list[InsperaSimulator] = []

    def add_secret(self, *values: str | None) -> None:
        self._secrets.update(value for value in values if value)

    def watch(self, sim: InsperaSimulator) -> None:
        """Treat the simulator's API key, every token it saw and every signature it handed out as secrets."""
        self._simulators.append(sim)
        self.add_secret(sim.api_key)

    def observe(self, *objects: object) -> None:
        """Add the repr and str of objects (clients, errors, results) to what is checked."""
        for obj in objects:
            self.texts.extend((repr(obj), str(obj)))
            if isinstance(obj, BaseException):
                for arg in obj.args:
                    self.texts.append(str(arg))

    def secrets(self) -> set[str]:
        found = set(self._secrets)
        for sim in self._simulators:
            for recorded in list(sim.stats.requests):
                for name, value in recorded.headers.items():
                    if name.lower() == "authorization" and value.lower().startswith("bearer "):
                        found.add(value[7:].strip())
                    if name.lower() == "code":
                        found.add(value)
                for name, value in parse_qsl(recorded.query):
                    if name.lower() in _SIGNATURE_PARAMS:
                        found.add(value)
                match = re.search(r"(?i)X-Amz-Signature=([0-9a-f]+)", recorded.path)
                if match:
                    found.add(match.group(1))
        return {secret for secret in found if len(secret) >= 8}

    def leaks(self) -> list[str]:
        texts = list(self.texts)
        for record in self.records:
            texts.append(record.getMessage())
            if record.exc_info and record.exc_info[1] is not None:
                texts.append(str(record.exc_info[1]))
        secrets = self.secrets()
        return [text for text in texts for secret in secrets if secret in text]

    def check(self) -> None:
        leaks = self.leaks()
        assert not leaks, f"{len(leaks)} log records or texts contain a secret; first: {leaks[0][:200]!r}"


class _Collector(logging.Handler):
    def __init__(self, guard: SecretGuard) -> None:
        super().__init__(logging.DEBUG)
        self._guard = guard

    def emit(self, record: logging.LogRecord) -> None:
        self._guard.records.append(record)


@pytest.fixture
def secret_guard() -> Iterator[SecretGuard]:
    """DEBUG-level capture of every logger; the test fails at teardown if a watched secret appeared anywhere."""
    guard = SecretGuard()
    handler = _Collector(guard)
    root = logging.getLogger()
    loggers = [root, logging.getLogger("inspera"), logging.getLogger("httpx"), logging.getLogger("httpcore")]
    levels = [logger.level for logger in loggers]
    root.addHandler(handler)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    try:
        yield guard
    finally:
        root.removeHandler(handler)
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
    guard.check()

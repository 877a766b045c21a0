"""Fixtures for CLI tests: `inspera.cli.main` run in-process against the live simulator, output captured."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import pytest
from inspera.cli import main
from inspera.testing import InsperaSimulator

ENV_VARS = ("INSPERA_CLIENT_ID", "INSPERA_API_KEY", "INSPERA_API_KEY_FILE", "INSPERA_BASE_URL",
            "INSPERA_WEBHOOK_SECRET", "COLUMNS")


class SecretGuard(Protocol):
    """What these tests use of the suite's `secret_guard` fixture."""

    texts: list[str]

    def watch(self, sim: InsperaSimulator) -> None: ...


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def error_line(self) -> str:
        """The single `error: ...` line of a failed command: the last stderr line (progress notes may precede it)."""
        lines = self.err.strip().splitlines()
        errors = [line for line in lines if line.startswith("error: ")]
        assert errors == lines[-1:], f"expected one final error line, got {self.err!r}"
        return errors[0]


class Runner:
    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, guard: SecretGuard):
        self._capsys = capsys
        self._monkeypatch = monkeypatch
        self._guard = guard

    def __call__(self, *args: str, stdin: bytes | None = None) -> Result:
        if stdin is not None:
            self._monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        self._capsys.readouterr()
        code = main(list(args))
        out, err = self._capsys.readouterr()
        self._guard.texts.extend((out, err))  # checked for the key, tokens and signatures at teardown
        return Result(code, out, err)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No INSPERA_* settings from the machine running the tests; the `inspera` logger left as found."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    logger = logging.getLogger("inspera")
    handlers, level = list(logger.handlers), logger.level
    yield
    logger.handlers[:] = handlers
    logger.setLevel(level)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, secret_guard: SecretGuard) -> Runner:
    return Runner(capsys, monkeypatch, secret_guard)


@pytest.fixture
def tenant(simulator: InsperaSimulator, monkeypatch: pytest.MonkeyPatch, secret_guard: SecretGuard) -> InsperaSimulator:
    """The simulator's credentials in the environment, as a user of the CLI would set them."""
    secret_guard.watch(simulator)
    monkeypatch.setenv("INSPERA_CLIENT_ID", simulator.client_id)
    monkeypatch.setenv("INSPERA_API_KEY", simulator.api_key)
    monkeypatch.setenv("INSPERA_BASE_URL", simulator.base_url)
    return simulator

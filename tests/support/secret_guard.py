"""Suite-wide secret-leak guard, loaded as a pytest plugin by tests/conftest.py.

For every test it
- collects every log record of every logger at DEBUG (root, `inspera`, `httpx` and `httpcore` are raised to DEBUG
  for the duration of the test and restored afterwards);
- watches every `InsperaSimulator` running during the test (module-scoped ones included): `InsperaSimulator.start`
  is wrapped once per session, so simulators started inside the test are seen as well;
- keeps every `inspera.errors.InsperaError` constructed during the test, even those a `pytest.raises` swallowed;
- adds the text and repr of the exception of a failing test (pytest_runtest_makereport);
and at teardown fails the test if any of these texts contains a watched secret: a simulator's API key, an access
token it issued, a signed-URL signature it handed out, a webhook secret it was given, or anything a test passed to
`secret_guard.add_secret()`.

Opt out with `@pytest.mark.allow_secret_leaks("why")` for tests that plant a secret on purpose. The `secret_guard`
fixture gives a test the same guard object (to watch extra secrets, `observe()` reprs, or `check()` early).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from inspera.testing import InsperaSimulator

MARKER = "allow_secret_leaks"
MIN_SECRET_CHARS = 8  # shorter values (a test's "abc") would match by accident
_WATCHED_LOGGERS = ("", "inspera", "httpx", "httpcore")
_GUARD_KEY = pytest.StashKey["SecretGuard"]()


class SecretGuard:
    """Collects log records (all loggers, DEBUG) and texts, and checks them for the watched secrets."""

    def __init__(self) -> None:
        self.records: list[logging.LogRecord] = []
        self.texts: list[str] = []
        self.errors: list[BaseException] = []
        self._secrets: set[str] = set()
        self._simulators: list[InsperaSimulator] = []

    def add_secret(self, *values: str | None) -> None:
        self._secrets.update(value for value in values if value)

    def watch(self, sim: InsperaSimulator) -> None:
        """Treat every credential of `sim` (its key, tokens, URL signatures, webhook secrets) as a secret."""
        if not any(watched is sim for watched in self._simulators):
            self._simulators.append(sim)

    def observe(self, *objects: object) -> None:
        """Add the repr and str of objects (clients, errors, results) to what is checked."""
        for obj in objects:
            self.texts.extend(_texts_of(obj))

    def secrets(self) -> set[str]:
        found = set(self._secrets)
        for sim in self._simulators:
            found.update(sim.issued_secrets())
        return {secret for secret in found if len(secret) >= MIN_SECRET_CHARS}

    def leaks(self) -> list[str]:
        """Every collected text that contains a watched secret (each text once)."""
        secrets = self.secrets()
        if not secrets:
            return []
        pattern = re.compile("|".join(re.escape(s) for s in sorted(secrets, key=len, reverse=True)))
        return [text for text in self._all_texts() if pattern.search(text)]

    def check(self) -> None:
        leaks = self.leaks()
        if leaks:  # not `assert`: its rewritten explanation would print the leaking texts, secrets included
            raise AssertionError(
                f"{len(leaks)} log records or texts contain a secret; first: {_masked(leaks[0], self)!r}"
            )

    def _all_texts(self) -> Iterator[str]:
        yield from self.texts
        for error in self.errors:
            yield from _texts_of(error)
        for record in self.records:
            yield from _record_texts(record)


def _texts_of(obj: object) -> list[str]:
    texts = [_safe(repr, obj), _safe(str, obj)]
    if isinstance(obj, BaseException):
        texts += [_safe(str, arg) for arg in obj.args]
        texts += [_safe(repr, value) for value in vars(obj).values()] if hasattr(obj, "__dict__") else []
    return texts


def _record_texts(record: logging.LogRecord) -> list[str]:
    texts = [_safe(lambda r: r.getMessage(), record)]
    if record.exc_info and record.exc_info[1] is not None:
        texts += _texts_of(record.exc_info[1])
    if record.exc_text:
        texts.append(record.exc_text)
    if record.stack_info:
        texts.append(record.stack_info)
    return texts


def _safe(render: Callable[[Any], str], obj: object) -> str:
    try:
        return render(obj)
    except Exception as exc:  # a broken __repr__ must not hide the other texts
        return f"<unrenderable {type(obj).__name__}: {type(exc).__name__}>"


def _masked(text: str, guard: SecretGuard) -> str:
    """The leaking text with the secret itself masked, so the failure report does not repeat it."""
    for secret in guard.secrets():
        text = text.replace(secret, f"<secret {secret[:3]}…>")
    return text[:300]


def exception_chain(error: BaseException) -> list[BaseException]:
    """The error, its causes and contexts, each once."""
    chain: list[BaseException] = []
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or any(current is seen for seen in chain):
            continue
        chain.append(current)
        pending += [current.__cause__, current.__context__]
        if isinstance(current, BaseExceptionGroup):
            pending += list(current.exceptions)
    return chain


class _Collector(logging.Handler):
    def __init__(self, guard: SecretGuard) -> None:
        super().__init__(logging.DEBUG)
        self._guard = guard

    def emit(self, record: logging.LogRecord) -> None:
        self._guard.records.append(record)


# -- process-wide taps: which simulators run, which InsperaErrors get built --------------------------------------
_active: SecretGuard | None = None
_running: list[InsperaSimulator] = []
_undo: list[Callable[[], None]] = []


def _wrap_simulator() -> None:
    from inspera.testing.simulator import InsperaSimulator

    start, stop = InsperaSimulator.start, InsperaSimulator.stop

    def tracked_start(self: InsperaSimulator) -> InsperaSimulator:
        result = start(self)
        _running.append(self)
        if _active is not None:
            _active.watch(self)
        return result

    def tracked_stop(self: InsperaSimulator) -> None:
        try:
            stop(self)
        finally:
            _running[:] = [sim for sim in _running if sim is not self]

    InsperaSimulator.start = tracked_start  # type: ignore[method-assign]
    InsperaSimulator.stop = tracked_stop  # type: ignore[method-assign]

    def undo() -> None:
        InsperaSimulator.start = start  # type: ignore[method-assign]
        InsperaSimulator.stop = stop  # type: ignore[method-assign]

    _undo.append(undo)


def _wrap_errors() -> None:
    from inspera.errors import InsperaError

    had_own = "__init__" in vars(InsperaError)
    original = InsperaError.__init__

    def tracked_init(self: InsperaError, *args: Any, **kwargs: Any) -> None:
        if had_own:
            original(self, *args, **kwargs)
        else:
            super(InsperaError, self).__init__(*args, **kwargs)
        if _active is not None:
            _active.errors.append(self)

    InsperaError.__init__ = tracked_init  # type: ignore[method-assign]

    def undo() -> None:
        if had_own:
            InsperaError.__init__ = original  # type: ignore[method-assign]
        else:
            del InsperaError.__init__

    _undo.append(undo)


# -- pytest hooks and fixtures ----------------------------------------------------------------------------------
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MARKER}(reason): this test plants a secret on purpose; the suite-wide secret guard skips it"
    )
    _wrap_simulator()
    _wrap_errors()


def pytest_unconfigure(config: pytest.Config) -> None:
    while _undo:
        _undo.pop()()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    guard = item.stash.get(_GUARD_KEY, None)
    if guard is not None and call.excinfo is not None and not call.excinfo.errisinstance(pytest.skip.Exception):
        for error in exception_chain(call.excinfo.value):
            guard.observe(error)
    return report


@pytest.fixture(autouse=True)
def _suite_secret_guard(request: pytest.FixtureRequest) -> Iterator[SecretGuard]:
    global _active
    guard = SecretGuard()
    for sim in _running:
        guard.watch(sim)
    handler = _Collector(guard)
    loggers = [logging.getLogger(name) for name in _WATCHED_LOGGERS]
    levels = [logger.level for logger in loggers]
    root = logging.getLogger()
    root.addHandler(handler)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    request.node.stash[_GUARD_KEY] = guard
    previous, _active = _active, guard
    try:
        yield guard
    finally:
        _active = previous
        root.removeHandler(handler)
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
    if request.node.get_closest_marker(MARKER) is None:
        try:
            guard.check()
        except AssertionError as leak:
            pytest.fail(f"secret guard: {leak} (opt out with @pytest.mark.{MARKER}(reason))", pytrace=False)


@pytest.fixture
def secret_guard(_suite_secret_guard: SecretGuard) -> SecretGuard:
    """The running test's guard: `watch(sim)`, `add_secret(...)`, `observe(obj)`, `check()` (also run at teardown)."""
    return _suite_secret_guard


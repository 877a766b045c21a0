"""`inspera sandbox`: run the local simulator until interrupted, printing its credentials as shell lines."""

from __future__ import annotations

import os
import shlex
import signal
import threading
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from .exits import CLIError
from .state import state

if TYPE_CHECKING:
    from inspera.testing import InsperaSimulator


def load_simulator() -> type[InsperaSimulator]:
    try:
        from inspera.testing import InsperaSimulator
    except ImportError as error:
        raise CLIError(
            f"the simulator needs the 'testing' extra: pip install 'inspera-client[testing]' ({error})"
        ) from None
    return InsperaSimulator


def env_lines(base_url: str, client_id: str, api_key: str) -> str:
    pairs = {"INSPERA_BASE_URL": base_url, "INSPERA_CLIENT_ID": client_id, "INSPERA_API_KEY": api_key}
    return "\n".join(f"export {name}={shlex.quote(value)}" for name, value in pairs.items())


def write_env_file(path: Path, lines: str) -> None:
    """Write the lines to `path` by renaming a complete temporary file, so a reader never sees half of it."""
    target = path.expanduser().absolute()
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(lines + "\n", encoding="utf-8")
        os.chmod(temporary, 0o600)  # the file holds the sandbox's (throwaway) key
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise CLIError(f"cannot write {target}: {error.strerror or error}") from None


def sandbox(
    ctx: typer.Context,
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port on 127.0.0.1 (0 picks a free one).")] = 0,
    token_lifetime: Annotated[float, typer.Option(min=0.1, help="Seconds an access token lives.")] = 3600.0,
    export_duration: Annotated[float, typer.Option(min=0, help="Seconds an export job takes.")] = 10.0,
    url_lifetime: Annotated[float | None, typer.Option(
        min=0.1, show_default="the token's lifetime", help="Seconds a signed download URL lives.")] = None,
    tests: Annotated[int, typer.Option(min=0, help="Number of seeded tests.")] = 3,
    candidates: Annotated[int, typer.Option(min=0, help="Candidates per seeded test.")] = 25,
    seed: Annotated[int, typer.Option(help="Seed of the generated data.")] = 0,
    env_file: Annotated[Path | None, typer.Option(
        dir_okay=False, show_default=False,
        help="Also write the export lines to this file (atomically, once the server answers).")] = None,
) -> None:
    """Run a local Inspera until Ctrl-C or SIGTERM; stdout gets three `export INSPERA_...=` lines.

    It keeps running, so `eval "$(inspera sandbox)"` would wait forever.

    Start it in the background with `--env-file sandbox.env`, then source the file: `. ./sandbox.env`.

    The sandbox has its own client id and a fresh random key: your real credentials are never read or printed.
    """
    current = state(ctx)
    simulator = load_simulator()(
        port=port, token_lifetime=token_lifetime, export_duration=export_duration, url_lifetime=url_lifetime,
        tests=tests, candidates=candidates, seed=seed,
    )
    stop = threading.Event()

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    handled = (signal.SIGINT, signal.SIGTERM)
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = {sig: signal.signal(sig, request_stop) for sig in handled} if in_main_thread else {}
    try:
        with simulator as sim:
            lines = env_lines(sim.base_url, sim.client_id, sim.api_key)
            if env_file is not None:
                write_env_file(env_file, lines)
            current.output.line(lines)
            current.output.note(f"sandbox on {sim.base_url}; tests {', '.join(map(str, sim.test_ids))}; "
                                "Ctrl-C stops it")
            while not stop.wait(0.2):
                pass
            current.output.note("stopping the sandbox")
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

"""Shared plumbing for the benchmarks: a server in its own process and measured child processes.

Scripts never import the facade themselves: facade code runs in child interpreters (as `-c` programs), which also
lets each child report its own peak RSS. The server (the simulator, or the minimal `_loopback.py` server for the
client-overhead benchmarks) runs in a process of its own, so it never competes with the measured client for a GIL.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_SANDBOX = """
import json, sys
from inspera.testing import InsperaSimulator
with InsperaSimulator(**json.loads(sys.argv[1])) as sim:
    print(json.dumps({"base_url": sim.base_url, "client_id": sim.client_id, "api_key": sim.api_key,
                      "test_ids": sim.test_ids}), flush=True)
    sys.stdin.read()
"""

# Prepended to every child program: reads the server config and defines `report()`.
_CHILD_BASE = """
import json, resource, sys, time
cfg = json.loads(sys.argv[1])

def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB

def report(**values):
    values["peak_rss_mb"] = round(peak_rss_mb(), 1)
    print(json.dumps(values), flush=True)
"""

# ... and, by default, a blocking facade client against the server.
CHILD_PRELUDE = (
    _CHILD_BASE
    + """
from inspera import Inspera
client = Inspera(client_id=cfg["client_id"], api_key=cfg["api_key"], base_url=cfg["base_url"])
"""
)

_LOOPBACK = Path(__file__).with_name("_loopback.py")

MIB = 1024 * 1024


@contextmanager
def sandbox(**options: Any) -> Iterator[dict[str, Any]]:
    """Run the simulator in a child process for the duration of the block; yields its connection details."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _SANDBOX, json.dumps(options)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    with _serving(proc) as details:
        yield details


@contextmanager
def loopback(
    *,
    token_lifetime: float = 3600.0,
    export_file: Path | None = None,
    limit: int | None = None,
    latency: float = 0.0,
) -> Iterator[dict[str, Any]]:
    """Run the minimal `_loopback.py` server in a child process for the duration of the block.

    With `export_file`, the server also hands out that file as a finished submissions export; with `limit` and
    `latency` it enforces a concurrency limit behind a fixed latency (see `_loopback.py`).
    """
    command = [sys.executable, str(_LOOPBACK), "--token-lifetime", str(token_lifetime)]
    if export_file is not None:
        command += ["--export-file", str(export_file)]
    if limit is not None:
        command += ["--limit", str(limit)]
    if latency:
        command += ["--latency", str(latency)]
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    with _serving(proc) as details:
        yield {**details, "client_id": "bench", "api_key": "bench-key", "test_ids": [details["test_id"]]}


_WRITE_EXPORT = """
job = client.exports.submissions(cfg["test_ids"][0])
job.wait(timeout=600)
job.download(cfg["target"])
report(bytes=__import__("os").path.getsize(cfg["target"]))
"""


def simulator_export(size: int, target: Path) -> Path:
    """Have the simulator generate a submissions export of about `size` bytes and save it as `target`.

    The export benchmarks then serve this file from `loopback(export_file=...)`: the simulator generates large
    exports while it streams them, more slowly than a client consumes them, which would hide the client's cost.
    """
    with sandbox(export_bytes=size, export_duration=0.0) as config:
        run_child(_WRITE_EXPORT, {**config, "target": str(target)})
    return target


@contextmanager
def _serving(proc: subprocess.Popen[str]) -> Iterator[dict[str, Any]]:
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError("the server process exited before reporting its address")
        yield dict(json.loads(line))
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run_child(
    program: str, config: dict[str, Any], timeout: float = 900, *, with_client: bool = True
) -> dict[str, Any]:
    """Run CHILD_PRELUDE + program in a fresh interpreter; returns the JSON it reported last.

    `with_client=False` leaves out the blocking `client`, for programs that build their own (e.g. `AsyncInspera`).
    """
    done = subprocess.run(
        child_command(program, config, with_client=with_client),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def child_command(program: str, config: dict[str, Any], *, with_client: bool = True) -> list[str]:
    """The command line `run_child` uses, for benchmarks that start several children at once."""
    prelude = CHILD_PRELUDE if with_client else _CHILD_BASE
    return [sys.executable, "-c", prelude + program, json.dumps(config)]


def parse_size(text: str) -> int:
    """'1G', '256M', '64k' or plain bytes."""
    units = {"k": 1024, "m": MIB, "g": 1024 * MIB}
    text = text.strip().lower().removesuffix("b").removesuffix("i")
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)

"""Shared plumbing for the export benchmarks: a simulator in its own process and measured child processes.

Scripts never import the facade themselves: facade code runs in child interpreters (as `-c` programs), which also
lets each child report its own peak RSS.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_SANDBOX = """
import json, sys
from inspera.testing import InsperaSimulator
with InsperaSimulator(**json.loads(sys.argv[1])) as sim:
    print(json.dumps({"base_url": sim.base_url, "client_id": sim.client_id, "api_key": sim.api_key,
                      "test_ids": sim.test_ids}), flush=True)
    sys.stdin.read()
"""

# Prepended to every child program: reads the sandbox config and builds a facade client against it.
CHILD_PRELUDE = """
import json, resource, sys, time
cfg = json.loads(sys.argv[1])
from inspera import Inspera
client = Inspera(client_id=cfg["client_id"], api_key=cfg["api_key"], base_url=cfg["base_url"])

def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB

def report(**values):
    values["peak_rss_mb"] = round(peak_rss_mb(), 1)
    print(json.dumps(values), flush=True)
"""

MIB = 1024 * 1024


@contextmanager
def sandbox(**options: Any) -> Iterator[dict[str, Any]]:
    """Run the simulator in a child process for the duration of the block; yields its connection details."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _SANDBOX, json.dumps(options)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError("the simulator process exited before reporting its address")
        yield dict(json.loads(line))
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run_child(program: str, config: dict[str, Any], timeout: float = 900) -> dict[str, Any]:
    """Run CHILD_PRELUDE + program in a fresh interpreter; returns the JSON it reported last."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD_PRELUDE + program, json.dumps(config)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def parse_size(text: str) -> int:
    """'1G', '256M', '64k' or plain bytes."""
    units = {"k": 1024, "m": MIB, "g": 1024 * MIB}
    text = text.strip().lower().removesuffix("b").removesuffix("i")
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)

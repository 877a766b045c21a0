"""Bounded memory and disk against decompression bombs, endless bodies and deep nesting, proven under a hard cap.

The client runs in a child interpreter whose address space is capped (`RLIMIT_AS`) at what it uses after start-up
plus HEADROOM: an unbounded read would end in MemoryError there (the control case shows it does), so every case
that ends in its typed error instead proves the limit held before memory grew. The hostile server runs in this
process, outside the cap. Each case runs with `Inspera` and `AsyncInspera`; downloads must leave no file behind.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.hardening.hostile import HostileServer, Request, Wire, gzip_bomb

pytestmark = pytest.mark.timeout(120)

HEADROOM = 384 << 20

# case: (route pattern, action, client options, call options, the error both clients must end in)
CASES: dict[str, tuple[str, str, dict[str, object], dict[str, object], str]] = {
    "an API answer that is a 256 MiB gzip bomb": (
        "/api/v1/test/101", "call", {}, {}, "ResponseTooLargeError"),
    "an endless API answer": ("/api/v1/test/102", "call", {}, {}, "ResponseTooLargeError"),
    "an endless error answer": ("/api/v1/test/103", "call", {}, {}, "ResponseTooLargeError"),
    "a 256 MiB gzip bomb as export file": ("/signed/bomb", "download", {}, {}, "ExportDownloadError"),
    "an endless export file over max_bytes": (
        "/signed/endless", "download", {}, {"max_bytes": 8 << 20}, "ExportDownloadError"),
    "an export file nested 60,000 deep": ("/signed/deep", "iter", {}, {}, "ExportFormatError"),
    "a candidate record that never ends": ("/signed/record", "iter", {}, {}, "ExportFormatError"),
    "json() of a string that never ends": ("/signed/string", "json", {}, {}, "ExportDownloadError"),
    "json() of a file nested 60,000 deep": ("/signed/deep", "json", {}, {}, "ExportFormatError"),
    # The control: without the cap on answers, the same bomb exhausts the capped address space.
    "control: the bomb with max_response_bytes=None": (
        "/api/v1/test/101", "call", {"max_response_bytes": None}, {}, "MemoryError"),
}

CHILD = r"""
import asyncio, json, os, resource, sys, tempfile
from pathlib import Path

cfg = json.loads(sys.argv[1])
from inspera import AsyncInspera, Inspera
from inspera.errors import InsperaError
import inspera.exports

def vsz():
    return int(open("/proc/self/statm").read().split()[0]) * os.sysconf("SC_PAGE_SIZE")

scratch = Path(tempfile.mkdtemp())

def make(mode, options):
    kind = Inspera if mode == "sync" else AsyncInspera
    return kind(cfg["client_id"], cfg["api_key"], base_url=cfg["base_url"], max_retries=0, **options)

def steps(client, case):
    action, test_id, kwargs = case["action"], case["test_id"], case["kwargs"]
    if action == "call":
        yield client.tests.get(test_id)
        return
    job = yield client.exports.submissions(test_id)
    if action == "download":
        yield job.download(scratch / f"{test_id}.json", **kwargs)
    elif action == "json":
        yield job.json(**kwargs)
    elif action == "iter":
        yield ("iter", job.iter_candidates(**kwargs))

def drive_sync(client, case):
    gen, value = steps(client, case), None
    while True:
        try:
            step = gen.send(value)
        except StopIteration:
            return
        value = list(step[1]) if isinstance(step, tuple) else step

async def drive_async(client, case):
    gen, value = steps(client, case), None
    while True:
        try:
            step = gen.send(value)
        except StopIteration:
            return
        value = [r async for r in step[1]] if isinstance(step, tuple) else await step

def outcome(run):
    try:
        run()
        return "no error"
    except MemoryError:
        return "MemoryError"
    except InsperaError as error:
        return type(error).__name__
    except BaseException as error:
        return f"untyped {type(error).__name__}: {error}"[:300]

with make("sync", {}) as warm:          # imports, connections and the parser loaded before the cap
    warm.tests.get(1)
async def awarm():
    async with make("async", {}) as client:
        await client.tests.get(1)
asyncio.run(awarm())
soft, hard = resource.getrlimit(resource.RLIMIT_AS)
resource.setrlimit(resource.RLIMIT_AS, (vsz() + cfg["headroom"], hard))

results = {}
for name, case in cfg["cases"].items():
    got = {}
    with make("sync", case["options"]) as client:
        got["sync"] = outcome(lambda: drive_sync(client, case))
    async def one():
        async with make("async", case["options"]) as client:
            await drive_async(client, case)
    got["async"] = outcome(lambda: asyncio.run(one()))
    got["files"] = sorted(p.name for p in scratch.iterdir())
    results[name] = got
print(json.dumps(results))
"""


def _arm(server: HostileServer) -> dict[str, dict[str, object]]:
    """Routes for every case, each on its own path; returns the cases as the child needs them."""
    bomb = gzip_bomb(256 << 20)  # decoded, twice its size (the pieces, then joined) exceeds HEADROOM

    def endless_string(prefix: bytes) -> Callable[[Request, Wire], None]:
        return lambda _request, wire: wire.chunked(200, _forever(prefix))

    server.route("GET", r"^/api/v1/test/101$",
                 lambda _r, w: w.answer(200, bomb, {"Content-Encoding": "gzip"}))
    server.route("GET", r"^/api/v1/test/102$", endless_string(b'{"title": "'))
    server.route("GET", r"^/api/v1/test/103$",
                 lambda _r, w: w.chunked(500, _forever(b'{"description": "')))
    server.route("GET", r"^/signed/bomb$", lambda _r, w: w.answer(200, bomb, {"Content-Encoding": "gzip"}))
    server.route("GET", r"^/signed/endless$", lambda _r, w: w.chunked(200, _forever(b"[")))
    server.route("GET", r"^/signed/deep$", lambda _r, w: w.answer(200, b'{"ext_inspera_candidates": ['
                                                                   + b"[" * 60_000))
    server.route("GET", r"^/signed/record$",
                 endless_string(b'{"ext_inspera_candidates": [{"answer": "'))
    server.route("GET", r"^/signed/string$", endless_string(b'["'))
    cases: dict[str, dict[str, object]] = {}
    for serial, (name, (path, action, options, kwargs, _expected)) in enumerate(CASES.items()):
        test_id = int(path.rsplit("/", 1)[1]) if path.startswith("/api/") else 200 + serial
        if path.startswith("/signed/"):
            server.route("GET", rf"^/api/v1/test/{test_id}/submissions/[^/]+$",
                         server.finished(f"{server.origin}{path}?X-Amz-Signature=s"))
        cases[name] = {"action": action, "test_id": test_id, "options": options, "kwargs": kwargs}
    return cases


def _forever(prefix: bytes) -> Iterator[bytes]:
    yield prefix
    piece = b"x" * 65536
    while True:
        yield piece


@pytest.mark.slow
def test_limits_hold_memory_and_disk_under_a_capped_address_space(server: HostileServer, tmp_path: Path) -> None:
    cases = _arm(server)
    config = {
        "client_id": server.client_id, "api_key": server.api_key, "base_url": server.base_url,
        "headroom": HEADROOM, "cases": cases,
    }
    env = {**os.environ, "MALLOC_ARENA_MAX": "2", "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(config)], capture_output=True, text=True, timeout=100, env=env,
        cwd=tmp_path, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout.strip().splitlines()[-1])
    for name, (_path, _action, _options, _kwargs, expected) in CASES.items():
        got = results[name]
        assert got["sync"] == expected and got["async"] == expected, (name, got)
        assert got["files"] == [], (name, got)

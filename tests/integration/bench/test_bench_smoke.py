"""The client benchmarks and `run_all.py` run end to end at tiny sizes (figures are printed, never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

BENCH = Path(__file__).resolve().parents[3] / "scripts" / "bench"
FIELDS = {"benchmark", "figure", "target", "met", "details"}


def run(script: str, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BENCH / script), *args], capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
@pytest.mark.parametrize(
    "script",
    ["call_overhead.py", "expiry_burst.py", "import_time.py", "regeneration.py", "concurrency_limit.py",
     "simulator_roundtrip.py"],
)
def test_quick_run_reports_one_well_formed_result(script: str) -> None:
    done = run(script, "--quick", "--json")
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(result) == FIELDS
    assert isinstance(result["met"], bool) and result["figure"] and result["target"] and result["details"]


@pytest.mark.slow
def test_expiry_burst_reports_the_exchanges_of_every_burst() -> None:
    done = run("expiry_burst.py", "--quick", "--json")
    assert done.returncode == 0, done.stderr[-3000:]
    details = json.loads(done.stdout.strip().splitlines()[-1])["details"]
    # One count per timed and per revoked burst, whatever the counts are.
    assert len(details["exchanges_per_burst"].split(",")) == details["rounds"]
    assert details["revoked_exchanges_per_burst"].split(",")[0].isdigit()


@pytest.mark.slow
def test_run_all_prints_a_table_and_the_machine_and_does_not_judge_a_quick_run() -> None:
    done = run("run_all.py", "--quick", "--only", "overhead", "import", "--markdown", timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert lines[0] == "| Benchmark | Target | Figure | Met |"
    rows = [line for line in lines[2:] if line.startswith("| ")]
    assert [row.split(" | ")[0] for row in rows] == ["| facade call overhead", "| import time"]
    assert all(row.endswith("| not judged (quick) |") for row in rows)
    assert lines[-1].startswith("cpu: ") and "python: " in lines[-1]


@pytest.mark.slow
def test_concurrency_limit_reports_every_scenario() -> None:
    done = run("concurrency_limit.py", "--quick", "--json")
    assert done.returncode == 0, done.stderr[-3000:]
    details = json.loads(done.stdout.strip().splitlines()[-1])["details"]
    for scenario in "abcde":
        assert {f"{scenario}_{name}" for name in ("peak", "refused", "lost", "exchanges", "throughput")} <= set(details)
    assert details["d_exchanges"] == 1 and details["a_lost"] == 0


@pytest.fixture
def loopback(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    extra = getattr(request, "param", [])
    proc = subprocess.Popen(
        [sys.executable, str(BENCH / "_loopback.py"), "--token-lifetime", "30", *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdin is not None
    try:
        yield json.loads(proc.stdout.readline())
    finally:
        proc.stdin.close()
        proc.wait(timeout=10)


def test_loopback_server_counts_exchanges_and_refuses_revoked_tokens(loopback: dict[str, str]) -> None:
    base, origin = loopback["base_url"], loopback["origin"]
    with httpx.Client() as http:
        answer = http.post(f"{base}/authenticate/token/", params={"grant_type": "authorization_code"})
        token = answer.json()["access_token"]
        assert answer.json()["expires_in"] == 30
        bearer = {"Authorization": f"Bearer {token}"}
        assert http.get(f"{base}/v1/test/{loopback['test_id']}", headers=bearer).json()["assessmentRunId"] == int(
            loopback["test_id"]
        )
        assert http.get(f"{base}/v1/test/1", headers={"Authorization": "Bearer nope"}).status_code == 401
        http.post(f"{origin}/_bench/expire")
        assert http.get(f"{base}/v1/test/1", headers=bearer).status_code == 401
        stats = http.get(f"{origin}/_bench/stats").json()
        assert (stats["exchanges"], stats["unauthorized"]) == (1, 2)


@pytest.mark.parametrize("loopback", [["--limit", "3", "--latency", "0.3"]], indirect=True)
def test_loopback_server_enforces_its_limit_and_counts_held_slots(loopback: dict[str, str]) -> None:
    import asyncio

    base, origin = loopback["base_url"], loopback["origin"]

    async def burst(count: int) -> list[int]:
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=count)) as http:
            answers = await asyncio.gather(*(http.get(f"{base}/v1/test/1") for _ in range(count)))
        return sorted(a.status_code for a in answers)

    assert asyncio.run(burst(5)) == [401, 401, 401, 429, 429]  # 3 admitted (and unauthorised), 2 refused
    with httpx.Client() as http:
        http.post(f"{origin}/_bench/hold?slots=2")
        assert asyncio.run(burst(2)) == [401, 429]
        stats = http.get(f"{origin}/_bench/stats").json()
        assert (stats["peak"], stats["refused"], stats["held"]) == (3, 3, 2)
        http.post(f"{origin}/_bench/reset")
        assert http.get(f"{origin}/_bench/stats").json()["refused"] == 0

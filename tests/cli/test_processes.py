"""The CLI as users start it: `inspera demo` end to end and `inspera sandbox` until SIGINT/SIGTERM."""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys

import httpx
import pytest

from .conftest import ENV_VARS, Runner


def _child_env() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name not in ENV_VARS}


def test_demo_runs_end_to_end_as_a_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "inspera.cli", "demo", "--candidates", "5", "--export-duration", "0.5"],
        capture_output=True, text=True, timeout=120, env=_child_env(), check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Results of test" in result.stdout
    rows = [line for line in result.stdout.splitlines() if re.match(r"│ 100\d ", line)]
    assert len(rows) == 5
    assert all(re.search(r"│ +\d+(\.\d+)? │ [A-F] +│ (yes|no) ", row) for row in rows), rows  # score, grade, attended
    assert "5 candidates; mean score" in result.stdout
    steps = [line[:2] for line in result.stderr.splitlines() if re.match(r"\d\. ", line)]
    assert steps == ["1.", "2.", "3.", "4.", "5."]


def test_demo_json_has_real_values(cli: Runner) -> None:
    result = cli("--json", "demo", "--candidates", "4", "--export-duration", "0.2")
    assert result.code == 0, result.err
    report = result.json()
    assert report["test"]["max_score"] > 0 and report["bytes"] > 0
    candidates = report["candidates"]
    assert [c["candidate"] for c in candidates] == ["1001", "1002", "1003", "1004"]
    for candidate in candidates:
        assert isinstance(candidate["user_id"], int) and candidate["grade"] in "ABCDEF"
        assert 0 <= candidate["score"] <= report["test"]["max_score"] and candidate["minutes"] > 0


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_sandbox_serves_until_signalled(stop: signal.Signals) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "inspera.cli", "sandbox", "--candidates", "2", "--export-duration", "0.5"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_child_env(),
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(3)]
        settings = dict(shlex.split(line)[1].split("=", 1) for line in lines)  # `export NAME=value`, as eval sees it
        assert set(settings) == {"INSPERA_BASE_URL", "INSPERA_CLIENT_ID", "INSPERA_API_KEY"}
        answer = httpx.post(
            f"{settings['INSPERA_BASE_URL']}/authenticate/token/",
            params={"grant_type": "authorization_code", "client_id": settings["INSPERA_CLIENT_ID"]},
            headers={"code": settings["INSPERA_API_KEY"]},
        )
        assert answer.status_code == 200 and answer.json()["access_token"]
        process.send_signal(stop)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "stopping the sandbox" in err and "Traceback" not in err

"""The export benchmarks run end to end at a small size (figures are printed, never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "scripts" / "bench"


@pytest.mark.slow
@pytest.mark.parametrize("script", ["download.py", "iter_candidates.py", "wait_latency.py"])
def test_benchmark_quick_run_reports_a_result(script: str) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), "--quick", "--json"], capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(result) == {"benchmark", "figure", "target", "met", "details"}
    assert isinstance(result["met"], bool) and result["details"]

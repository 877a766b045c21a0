"""The large-document regeneration benchmark runs end to end at a tiny size (its figure is printed, not judged)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pipeline.layout import REPO_ROOT


@pytest.mark.slow
def test_the_scale_benchmark_reports_seconds_per_100_operations() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "scripts" / "bench" / "regeneration_scale.py"),
            "--operations",
            "10",
            "--runs",
            "1",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(result) == {"benchmark", "figure", "target", "met", "details"}
    assert result["details"]["operations"] == 10
    assert result["details"]["seconds_per_100_operations"] > 0
    assert "generate+format+import" in result["details"]["stages_s"]

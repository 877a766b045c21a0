"""The budget-timeline plot runs end to end at a small size and draws what the server saw (no figure is judged)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "bench" / "budget_timeline.py"


@pytest.mark.slow
def test_a_small_run_writes_the_svg_and_reports_both_runs(tmp_path: Path) -> None:
    output = tmp_path / "timeline.svg"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--calls", "40", "--latency", "0.05", "--output", str(output), "--json"],
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert [(run["calls"], run["held"]) for run in report["runs"]] == [(40, 0), (20, 5)]
    for run in report["runs"]:
        assert 0 < run["peak"] <= 10 and run["seconds"] > 0 and run["throughput"] > 0
    assert report["runs"][0]["refused"] == 0  # the whole limit free: the budget never oversteps it
    svg = output.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg and "Inspera's limit (10)" in svg


def test_the_committed_picture_is_the_one_the_performance_page_shows() -> None:
    page = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    assert "](images/budget_timeline.svg)" in page
    assert "<svg" in (ROOT / "docs" / "images" / "budget_timeline.svg").read_text(encoding="utf-8")


def test_bad_arguments_are_refused_before_anything_runs(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--calls", "1", "--output", str(tmp_path / "x.svg")],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and "--calls" in done.stderr and not (tmp_path / "x.svg").exists()

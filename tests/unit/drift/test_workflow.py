"""The copyable CI workflow parses, and every script call in it is one our scripts accept."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import yaml
from pipeline.layout import REPO_ROOT

from tests.support.scripts import load_script

WORKFLOW = REPO_ROOT / "scripts" / "ci" / "inspera-api-drift.yml"


def _steps() -> list[dict[str, Any]]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert data[True]["schedule"] and "workflow_dispatch" in data[True]  # YAML 1.1 reads `on` as True
    steps: list[dict[str, Any]] = data["jobs"]["drift"]["steps"]
    return steps


def _script_calls(name: str) -> list[list[str]]:
    calls = []
    for step in _steps():
        script = re.sub(r"\\\n\s*", " ", str(step.get("run", "")))  # join continued lines
        for match in re.finditer(rf"scripts/{name}\.py([^|;&\n]*)", script):
            calls.append(
                shlex.split(
                    match.group(1)
                    .replace('"$INSPERA_APIDOC_URL"', "https://x/")
                    .replace('"$DRIFT_FAIL_ON"', "breaking")
                )
            )
    return calls


def test_drift_invocation_is_valid_and_writes_the_markdown_report() -> None:
    drift = load_script("drift", "drift_script_for_workflow")
    calls = _script_calls("drift")
    assert len(calls) == 1
    args = drift._arguments(calls[0])
    assert args.pull == "https://x/" and args.format == "github"
    assert [fmt for fmt, _ in drift._extra_reports(args.report)] == ["markdown", "json"]


def test_workflow_runs_the_regeneration_and_coverage_checks_and_uploads_the_report() -> None:
    assert ["--check"] in _script_calls("regenerate")
    assert ["--pull", "https://x/", "--check"] in _script_calls("regenerate")
    assert ["--check"] in _script_calls("coverage")
    uploads = [s for s in _steps() if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert uploads and "drift.md" in uploads[0]["with"]["path"]
    for name in ("drift", "regenerate", "coverage"):
        assert Path(REPO_ROOT / "scripts" / f"{name}.py").is_file()

"""The manual's export example runs as written against the simulator, and produces what its comments say."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from inspera.testing import InsperaSimulator

from tests.support.readme import python_block


def test_readme_export_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = python_block("exports")
    monkeypatch.chdir(tmp_path)
    with InsperaSimulator(export_duration=0.2) as sim:  # the default seed has the ids the example uses
        monkeypatch.setenv("INSPERA_CLIENT_ID", sim.client_id)
        monkeypatch.setenv("INSPERA_API_KEY", sim.api_key)
        monkeypatch.setenv("INSPERA_BASE_URL", sim.base_url)
        namespace: dict[str, Any] = {"__name__": "__main__"}
        exec(compile(code, "docs/exports.md (exports example)", "exec"), namespace)
        test_id, user_id = namespace["test_id"], namespace["user_id"]
        assert user_id in sim.user_ids(test_id)
        orders = {r.path: r.query for r in sim.stats.requests if r.method in ("GET", "POST")}
    assert orders[f"/api/v1/test/{test_id}/submissions"] == "expiryPeriod=7200"
    assert namespace["path"] == Path(os.getcwd(), "submissions.json")
    assert type(namespace["results"]).__name__ == "CandidateResults"
    assert namespace["results"].assessment_run_id == test_id
    assert namespace["pdf"].read_bytes().startswith(b"%PDF-")
    assert {"admins"} == set(namespace["users"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.pdf", "submissions.json"]

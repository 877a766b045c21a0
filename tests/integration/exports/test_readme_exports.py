"""The README's export example runs as written against the simulator, and produces what its comments say."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from inspera import Inspera
from inspera.testing import InsperaSimulator

from tests.support.readme import python_block


def test_readme_export_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = python_block("exports")
    monkeypatch.chdir(tmp_path)
    with InsperaSimulator(export_duration=0.2, candidates=3, tests=1, seed=5) as sim, \
            Inspera(sim.client_id, sim.api_key, base_url=sim.base_url) as client:
        test_id = sim.test_ids[0]
        namespace: dict[str, Any] = {"client": client, "test_id": test_id, "user_id": sim.user_ids(test_id)[0]}
        exec(compile(code, "README.md (exports example)", "exec"), namespace)
        orders = {r.path: r.query for r in sim.stats.requests if r.method in ("GET", "POST")}
    assert orders[f"/api/v1/test/{test_id}/submissions"] == "expiryPeriod=7200"
    assert namespace["path"] == Path(os.getcwd(), "submissions.json")
    assert type(namespace["results"]).__name__ == "CandidateResults"
    assert namespace["results"].assessment_run_id == test_id
    assert namespace["pdf"].read_bytes().startswith(b"%PDF-")
    assert {"admins"} == set(namespace["users"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.pdf", "submissions.json"]

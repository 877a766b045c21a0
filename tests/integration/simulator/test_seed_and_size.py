"""Deterministic seed data, exports padded to a target size and streamed, and the server's lifecycle."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import httpx
import pytest
from inspera.testing import InsperaSimulator

from tests.contract.conftest import exchange


def _download(sim: InsperaSimulator, kind: str = "submissions") -> httpx.Response:
    headers = {"Authorization": f"Bearer {exchange(sim)}"}
    with httpx.Client(base_url=sim.base_url, headers=headers, timeout=30) as api:
        test_id = sim.test_ids[0]
        job = api.get(f"/v1/test/{test_id}/{kind}").json()["jobId"]
        deadline = time.monotonic() + 10
        while (status := api.get(f"/v1/test/{test_id}/{kind}/{job}").json())["status"] == "running":
            assert time.monotonic() < deadline
            time.sleep(0.05)
    return httpx.get(status["exportInfo"]["signedResponseUrl"], timeout=60)


def test_same_seed_same_data_and_another_seed_other_data() -> None:
    with InsperaSimulator(seed=42, export_duration=0) as first, InsperaSimulator(seed=42, export_duration=0) as again:
        assert first.test_ids == again.test_ids
        assert first.user_ids(first.test_ids[0]) == again.user_ids(again.test_ids[0])
        assert _download(first).content == _download(again).content
    with InsperaSimulator(seed=43, export_duration=0) as other:
        assert other.test_ids != first.test_ids


def test_seed_data_is_realistic() -> None:
    with InsperaSimulator(seed=1, export_duration=0, candidates=6, tests=3) as sim:
        assert len(sim.test_ids) == 3 and all(len(sim.user_ids(t)) == 6 for t in sim.test_ids)
        document = _download(sim).json()
        results = [c["result"] for c in document["ext_inspera_candidates"]]
        questions = results[0]["ext_inspera_questions"]
        kinds = {q["ext_inspera_question_type"] for q in questions}
        assert "essay" in kinds and len(kinds) >= 3
        for result in results:
            assert result["ext_inspera_finalGrade"] in "ABCDEF"
            assert 0 <= result["ext_inspera_totalScore"] <= document["ext_inspera_maxTotalScore"]
        events = _download(sim, "events").json()["candidates"]
        assert {e["event"] for c in events for e in c["events"]} >= {"candidate_started", "candidate_submitted"}


@pytest.mark.slow
def test_exports_grow_to_export_bytes_and_stream_with_a_known_length() -> None:
    target = 24 * 1024 * 1024
    with InsperaSimulator(seed=2, export_duration=0, candidates=2, tests=1, export_bytes=target) as sim:
        with httpx.stream("GET", _download_url(sim), timeout=60) as response:
            promised = int(response.headers["content-length"])
            chunks = [len(chunk) for chunk in response.iter_raw()]
        assert target <= promised < target + 64 * 1024 and sum(chunks) == promised
        assert len(chunks) > 1  # streamed, not sent as one buffer
        document = _download(sim).json()
        assert len(document["ext_inspera_candidates"]) > 100
        assert document["ext_inspera_candidates"][-1]["result"]["ext_inspera_questions"]


def _download_url(sim: InsperaSimulator) -> str:
    headers = {"Authorization": f"Bearer {exchange(sim)}"}
    test_id = sim.test_ids[0]
    with httpx.Client(base_url=sim.base_url, headers=headers) as api:
        job = api.get(f"/v1/test/{test_id}/submissions").json()["jobId"]
        url: str = api.get(f"/v1/test/{test_id}/submissions/{job}").json()["exportInfo"]["signedResponseUrl"]
    return url


def test_the_server_stops_cleanly_and_frees_its_port() -> None:
    sim = InsperaSimulator(tests=1, candidates=1)
    with sim:
        base_url = sim.base_url
        assert httpx.get(f"{base_url}/v1/subscription").status_code == 401
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base_url}/v1/subscription")
    with InsperaSimulator(port=sim.port, tests=0) as reused:
        assert reused.base_url == base_url


def test_created_tests_join_test_ids(sim: InsperaSimulator, api: httpx.Client) -> None:
    created = api.post("/v1/test", json={"externalTestId": "NEW-1", "title": "New"}).json()["assessmentRunId"]
    assert sim.test_ids[-1] == created and sim.user_ids(created) == []
    assert json.loads(api.get(f"/v1/test/{created}").content)["status"] == "created"


def test_importing_inspera_does_not_load_the_server_stack() -> None:
    code = ("import sys, inspera, inspera.testing; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn')))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"

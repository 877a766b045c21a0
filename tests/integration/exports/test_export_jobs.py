"""Every export kind, sync and async, against the simulator on a real port: the happy path and each failure mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from inspera.exports import DownloadTargetError, ExportFailed, ExportState, ExportTimeout
from inspera.testing import InsperaSimulator

from tests.integration.exports.harness import KINDS, Harness, Kind

pytestmark = pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)


def signed_fetches(sim: InsperaSimulator) -> list[Any]:
    return [r for r in sim.stats.requests if r.path.startswith("/signed/")]


def no_partials(directory: Path) -> bool:
    return not any(p.name.endswith(".part") for p in directory.iterdir())


def check_file(kind: Kind, sim: InsperaSimulator, path: Path) -> None:
    document = json.loads(path.read_bytes())
    records = document[kind.candidates_key]
    expected = 1 if kind.single else len(sim.user_ids(sim.test_ids[0]))
    assert len(records) == expected


def test_happy_path(harness: Harness, kind: Kind, tmp_path: Path) -> None:
    sim = harness.sim
    job = harness.order(kind)
    assert job.kind == kind.name
    events: list[Any] = []
    status = harness.run(job.wait(timeout=30, on_progress=lambda s: events.append((s, len(harness.slept)))))
    assert status.state is ExportState.SUCCEEDED and status.progress == 100
    assert events[0][1] == 0  # the first status check comes before any sleep
    assert [s.progress for s, _ in events] == sorted(s.progress for s, _ in events)
    path = harness.run(job.download(tmp_path / "export.json"))
    check_file(kind, sim, path)
    assert no_partials(tmp_path)
    fetches = signed_fetches(sim)
    assert fetches and all("authorization" not in {k.lower() for k in r.headers} for r in fetches)
    records = harness.records(job, prefix=kind.prefix) if kind.prefix else harness.records(job)
    assert records == json.loads(path.read_bytes())[kind.candidates_key]
    assert harness.run(job.json()) == json.loads(path.read_bytes())


def test_token_expiry_mid_poll(flavour: str, kind: Kind, tmp_path: Path) -> None:
    # A simulator of its own, with jobs slow enough that the first reading is always of a running job.
    with InsperaSimulator(export_duration=1.0, candidates=4) as sim:
        harness = Harness(flavour, sim)
        try:
            job = harness.order(kind)
            readings: list[Any] = []

            def expire_after_first_reading(status: Any) -> None:
                readings.append(status)
                if len(readings) == 1:
                    sim.expire_tokens()

            status = harness.run(job.wait(timeout=30, on_progress=expire_after_first_reading))
            assert status.state is ExportState.SUCCEEDED
            # The expiry fell between two polls of a running job ...
            assert readings[0].state is ExportState.RUNNING and len(readings) > 1
            refused = [r for r in sim.stats.requests if r.status == 401]
            assert refused and all(job.job_id in r.path for r in refused)
            path = harness.run(job.download(tmp_path / "export.json"))
            check_file(kind, sim, path)
            # ... and cost exactly one more exchange than the order's: the refused poll was replayed with a new token.
            assert sim.stats.token_exchanges == 2
        finally:
            harness.close()


def test_job_failure(harness: Harness, kind: Kind, tmp_path: Path) -> None:
    harness.sim.faults.fail_export()
    job = harness.order(kind)
    with pytest.raises(ExportFailed) as caught:
        harness.run(job.download(tmp_path / "export.json", timeout=30))
    assert caught.value.job_id == job.job_id and caught.value.status.vendor_state == "failed"
    assert list(tmp_path.iterdir()) == []


def test_expired_url_then_fresh_one(harness: Harness, kind: Kind, tmp_path: Path) -> None:
    sim = harness.sim
    job = harness.order(kind)
    harness.run(job.wait(timeout=30))
    sim.faults.expire_signed_urls()
    fetched_before = len(signed_fetches(sim))
    path = harness.run(job.download(tmp_path / "export.json"))
    check_file(kind, sim, path)
    codes = [r.status for r in signed_fetches(sim)[fetched_before:]]
    assert codes == [403, 200]


def test_truncated_download_retries_into_a_clean_file(harness: Harness, kind: Kind, tmp_path: Path) -> None:
    sim = harness.sim
    job = harness.order(kind)
    harness.run(job.wait(timeout=30))
    sim.faults.truncate_download()
    fetched_before = len(signed_fetches(sim))
    path = harness.run(job.download(tmp_path / "export.json"))
    check_file(kind, sim, path)
    assert len(signed_fetches(sim)) - fetched_before == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]


def test_existing_file_or_unwritable_path(harness: Harness, kind: Kind, tmp_path: Path) -> None:
    sim = harness.sim
    job = harness.order(kind)
    existing = tmp_path / "export.json"
    existing.write_text("keep me")
    requests_before = len(sim.stats.requests)
    with pytest.raises(DownloadTargetError):
        harness.run(job.download(existing))
    (tmp_path / "plainfile").write_text("")
    with pytest.raises(DownloadTargetError):
        harness.run(job.download(tmp_path / "plainfile" / "export.json"))
    assert len(sim.stats.requests) == requests_before  # refused before any network call
    assert existing.read_text() == "keep me"
    check_file(kind, sim, harness.run(job.download(existing, overwrite=True)))


_RESUME = textwrap.dedent(
    """
    import json, sys
    from inspera import Inspera
    cfg = json.loads(sys.argv[1])
    client = Inspera(client_id=cfg["client_id"], api_key=cfg["api_key"], base_url=cfg["base_url"])
    job = client.exports.resume(cfg["token"])
    path = job.download(cfg["path"], timeout=30)
    print(json.dumps({"kind": job.kind, "job_id": job.job_id, "path": str(path)}))
    """
)


def test_deadline_raises_with_a_token_another_process_resumes(harness: Harness, kind: Kind, tmp_path: Path) -> None:
    sim = harness.sim
    job = harness.order(kind)
    with pytest.raises(ExportTimeout) as caught:
        harness.run(job.wait(timeout=0.05))
    token = caught.value.continuation_token
    assert json.loads(token)["job"] == job.job_id
    config = {
        "client_id": sim.client_id,
        "api_key": sim.api_key,
        "base_url": sim.base_url,
        "token": token,
        "path": str(tmp_path / "resumed.json"),
    }
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", _RESUME, json.dumps(config)], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert (report["kind"], report["job_id"]) == (kind.name, job.job_id)
    check_file(kind, sim, Path(report["path"]))
    assert sim.api_key not in done.stdout + done.stderr

"""Signed-URL signatures never reach our log records, reprs or error messages, even on the failure paths."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from inspera.exports import ExportDownloadError, ExportTimeout

from tests.integration.exports.harness import KINDS, Harness


def signature_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["X-Amz-Signature"][0]


def test_failure_paths_keep_signatures_out_of_logs_reprs_and_errors(
    harness: Harness, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="inspera")
    sim = harness.sim
    texts: list[str] = []
    signatures: list[str] = []

    job = harness.order(KINDS[1])
    with pytest.raises(ExportTimeout) as timeout:
        harness.run(job.wait(timeout=0))
    texts += [str(timeout.value), repr(timeout.value)]
    status = harness.run(job.wait(timeout=30))
    signatures.append(signature_of(status.download_url))
    texts += [repr(status), repr(job), str(status)]

    sim.faults.truncate_download()
    sim.faults.expire_signed_urls()
    harness.run(job.download(tmp_path / "ok.json"))
    signatures.append(signature_of(job.last_status.download_url))

    failing = harness.order(KINDS[1])
    harness.run(failing.wait(timeout=30))
    signatures.append(signature_of(failing.last_status.download_url))
    sim.faults.truncate_download(times=50)
    with pytest.raises(ExportDownloadError) as download_error:
        harness.run(failing.download(tmp_path / "bad.json"))
    texts += [str(download_error.value), repr(download_error.value)]

    inspera_logs = [r.getMessage() for r in caplog.records if r.name.startswith("inspera")]
    assert inspera_logs, "expected the retry paths to log something"
    for secret in signatures:
        for text in texts + inspera_logs:
            assert secret not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.json"]

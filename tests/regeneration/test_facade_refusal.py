"""End to end in a copy of the project: a package that breaks the facade never reaches generated/, and a vendor
document without our additions still yields their models."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pipeline.layout import REPO_ROOT, Layout
from pipeline.tree import tree_sha256

SCRIPT = str(REPO_ROOT / "scripts" / "regenerate.py")


def regenerate(layout: Layout, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, SCRIPT, "--root", str(layout.root), *args], capture_output=True, text=True, timeout=600
    )


def _openapi_bytes(layout: Layout) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(layout.openapi_dir.iterdir()) if p.is_file()}


def _breaking_document(tmp_path: Path) -> Path:
    """Our snapshot minus one operation the facade calls, with a model property the facade reads renamed."""
    doc: dict[str, Any] = json.loads((REPO_ROOT / "openapi" / "upstream.json").read_text(encoding="utf-8"))
    del doc["paths"]["/v1/test/{testId}/activate"]  # (an operation whose loss takes no pinned model role with it)
    properties = doc["definitions"]["TestSearchResponse"]["properties"]
    properties["total"] = properties.pop("hits")
    path = tmp_path / "breaking.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("mode", [(), ("--check",)], ids=["write", "check"])
def test_a_package_that_breaks_the_facade_is_refused_and_nothing_is_written(
    project: Layout, tmp_path: Path, mode: tuple[str, ...]
) -> None:
    package_before = tree_sha256(project.generated_package)
    openapi_before = _openapi_bytes(project)
    proc = regenerate(project, "--source", str(_breaking_document(tmp_path)), "--explain", *mode)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert [line.split(": ")[2] for line in errors] == ["client.tests.activate", "client.tests.search"]
    activate, search = errors
    assert "inspera_api.api.tests.activate_test is missing" in activate
    assert 'pin: [operations] "POST /v1/test/{testId}/activate" = { group = "tests", function = "activate_test" }' in (
        activate
    )
    assert "TestSearchResponse.hits is missing (mypy" in search and "[models] TestSearchResponse" in search
    assert proc.stderr.splitlines()[-1] == "nothing was written"
    assert tree_sha256(project.generated_package) == package_before
    assert _openapi_bytes(project) == openapi_before


@pytest.mark.slow
def test_a_vendor_document_without_our_schemas_keeps_their_models(scratch_repo: Layout, tmp_path: Path) -> None:
    upstream = json.loads((REPO_ROOT / "openapi" / "upstream.json").read_text(encoding="utf-8"))
    assert "ResultsExportFile" not in upstream["definitions"]  # the vendor's document never had it
    source = tmp_path / "vendor.json"
    source.write_text(json.dumps(upstream), encoding="utf-8")
    shutil.rmtree(scratch_repo.generated_package)
    proc = regenerate(scratch_repo, "--source", str(source))
    assert proc.returncode == 0, proc.stderr
    models = scratch_repo.generated_package / "models"
    for module, name in [
        ("results_export_file", "ResultsExportFile"),
        ("submissions_export_file", "SubmissionsExportFile"),
        ("test_events_export_file", "TestEventsExportFile"),
        ("candidate_results", "CandidateResults"),
        ("webhook_payload", "WebhookPayload"),
        ("export_candidate", "ExportCandidate"),
    ]:
        assert f"class {name}:" in (models / f"{module}.py").read_text(encoding="utf-8")
    manifest = json.loads(scratch_repo.manifest.read_text(encoding="utf-8"))
    ours = (REPO_ROOT / "openapi" / "additions.json").read_bytes()
    assert manifest["additions"]["sha256"] == hashlib.sha256(ours).hexdigest()
    assert "ResultsExportFile" in manifest["additions"]["added"]
    assert "additions: 24 schema(s) of ours added from openapi/additions.json" in proc.stdout

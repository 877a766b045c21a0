"""The coverage reference: stale detection, facade introspection, deep links and deterministic output."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from endpoints.facade import FacadeMap, FacadeMapError, check_known, introspect
from endpoints.model import Row, rows, totals
from pipeline.layout import REPO_ROOT

from tests.support.scripts import load_script

SCRIPT = REPO_ROOT / "scripts" / "coverage.py"


coverage = load_script("coverage")


def _document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((REPO_ROOT / "openapi" / "openapi.json").read_text(encoding="utf-8"))
    return loaded


@pytest.fixture
def openapi_copy(tmp_path: Path) -> Path:
    target = tmp_path / "openapi"
    shutil.copytree(REPO_ROOT / "openapi", target)
    return target


@pytest.fixture
def fake_facade(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[str, ...]]:
    mapping: dict[str, tuple[str, ...]] = {
        "GET /v1/test/{testId}": ("Inspera.tests.get",),
        "POST /v1/fileExport/order": ("Inspera.exports.order", "AsyncInspera.exports.order"),
    }
    module = types.ModuleType("inspera.operations")
    module.by_operation = lambda: mapping  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "inspera.operations", module)
    return mapping


@pytest.fixture
def no_facade(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "inspera.operations", None)  # makes the import fail as if absent


def test_committed_reference_is_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, cwd=REPO_ROOT, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_reports_each_stale_file_and_writing_fixes_it(openapi_copy: Path, no_facade: None) -> None:
    (openapi_copy / "ENDPOINTS.md").write_text("# hand edited\n", encoding="utf-8")
    (openapi_copy / "facade_operations.json").unlink()
    assert coverage.stale(openapi_copy, coverage.build(openapi_copy, introspect())) == [
        "ENDPOINTS.md",
        "facade_operations.json",
    ]
    assert coverage.main(["--check", "--openapi-dir", str(openapi_copy)]) == 1
    assert (openapi_copy / "ENDPOINTS.md").read_text(encoding="utf-8") == "# hand edited\n"
    assert coverage.main(["--openapi-dir", str(openapi_copy)]) == 0
    assert coverage.main(["--check", "--openapi-dir", str(openapi_copy)]) == 0


def test_a_new_operation_in_the_spec_makes_the_reference_stale(openapi_copy: Path, no_facade: None) -> None:
    doc = _document()
    doc["paths"]["/v1/extra"] = {"get": {"operationId": "get_extra", "tags": ["tests"], "responses": {}}}
    (openapi_copy / "openapi.json").write_text(json.dumps(doc), encoding="utf-8")
    assert coverage.main(["--check", "--openapi-dir", str(openapi_copy)]) == 1


def test_absent_facade_lists_no_methods(no_facade: None) -> None:
    facade = introspect()
    assert not facade.introspected and facade.operations == {}
    listed = rows(_document(), facade)
    assert all(row.facade == () for row in listed)


def test_facade_methods_reach_rows_totals_and_json(openapi_copy: Path, fake_facade: dict[str, Any]) -> None:
    facade = introspect()
    assert facade.introspected
    listed = rows(_document(), facade)
    by_key = {row.key: row for row in listed}
    assert by_key["POST /v1/fileExport/order"].facade == ("AsyncInspera.exports.order", "Inspera.exports.order")
    assert totals(listed).covered == 2
    built = coverage.build(openapi_copy, facade)
    data = json.loads(built["facade_operations.json"])
    assert data["introspected"] is True
    assert data["operations"]["GET /v1/test/{testId}"] == ["Inspera.tests.get"]
    assert data["operations"]["GET /v1/users/{userId}"] == []
    page = built["ENDPOINTS.md"].decode()
    assert "`Inspera.tests.get`" in page
    assert "| Covered by the facade | 2 (6 %) |" in page
    assert "does not publish" not in page


def test_facade_naming_an_unknown_operation_is_an_error(monkeypatch: pytest.MonkeyPatch, openapi_copy: Path) -> None:
    module = types.ModuleType("inspera.operations")
    module.by_operation = lambda: {"GET /v1/nowhere": ("Inspera.nowhere",)}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "inspera.operations", module)
    with pytest.raises(FacadeMapError, match="GET /v1/nowhere"):
        check_known(introspect(), [row.key for row in rows(_document(), FacadeMap(introspected=False))])
    assert coverage.main(["--check", "--openapi-dir", str(openapi_copy)]) == 2


@pytest.mark.parametrize(
    "by_operation",
    [lambda: ["GET /v1/test"], lambda: {"GET /v1/test": "Inspera.tests.create"}, lambda: 1 / 0],
    ids=["not a mapping", "names not a list", "raises"],
)
def test_malformed_facade_maps_are_errors(monkeypatch: pytest.MonkeyPatch, by_operation: Any) -> None:
    module = types.ModuleType("inspera.operations")
    module.by_operation = by_operation  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "inspera.operations", module)
    with pytest.raises(FacadeMapError):
        introspect()


def test_apidoc_links_follow_swagger_ui_fragments() -> None:
    row = Row(
        "webhooks", "GET", "/v1/subscription", "list_subscriptions", (), "listAllSubscriptions", "webhooks (beta)", "x"
    )
    assert row.apidoc_link == "https://ia.inspera.no/apidoc/#/webhooks_(beta)/listAllSubscriptions"
    assert row.python == "inspera_api.api.webhooks.list_subscriptions"
    assert Row("g", "GET", "/x", "f", (), None, "t", "x").apidoc_link is None


def test_output_ignores_document_order(openapi_copy: Path, no_facade: None) -> None:
    first = coverage.build(openapi_copy, introspect())
    doc = _document()
    items = list(doc["paths"].items())
    random.Random(7).shuffle(items)
    doc["paths"] = dict(items)
    (openapi_copy / "openapi.json").write_text(json.dumps(doc), encoding="utf-8")
    assert coverage.build(openapi_copy, introspect()) == first


def test_reference_lists_every_operation_and_the_unmapped_capabilities(no_facade: None) -> None:
    page = (REPO_ROOT / "openapi" / "ENDPOINTS.md").read_text(encoding="utf-8")
    listed = rows(_document(), introspect())
    for row in listed:
        assert f"`{row.python}`" in page
    for capability in ("appeals", "explanations of grades", "PDF or QTI", "administrative users", "Search users",
                       "Archive a test", "Assessment Path", "org units", "QTI content", "resource-download request"):
        assert capability in page
    counts = dict(totals(listed).by_evidence)
    assert f"| All operations | {len(listed)} |" in page
    assert f"| Evidence: confirmed | {counts['confirmed']} |" in page


def test_every_capability_cites_sources_the_document_lists() -> None:
    from endpoints.capabilities import UNMAPPED

    listed = set(_document().get("x-sources") or {})
    for capability in UNMAPPED:
        assert capability.sources and set(capability.sources) <= listed, capability.name


def test_a_spec_without_evidence_still_renders_a_reference(openapi_copy: Path, no_facade: None) -> None:
    """A pulled vendor document has no x-evidence: such operations are listed as `unknown`, after the known levels."""
    doc = _document()
    kept = doc["paths"]["/v1/test/{testId}"]["get"]["x-evidence"]["confidence"]
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and (path, method) != ("/v1/test/{testId}", "get"):
                op.pop("x-evidence", None)
    doc.pop("x-sources", None)
    (openapi_copy / "openapi.json").write_text(json.dumps(doc), encoding="utf-8")
    listed = rows(doc, introspect())
    assert sorted(row.evidence for row in listed) == sorted([kept] + ["unknown"] * (len(listed) - 1))
    assert coverage.main(["--openapi-dir", str(openapi_copy)]) == 0
    assert coverage.main(["--check", "--openapi-dir", str(openapi_copy)]) == 0
    page = (openapi_copy / "ENDPOINTS.md").read_text(encoding="utf-8")
    evidence_lines = [line for line in page.splitlines() if line.startswith("| Evidence: ")]
    assert evidence_lines == [f"| Evidence: {kept} | 1 |", f"| Evidence: unknown | {len(listed) - 1} |"]
    assert "| `/v1/users/{userId}` |" in page and page.count("| unknown |") == len(listed) - 1

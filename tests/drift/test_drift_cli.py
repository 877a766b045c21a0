"""scripts/drift.py end to end: the committed snapshot against modified Swagger 2.0 copies served over HTTP."""

from __future__ import annotations

import copy
import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pipeline.layout import REPO_ROOT

from tests.support.scripts import load_script
from tests.support.static_server import serve

SCRIPT = REPO_ROOT / "scripts" / "drift.py"
SNAPSHOT: dict[str, Any] = json.loads((REPO_ROOT / "openapi" / "upstream.json").read_text(encoding="utf-8"))


drift = load_script("drift")


def modified() -> dict[str, Any]:
    """The snapshot with one operation gone, a new required parameter, a new export status and a new endpoint."""
    doc = copy.deepcopy(SNAPSHOT)
    del doc["paths"]["/v1/users/{userId}"]
    doc["paths"]["/v1/test/search"]["get"]["parameters"].append(
        {"name": "tenantId", "in": "query", "required": True, "type": "string"}
    )
    doc["definitions"]["FileExportStatus"]["properties"]["status"]["enum"].append("expired")
    doc["paths"]["/v1/test/{testId}/archive"] = {
        "post": {
            "tags": ["test"],
            "operationId": "archiveTest",
            "parameters": [{"name": "testId", "in": "path", "required": True, "type": "integer", "format": "int64"}],
            "responses": {"200": {"description": "Archived."}},
        }
    }
    doc["paths"]["/v1/test/{testId}"]["get"]["summary"] = "Reworded summary."
    return doc


def _json(doc: dict[str, Any]) -> tuple[str, bytes]:
    return ("application/json", json.dumps(doc).encode())


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def scratch_root(tmp_path: Path) -> Path:
    """A copy of openapi/ whose facade map names methods, for --root."""
    root = tmp_path / "repo"
    shutil.copytree(REPO_ROOT / "openapi", root / "openapi")
    facade = {
        "operations": {
            "GET /v1/users/{userId}": ["Inspera.users.get"],
            "GET /v1/test/search": ["Inspera.tests.search", "Inspera.tests.find"],
            "GET /v1/fileExport/status/{jobId}": ["ExportJob.status"],
        }
    }
    (root / "openapi" / "facade_operations.json").write_text(json.dumps(facade), encoding="utf-8")
    return root


def test_modified_swagger_served_over_http(scratch_root: Path, tmp_path: Path) -> None:
    markdown = tmp_path / "drift.md"
    with serve({"/swagger.json": _json(modified())}) as base:
        proc = subprocess.run(
            [
                sys.executable,
                str(SCRIPT),
                "--to",
                f"{base}/swagger.json",
                "--format",
                "json",
                "--root",
                str(scratch_root),
                "--report",
                f"markdown={markdown}",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["new"]["source"] == f"{base}/swagger.json"
    assert report["old"]["source"] == "openapi/upstream.json"
    assert (report["old"]["format"], report["new"]["format"]) == ("swagger-2.0", "swagger-2.0")
    found = {(c["rule"], c["severity"], tuple(c["operations"]), tuple(c["facade"])) for c in report["changes"]}
    assert found == {
        ("operation-removed", "breaking", ("GET /v1/users/{userId}",), ("Inspera.users.get",)),
        (
            "parameter-added-required",
            "breaking",
            ("GET /v1/test/search",),
            ("Inspera.tests.find", "Inspera.tests.search"),
        ),
        ("response-enum-value-added", "warning", ("GET /v1/fileExport/status/{jobId}",), ("ExportJob.status",)),
        ("operation-added", "info", ("POST /v1/test/{testId}/archive",), ()),
    }
    assert report["counts"] == {"breaking": 2, "warning": 1, "info": 1}
    page = markdown.read_text(encoding="utf-8")
    assert "`operation-removed`" in page and "`Inspera.users.get`" in page


def test_pull_discovers_the_document_behind_a_swagger_ui_page(capsys: pytest.CaptureFixture[str]) -> None:
    page = b"<!DOCTYPE html><html><script>SwaggerUIBundle({url: 'spec/api.json'})</script></html>"
    with serve({"/apidoc/": ("text/html", page), "/apidoc/spec/api.json": _json(modified())}) as base:
        code = drift.main(["--pull", f"{base}/apidoc/", "--format", "github", "--fail-on", "warning"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert sum(line.startswith("::error ") for line in out) == 2
    assert sum(line.startswith("::warning ") for line in out) == 1
    assert sum(line.startswith("::notice ") for line in out) == 1


def test_fail_on_thresholds(capsys: pytest.CaptureFixture[str]) -> None:
    only_info = copy.deepcopy(SNAPSHOT)
    only_info["paths"]["/v1/ping"] = {"get": {"responses": {"200": {"description": "Up."}}}}
    with serve({"/s.json": _json(only_info)}) as base:
        url = f"{base}/s.json"
        assert drift.main(["--to", url, "--fail-on", "warning"]) == 0
        assert drift.main(["--to", url, "--fail-on", "any"]) == 1
    assert "operation-added  GET /v1/ping" in capsys.readouterr().out


def test_snapshot_against_itself_and_description_edits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert drift.main(["--to", str(REPO_ROOT / "openapi" / "upstream.json"), "--fail-on", "any"]) == 0
    assert "identical" in capsys.readouterr().out
    reworded = copy.deepcopy(SNAPSHOT)
    reworded["paths"]["/v1/test/{testId}"]["get"]["summary"] = "Reworded."
    target = tmp_path / "reworded.json"
    target.write_text(json.dumps(reworded), encoding="utf-8")
    assert drift.main(["--to", str(target), "--fail-on", "any"]) == 0
    assert "nothing a generated client sees" in capsys.readouterr().out
    assert drift.main(["--to", str(target), "--fail-on", "any", "--include-docs"]) == 1
    assert "docs-changed" in capsys.readouterr().out


def test_unreachable_url_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert drift.main(["--to", f"http://127.0.0.1:{_closed_port()}/swagger.json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("drift: could not run: pull: cannot reach 127.0.0.1")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            json.dumps({"swagger": "2.0", "info": {"title": "x"}, "paths": {"/a": {"get": {}}}}),
            '/info: "version" is required',
        ),
        ("{not json: [", "neither JSON nor YAML"),
        (json.dumps({"openapi": "4.0.0"}), "no supported"),
    ],
    ids=["schema-invalid", "unparseable", "unknown-version"],
)
def test_invalid_spec_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, reason: str) -> None:
    target = tmp_path / "bad.json"
    target.write_text(content, encoding="utf-8")
    assert drift.main(["--to", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("drift: could not run: spec: ") and reason in err and err.count("\n") == 1


def test_html_page_without_a_spec_and_missing_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with serve({"/apidoc/": ("text/html", b"<html><body>maintenance</body></html>")}) as base:
        assert drift.main(["--pull", f"{base}/apidoc/"]) == 2
    assert "no API description was found" in capsys.readouterr().err
    assert drift.main(["--from", str(tmp_path / "missing.json"), "--to", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err

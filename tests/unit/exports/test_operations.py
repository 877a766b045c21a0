"""The export rows for the operation registry name real spec operations and every export method."""

from __future__ import annotations

import json
from pathlib import Path

from inspera.exports.operations import export_operations

SPEC = Path(__file__).resolve().parents[3] / "openapi" / "openapi.json"


def test_every_row_is_a_spec_operation_and_every_method_is_listed() -> None:
    paths = json.loads(SPEC.read_text())["paths"]
    rows = export_operations()
    assert len(rows) == 14
    for key in rows:
        method, path = key.split(" ", 1)
        assert method.lower() in paths[path], key
    methods = {name for names in rows.values() for name in names}
    for client in ("Inspera", "AsyncInspera"):
        for name in ("results", "submissions", "candidate_submissions", "events", "file", "resume"):
            assert f"{client}.exports.{name}" in methods
    assert rows["GET /v1/test/{testId}/results/{jobId}"][-1] == "AsyncInspera.exports.resume"
    assert rows["POST /v1/fileExport/order"] == ("Inspera.exports.file", "AsyncInspera.exports.file")

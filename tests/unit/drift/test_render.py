"""Report formats: the JSON schema holds, GitHub commands are escaped, Markdown tables stay intact."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from apidrift.changes import Change, DriftReport, SideInfo
from apidrift.check import check
from apidrift.facade import FacadeMap
from apidrift.render import FORMATS, render
from apidrift.sides import from_converted
from pipeline.errors import SpecError
from pipeline.layout import REPO_ROOT
from pipeline.names import NameMap

from .specs import ITEM, base, schemas

SCHEMA = json.loads((REPO_ROOT / "scripts" / "lib" / "apidrift" / "report.schema.json").read_text(encoding="utf-8"))
OLD = SideInfo("openapi/upstream.json", "swagger-2.0", "a" * 64, 3)
NEW = SideInfo("https://tenant.example/apidoc/swagger.json", "openapi-3.0", "b" * 64, 2)


def _report(*changes: Change, fail_on: str = "breaking") -> DriftReport:
    return DriftReport(OLD, NEW, fail_on=fail_on, changes=list(changes))  # type: ignore[arg-type]


BREAKING = Change(
    "operation-removed", ("GET /v1/a",), "/paths/~1v1~1a/get", "GET /v1/a was removed", ("Inspera.a.get",)
)
WARNING = Change("response-enum-value-added", ("GET /v1/b",), "/components/schemas/B", "status may now be 'X'")
HOSTILE = Change("docs-changed", ("GET /v1/c",), "/paths/~1v1~1c/get", "100% new | text,\r\nsecond: line")


def test_json_matches_the_published_schema() -> None:
    for report in (_report(), _report(BREAKING, WARNING, HOSTILE)):
        data = json.loads(render(report, "json"))
        jsonschema.validate(data, SCHEMA)
    data = json.loads(render(_report(BREAKING, WARNING), "json"))
    assert data["counts"] == {"breaking": 1, "warning": 1, "info": 0}
    assert data["failed"] is True and data["exit_code"] == 1
    assert data["changes"][0] == {
        "rule": "operation-removed",
        "severity": "breaking",
        "operations": ["GET /v1/a"],
        "location": "/paths/~1v1~1a/get",
        "message": "GET /v1/a was removed",
        "facade": ["Inspera.a.get"],
    }


def test_schema_rejects_a_report_missing_a_field() -> None:
    data = json.loads(render(_report(BREAKING), "json"))
    del data["changes"][0]["location"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_github_annotations_by_severity_and_escaped() -> None:
    lines = render(_report(BREAKING, WARNING, HOSTILE), "github").splitlines()
    assert lines[0].startswith("::error title=API drift%3A operation-removed::GET /v1/a: GET /v1/a was removed")
    assert "facade: Inspera.a.get" in lines[0]
    assert lines[1].startswith("::warning title=API drift%3A response-enum-value-added::")
    assert lines[2].startswith("::notice ")
    assert "100%25 new | text,%0D%0Asecond: line" in lines[2]
    assert len(lines) == 4 and lines[3].startswith("API drift: 1 breaking, 1 warning, 1 info")


def test_markdown_escapes_table_cells_and_folds_info() -> None:
    page = render(_report(BREAKING, HOSTILE), "markdown")
    assert "100% new \\| text, second: line" in page
    assert "<details><summary>show</summary>" in page
    assert page.index("Breaking (1)") < page.index("Info (1)")
    assert "`Inspera.a.get`" in page


def test_text_names_every_field() -> None:
    out = render(_report(BREAKING), "text")
    for part in ("BREAKING", "operation-removed", "GET /v1/a", "/paths/~1v1~1a/get", "facade: Inspera.a.get"):
        assert part in out
    assert out.rstrip().endswith("fail-on breaking: FAIL (exit 1)")


def test_identical_sides_say_so_in_every_format() -> None:
    same = DriftReport(OLD, OLD)
    for fmt in FORMATS:
        out = render(same, fmt)
        assert ("identical" in out) or ('"identical": true' in out) or fmt == "github", fmt


def test_facade_methods_are_attached_from_the_committed_map(tmp_path: Path) -> None:
    path = tmp_path / "facade_operations.json"
    path.write_text(json.dumps({"operations": {f"GET {ITEM}": ["Inspera.items.get"], "POST /v1/items": []}}))
    names = NameMap.from_dict({})
    old_doc, new_doc = base("openapi"), base("openapi")
    schemas(new_doc, "openapi")["Item"]["properties"].pop("tags")
    report = check(
        from_converted(old_doc, "old", names), from_converted(new_doc, "new", names), facade=FacadeMap.load(path)
    )
    removed = next(c for c in report.changes if c.rule == "response-property-removed")
    assert removed.operations == ("GET /v1/items/{itemId}", "POST /v1/items")
    assert removed.facade == ("Inspera.items.get",)


def test_missing_facade_map_means_no_methods_and_a_broken_one_is_an_error(tmp_path: Path) -> None:
    assert FacadeMap.load(tmp_path / "absent.json").methods(["GET /x"]) == ()
    broken = tmp_path / "broken.json"
    broken.write_text('{"operations": {"GET /x": "not a list"}}')
    with pytest.raises(SpecError):
        FacadeMap.load(broken)


def test_report_sources_never_carry_credentials_or_queries() -> None:
    from apidrift.sides import display_url

    assert display_url("https://user:secret@host.example:8443/api/swagger.json?sig=abc") == (
        "https://host.example:8443/api/swagger.json?…"
    )
    assert display_url("http://127.0.0.1:5000/s.json") == "http://127.0.0.1:5000/s.json"


def test_a_model_no_operation_uses_is_judged_once_as_a_response_model() -> None:
    names = NameMap.from_dict({})
    old_doc, new_doc = base("openapi"), base("openapi")
    for doc in (old_doc, new_doc):
        schemas(doc, "openapi")["Spare"] = {"type": "object", "properties": {"x": {"type": "string"}}}
    schemas(new_doc, "openapi")["Spare"]["properties"].pop("x")
    report = check(from_converted(old_doc, "old", names), from_converted(new_doc, "new", names))
    assert [(c.rule, c.operations) for c in report.changes] == [("response-property-removed", ())]


def test_added_operations_without_a_facade_method_are_called_out(tmp_path: Path) -> None:
    path = tmp_path / "facade_operations.json"
    path.write_text(json.dumps({"operations": {f"GET {ITEM}": ["Inspera.items.get"]}}))
    names = NameMap.from_dict({})
    old_doc, new_doc = base("openapi"), base("openapi")
    new_doc["paths"]["/v2/items/{itemId}"] = {"get": {"responses": {"200": {"description": "Ok."}}}}
    report = check(
        from_converted(old_doc, "old", names), from_converted(new_doc, "new", names), facade=FacadeMap.load(path)
    )
    added = next(c for c in report.changes if c.rule == "operation-added")
    assert added.facade == ()
    assert "no facade method: call it with client.call(inspera_api.api.items.get_items_by_item_id_v2, ...)" in (
        added.message
    )
    assert report.added_without_facade() == ["GET /v2/items/{itemId}"]
    assert "added operations without a facade method: 1 (callable with client.call)" in render(report, "text")
    assert "- `GET /v2/items/{itemId}`" in render(report, "markdown")
    data = json.loads(render(report, "json"))
    jsonschema.validate(data, SCHEMA)
    assert data["added_without_facade"] == ["GET /v2/items/{itemId}"]

"""Our additions document: its rules, its merge into a normalised vendor document, and the committed one."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from pipeline import additions
from pipeline.documents import dump_json, parse
from pipeline.errors import SpecError
from pipeline.layout import Layout
from pipeline.names import NameMap
from pipeline.run import current_upstream, prepare

NAMES = NameMap.from_dict({"operations": {}, "groups": {}})
EVIDENCE = {"confidence": "single-source", "sources": ["DOC"], "notes": "from the data model page"}


def _doc(**schemas: Any) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "ours", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
        "x-sources": {"DOC": "https://example.org/data-model"},
    }


def _schema(**extra: Any) -> dict[str, Any]:
    properties = {"score": {"type": "number"}}
    return {"type": "object", "properties": properties, "x-evidence": copy.deepcopy(EVIDENCE), **extra}


def _checked(data: dict[str, Any]) -> additions.Additions:
    raw = dump_json(data)
    return additions.checked(parse(raw, origin="openapi/additions.json"), "additions.json")


def _vendor(**schemas: Any) -> dict[str, Any]:
    return {"openapi": "3.0.3", "paths": {"/v1/x": {"get": {"responses": {}}}}, "components": {"schemas": schemas}}


def _merge(vendor: dict[str, Any], data: dict[str, Any]) -> additions.Merged:
    ours = _checked(data)
    return additions.merge(vendor, ours, additions.normalised(ours, NAMES), "0" * 64)


def test_ours_are_added_marked_and_normalised_as_the_vendor_s_would_be() -> None:
    state = {"type": "string", "enum": ["A", "B"]}
    vendor = _vendor(Test={"type": "object"})
    merged = _merge(vendor, _doc(ResultsFile=_schema(properties={"state": state})))
    added = vendor["components"]["schemas"]["ResultsFile"]
    assert merged.added == ["ResultsFile"] and merged.vendor_wins == []
    assert added[additions.MARKER] == "openapi/additions.json"
    assert added["properties"]["state"]["x-known-values"] == ["A", "B"]  # a server-owned enum, loosened
    assert vendor["x-sources"] == {"DOC": "https://example.org/data-model"}
    assert merged.as_dict()["added"] == ["ResultsFile"]
    assert "1 schema(s) of ours added" in merged.lines()[0]


def test_a_vendor_schema_with_our_public_name_wins_and_is_reported() -> None:
    theirs = {"type": "object", "properties": {"vendorField": {"type": "string"}}}
    vendor = _vendor(ResultsFile=copy.deepcopy(theirs))
    merged = _merge(vendor, _doc(ResultsFile=_schema(), Extra=_schema()))
    assert vendor["components"]["schemas"]["ResultsFile"] == theirs
    assert merged.added == ["Extra"]
    assert merged.vendor_wins == [("ResultsFile", "ResultsFile (same public name)")]
    assert merged.as_dict()["vendor_wins"] == {"ResultsFile": "ResultsFile (same public name)"}
    assert any("ResultsFile <- ResultsFile" in line for line in merged.lines())


def test_a_vendor_schema_listed_in_x_vendor_names_wins_under_our_name() -> None:
    vendor = _vendor(
        ResultsFileDTO={"type": "object"},
        Holder={"type": "object", "properties": {"file": {"$ref": "#/components/schemas/ResultsFileDTO"}}},
    )
    merged = _merge(vendor, _doc(ResultsFile=_schema(**{additions.VENDOR_NAMES: ["ResultsFileDTO"]})))
    schemas = vendor["components"]["schemas"]
    assert "ResultsFileDTO" not in schemas
    assert schemas["ResultsFile"] == {"type": "object", "x-upstream-name": "ResultsFileDTO"}
    assert schemas["Holder"]["properties"]["file"]["$ref"] == "#/components/schemas/ResultsFile"
    assert merged.added == [] and merged.vendor_wins == [("ResultsFile", "ResultsFileDTO (listed in x-vendor-names)")]


def test_a_reference_neither_document_defines_stops_the_merge_in_one_line() -> None:
    holder = _schema(properties={"who": {"$ref": "#/components/schemas/ExternalUserId"}})
    with pytest.raises(SpecError) as caught:
        _merge(_vendor(Test={"type": "object"}), _doc(CandidateResults=holder))
    assert "refers to ExternalUserId" in caught.value.one_line()
    assert _merge(_vendor(ExternalUserId={"type": "object"}), _doc(CandidateResults=holder)).added == [
        "CandidateResults"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["components"]["schemas"]["Ours"].pop("x-evidence"), "has no x-evidence"),
        (lambda d: d["components"]["schemas"]["Ours"]["x-evidence"].update(sources=["NO"]), "not listed in x-sources"),
        (lambda d: d["components"]["schemas"]["Ours"]["x-evidence"].update(confidence="sure"), "confidence must be"),
        (lambda d: d["components"]["schemas"]["Ours"].update(nullable=True), "uses nullable"),
        (lambda d: d.update(paths={"/v1/x": {"get": {"responses": {}}}}), "adds operations"),
        (lambda d: d.update(openapi="3.1.0"), "must be an OpenAPI 3.0 document"),
        (lambda d: d["components"].update(responses={}), "may only add schemas"),
        (lambda d: d["components"]["schemas"].update(bad_name=_schema()), "a schema name of ours is a class name"),
        (lambda d: d["components"]["schemas"]["Ours"].update({"$ref": "other.json#/X"}), "no other documents"),
        (lambda d: d["components"]["schemas"]["Ours"].update({"x-vendor-names": "Dto"}), "must be a list"),
        (lambda d: d.pop("x-sources"), "x-sources: missing"),
    ],
)
def test_a_bad_additions_document_is_refused_in_one_line(change: Any, expected: str) -> None:
    data = _doc(Ours=_schema())
    change(data)
    with pytest.raises(SpecError) as caught:
        _checked(data)
    line = caught.value.one_line()
    assert line.startswith("additions: ") and expected in line and "\n" not in line


def test_a_property_named_nullable_is_a_name_not_the_keyword() -> None:
    _checked(_doc(Ours=_schema(properties={"nullable": {"type": "boolean"}})))


def test_the_validator_sees_vendor_references_as_stand_ins() -> None:
    holder = _schema(properties={"who": {"$ref": "#/components/schemas/ExternalUserId"}})
    data = _checked(_doc(CandidateResults=holder)).for_validation()
    assert data["components"]["schemas"]["ExternalUserId"] == {}


def test_the_committed_additions_are_valid_and_hold_what_no_operation_references() -> None:
    layout = Layout()
    ours = additions.load(layout)
    assert ours is not None
    from pipeline.validate import problems_of

    assert problems_of(ours.for_validation(), "additions") == []
    upstream = current_upstream(layout).data
    vendor = set(upstream["definitions"])
    assert {"ResultsExportFile", "SubmissionsExportFile", "TestEventsExportFile", "WebhookPayload"} <= set(
        ours.schemas
    )
    assert not (set(ours.schemas) - {"ExternalUserId"}) & vendor  # upstream.json holds only the vendor's
    referenced = json.dumps(upstream["paths"])
    assert not any(f"/{name}\"" in referenced for name in ours.schemas)


def test_a_vendor_document_without_our_schemas_still_gets_them(tmp_path: Path) -> None:
    layout = Layout()
    prepared = prepare(current_upstream(layout), NameMap.load(layout.names), layout)
    schemas = prepared.normalised["components"]["schemas"]
    assert prepared.additions is not None and "ResultsExportFile" in prepared.additions.added
    assert schemas["ResultsExportFile"][additions.MARKER] == "openapi/additions.json"
    assert "x-addition" not in schemas["ExternalUserId"]  # the vendor's own wins
    assert prepared.additions.vendor_wins == [("ExternalUserId", "ExternalUserId (same public name)")]


def test_two_additions_documents_are_one_too_many(tmp_path: Path) -> None:
    (tmp_path / "openapi").mkdir()
    for suffix in ("json", "yaml"):
        (tmp_path / "openapi" / f"additions.{suffix}").write_text("{}")
    with pytest.raises(SpecError, match="at most one"):
        additions.load(Layout(root=tmp_path))
    assert additions.load(Layout(root=tmp_path / "nothing")) is None

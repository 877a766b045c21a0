"""The operation_links transform: links keyed by stable names and wire fields, resolved to the document's spelling."""

from __future__ import annotations

import json
from typing import Any

from pipeline.layout import Layout
from pipeline.links import LINKS, Link, path_variables, place_links
from pipeline.names import NameMap
from pipeline.transforms import TRANSFORMS, Context, operation_links

NAMES = NameMap.from_dict({"operations": {}, "groups": {"/v1": "tests"}})


def _op(function: str) -> dict[str, Any]:
    return {"operationId": function, "responses": {"200": {"description": "ok"}}}


def _document(variable: str) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "paths": {
            "/v1/test": {"post": _op("create_or_update_test")},
            f"/v1/test/{{{variable}}}": {"get": _op("get_test")},
            f"/v1/test/{{{variable}}}/results": {"get": _op("order_results_export")},
            f"/v1/test/{{{variable}}}/results/{{jobId}}": {"get": _op("get_results_export_status")},
        },
    }


def test_links_follow_the_documents_path_variable_names_whatever_the_vendor_calls_them() -> None:
    for variable in ("testId", "assessmentRunId"):
        doc = _document(variable)
        context = Context(names=NAMES)
        operation_links(doc, context)
        created = doc["paths"]["/v1/test"]["post"]["responses"]["200"]["links"]
        assert created["get_test"] == {"operationId": "get_test",
                                       "parameters": {variable: "$response.body#/assessmentRunId"}}
        ordered = doc["paths"][f"/v1/test/{{{variable}}}/results"]["get"]["responses"]["200"]["links"]
        assert ordered["get_results_export_status"]["parameters"] == {
            variable: f"$request.path.{variable}", "jobId": "$response.body#/jobId"}
        # Targets absent from this small document are reported, not fatal.
        assert context.warnings and all(w.startswith("link ") for w in context.warnings)


def test_constants_and_query_parameters_and_skips() -> None:
    operations = {
        "create_or_update_student": ("/v1/users/student", _op("create_or_update_student")),
        "find_users_by_external_id": ("/v1/users/external/{a}/{b}", _op("find_users_by_external_id")),
    }
    table = (
        Link("create_or_update_student", "find_users_by_external_id",
             (("path:0", 'const:"INSPERA"'), ("path:1", "body:/username"), ("query:includeStudent", "const:true"))),
        Link("create_or_update_student", "nowhere", (("path:0", "body:/x"),)),
        Link("find_users_by_external_id", "create_or_update_student", (("path:3", "body:/x"),)),
    )
    skipped = place_links(operations, table)
    links = operations["create_or_update_student"][1]["responses"]["200"]["links"]
    assert links["find_users_by_external_id"]["parameters"] == {
        "a": "INSPERA", "b": "$response.body#/username", "includeStudent": True}
    assert [s.split(":")[0] for s in skipped] == ["link create_or_update_student -> nowhere",
                                                  "link find_users_by_external_id -> create_or_update_student"]


def test_the_transform_runs_after_names_are_assigned() -> None:
    names = [t.name for t in TRANSFORMS]
    assert names.index("assign_stable_names") < names.index("operation_links")


def test_every_link_of_the_table_is_in_the_committed_document_and_names_real_parameters() -> None:
    doc = json.loads(Layout().normalised.read_text(encoding="utf-8"))
    by_function = {op["operationId"]: (path, op) for path, item in doc["paths"].items() for op in item.values()
                   if isinstance(op, dict) and "operationId" in op}
    for link in LINKS:
        _source_path, source = by_function[link.source]
        target_path, target = by_function[link.target]
        placed = source["responses"]["200"]["links"][link.name]
        declared = {p["name"] for p in target.get("parameters") or []}
        assert placed["operationId"] == link.target
        assert set(placed["parameters"]) <= declared, (link, declared)
        assert set(path_variables(target_path)) <= set(placed["parameters"]), link


def test_every_operation_taking_an_id_in_its_path_is_the_target_of_a_link_or_takes_only_seeded_ids() -> None:
    doc = json.loads(Layout().normalised.read_text(encoding="utf-8"))
    targets = {link.target for link in LINKS}
    # Candidate exports need a candidate's userId, which no answer lists: contract runs seed those from the simulator.
    seeded = {"order_candidate_submissions_export", "order_candidate_results_export", "order_candidate_pdf_export"}
    for path, item in doc["paths"].items():
        for op in item.values():
            if isinstance(op, dict) and path_variables(path):
                assert op["operationId"] in targets | seeded, path

"""Each normalisation transform on a small inline fragment."""

from __future__ import annotations

import copy
from typing import Any

from pipeline.names import NameMap
from pipeline.transforms import (
    TRANSFORMS,
    Context,
    assign_stable_names,
    bearer_security,
    canonical_order,
    explicit_success_response,
    keep_upstream_identity,
    loosen_response_enums,
    media_types,
    relative_to_api_base,
    sort_parameters,
)

NAMES = NameMap.from_dict(
    {
        "operations": {"GET /v1/test/{testId}": {"group": "tests", "function": "get_test"}},
        "groups": {"/v1/test": "tests"},
    }
)


def ctx() -> Context:
    return Context(names=NAMES)


def op_doc(op: dict[str, Any], path: str = "/v1/test/{testId}", method: str = "get") -> dict[str, Any]:
    return {"openapi": "3.0.3", "paths": {path: {method: op}}, "components": {"schemas": {}}}


def test_every_transform_has_a_reason() -> None:
    names = [t.name for t in TRANSFORMS]
    assert len(names) == len(set(names))
    assert all(len(t.why) > 40 for t in TRANSFORMS)


def test_relative_to_api_base_strips_api_prefix_and_sets_tenant_server() -> None:
    doc = {
        "servers": [{"url": "https://ia.inspera.no/"}],
        "paths": {"/api/v1/test": {}, "/api/authenticate/token/": {}},
    }
    relative_to_api_base(doc, ctx())
    assert set(doc["paths"]) == {"/v1/test", "/authenticate/token/"}
    assert doc["servers"][0]["url"] == "https://{tenant}/api"


def test_relative_to_api_base_keeps_paths_when_server_already_ends_in_api() -> None:
    doc = {"servers": [{"url": "https://ia.inspera.no/api"}], "paths": {"/api/v1/x": {}}}
    relative_to_api_base(doc, ctx())
    assert set(doc["paths"]) == {"/api/v1/x"}


def test_keep_upstream_identity_moves_operation_id_and_tags_aside() -> None:
    doc = op_doc({"operationId": "getSubmissions5", "tags": ["test"], "responses": {}})
    keep_upstream_identity(doc)
    op = doc["paths"]["/v1/test/{testId}"]["get"]
    assert "operationId" not in op
    assert op["x-upstream-operation-id"] == "getSubmissions5"
    assert op["x-upstream-tags"] == ["test"]


def test_assign_stable_names_uses_map_then_fallback_and_reports_it() -> None:
    doc = {
        "paths": {
            "/v1/test/{testId}": {"get": {"tags": ["whatever"]}},
            "/v1/test/{testId}/appeals": {"post": {}},
        }
    }
    c = ctx()
    assign_stable_names(doc, c)
    assert doc["paths"]["/v1/test/{testId}"]["get"]["operationId"] == "get_test"
    assert doc["paths"]["/v1/test/{testId}"]["get"]["tags"] == ["tests"]
    fallback = doc["paths"]["/v1/test/{testId}/appeals"]["post"]
    assert fallback["operationId"] == "post_test_appeals_by_test_id_v1"
    assert fallback["tags"] == ["tests"]
    assert doc["tags"] == [{"name": "tests"}]
    assert any("fallback name tests.post_test_appeals_by_test_id_v1" in w for w in c.warnings)


def test_assign_stable_names_reports_stale_map_entries() -> None:
    c = ctx()
    assign_stable_names({"paths": {}}, c)
    assert any("absent from the document" in w for w in c.warnings)


def test_explicit_success_response_turns_default_into_200() -> None:
    doc = op_doc({"responses": {"default": {"description": "successful operation"}}})
    explicit_success_response(doc, ctx())
    assert doc["paths"]["/v1/test/{testId}"]["get"]["responses"] == {"200": {"description": "successful operation"}}


def test_explicit_success_response_leaves_real_2xx_alone() -> None:
    responses = {"201": {"description": "created"}, "default": {"description": "error"}}
    doc = op_doc({"responses": copy.deepcopy(responses)})
    explicit_success_response(doc, ctx())
    assert doc["paths"]["/v1/test/{testId}"]["get"]["responses"] == responses


def test_media_types_star_and_binary_responses() -> None:
    doc = op_doc(
        {
            "responses": {
                "200": {"description": "", "content": {"*/*": {"schema": {"$ref": "#/components/schemas/X"}}}},
                "201": {"description": "", "content": {"*/*": {"schema": {"type": "string"}}}},
                "202": {"description": "", "content": {"application/pdf": {"schema": {"type": "string"}}}},
            }
        }
    )
    c = ctx()
    media_types(doc, c)
    responses = doc["paths"]["/v1/test/{testId}"]["get"]["responses"]
    assert responses["200"]["content"] == {"application/json": {"schema": {"$ref": "#/components/schemas/X"}}}
    binary = {"schema": {"type": "string", "format": "binary"}}
    assert responses["201"]["content"] == {"application/octet-stream": binary}
    assert responses["202"]["content"] == {"application/octet-stream": binary}
    assert [w.name for w in c.workarounds] == ["non_json_response_as_bytes"]  # `*/*` is ours, PDF is reported
    assert c.overrides == {}


def test_loosen_response_enums_keeps_request_only_enums_strict() -> None:
    doc = op_doc(
        {
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Req"}}}},
            "responses": {
                "200": {
                    "description": "",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}},
                }
            },
        },
        method="post",
    )
    doc["components"]["schemas"] = {
        "Req": {"type": "object", "properties": {"type": {"type": "string", "enum": ["GRADING", "REASSESSMENT"]}}},
        "Job": {"type": "object", "properties": {"status": {"$ref": "#/components/schemas/Status"}}},
        "Status": {"type": "string", "enum": ["running", "success"]},
        "FileModel": {"type": "object", "properties": {"kind": {"type": "string", "enum": ["a"]}}},
    }
    loosen_response_enums(doc, ctx())
    schemas = doc["components"]["schemas"]
    assert schemas["Req"]["properties"]["type"]["enum"] == ["GRADING", "REASSESSMENT"]
    assert "enum" not in schemas["Status"]
    assert schemas["Status"]["x-known-values"] == ["running", "success"]
    assert "others may appear" in schemas["Status"]["description"]
    assert "enum" not in schemas["FileModel"]["properties"]["kind"], "unreferenced (file) models are server-owned"


def test_loosen_response_enums_inline_response_schema() -> None:
    doc = op_doc(
        {
            "responses": {
                "200": {
                    "description": "",
                    "content": {
                        "application/json": {"schema": {"type": "array", "items": {"type": "string", "enum": ["x"]}}}
                    },
                }
            }
        }
    )
    loosen_response_enums(doc, ctx())
    items = doc["paths"]["/v1/test/{testId}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"][
        "items"
    ]
    assert "enum" not in items and items["x-known-values"] == ["x"]


def test_bearer_security() -> None:
    doc = {
        "components": {
            "securitySchemes": {
                "Bearer": {"type": "apiKey", "in": "header", "name": "Authorization"},
                "Other": {"type": "apiKey", "in": "query", "name": "key"},
            }
        }
    }
    bearer_security(doc, ctx())
    schemes = doc["components"]["securitySchemes"]
    assert schemes["Bearer"]["type"] == "http" and schemes["Bearer"]["scheme"] == "bearer"
    assert schemes["Other"]["type"] == "apiKey"


def test_sort_parameters() -> None:
    params = [
        {"in": "query", "name": "z"},
        {"in": "header", "name": "a"},
        {"in": "query", "name": "b"},
        {"in": "path", "name": "testId"},
    ]
    doc = op_doc({"parameters": params})
    sort_parameters(doc, ctx())
    got = [(p["in"], p["name"]) for p in doc["paths"]["/v1/test/{testId}"]["get"]["parameters"]]
    assert got == [("path", "testId"), ("query", "b"), ("query", "z"), ("header", "a")]


def test_canonical_order_sorts_required_lists_only() -> None:
    doc = {
        "components": {"schemas": {"X": {"required": ["b", "a"], "enum": ["z", "y"]}}},
        "parameters": [{"required": True}],
    }
    canonical_order(doc, ctx())
    assert doc["components"]["schemas"]["X"]["required"] == ["a", "b"]
    assert doc["components"]["schemas"]["X"]["enum"] == ["z", "y"]

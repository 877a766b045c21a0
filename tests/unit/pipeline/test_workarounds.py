"""Workarounds: where a tool is stricter or narrower than the specification, on fragments."""

from __future__ import annotations

import re
from typing import Any

import pytest
from openapi_spec_validator import validate as strict_validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from pipeline.names import NameMap
from pipeline.repairs import PART_SCHEMA, STATUS_RANGE
from pipeline.transforms import (
    Context,
    deep_schema_refs,
    enum_member_names,
    header_parameters_as_strings,
    media_types,
    primitive_union_bodies,
    response_ref_chains,
    restore_multipart_parts,
    restore_status_ranges,
)
from pipeline.validate import problems_of, workarounds

Doc = dict[str, Any]
OK = {"200": {"description": "OK"}}


def swagger(paths: Doc, **extra: Any) -> Doc:
    return {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": paths, **extra}


def openapi(op: Doc, path: str = "/a", method: str = "get", schemas: Doc | None = None) -> Doc:
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {path: {method: op}},
        "components": {"schemas": schemas or {}},
    }


def ctx() -> Context:
    return Context(names=NameMap.from_dict({}))


def strict_rejects(doc: Doc) -> bool:
    """The validator as shipped refuses the document (or, for a default checked against a Java regex, crashes)."""
    try:
        strict_validate(doc)
    except (OpenAPIValidationError, re.error):
        return True
    return False


# -- validator configuration ------------------------------------------------------------------------------------


def test_file_response_schema_is_valid_swagger_2_and_accepted() -> None:
    doc = swagger(
        {
            "/f": {
                "get": {
                    "produces": ["application/pdf"],
                    "responses": {"200": {"description": "OK", "schema": {"type": "file"}}},
                }
            }
        }
    )
    assert strict_rejects(doc)  # the library as shipped: 'file' is not valid under any of the given schemas
    assert problems_of(doc, "spec") == []
    assert [(w.name, w.parts) for w in workarounds(doc)] == [
        ("file_response_schema", ("paths", "/f", "get", "responses", "200", "schema"))
    ]


def test_java_regex_patterns_are_kept_unchecked() -> None:
    doc = swagger(
        {
            "/a": {
                "get": {
                    "parameters": [
                        {"name": "q", "in": "query", "type": "string", "pattern": "^[\\p{L} ]+$", "default": "abc"}
                    ],
                    "responses": OK,
                }
            }
        },
        definitions={
            "M": {
                "type": "object",
                "properties": {
                    "c": {"type": "string", "pattern": "^\\p{Lu}+$"},
                    "ok": {"type": "string", "pattern": "^[a-z]+$"},
                },
            }
        },
    )
    assert strict_rejects(doc)
    assert problems_of(doc, "spec") == []
    assert sorted(w.parts[-3:] for w in workarounds(doc)) == [
        ("parameters", 0, "pattern"),
        ("properties", "c", "pattern"),
    ]


def test_other_errors_are_still_found_with_the_configuration() -> None:
    doc = swagger({"/f": {"get": {"responses": {"200": {"description": "OK", "schema": {"type": "fil"}}}}}})
    problems = problems_of(doc, "spec")
    assert problems and problems[0].where == "GET /f"


# -- media types ---------------------------------------------------------------------------------------------


def test_json_and_xml_alternatives_keep_json_and_report_the_rest() -> None:
    body = {
        "content": {
            "application/xml": {"schema": {"$ref": "#/components/schemas/M"}},
            "application/json": {"schema": {"$ref": "#/components/schemas/M"}},
        }
    }
    response = {
        "description": "OK",
        "content": {
            "application/xml": {"schema": {"type": "string"}},
            "application/json;charset=UTF-8": {"schema": {"type": "object"}},
        },
    }
    doc = openapi({"requestBody": body, "responses": {"200": response}}, method="post")
    c = ctx()
    media_types(doc, c)
    assert list(body["content"]) == ["application/json"]
    assert list(response["content"]) == ["application/json;charset=UTF-8"]
    assert [w.name for w in c.workarounds] == ["prefer_json_alternative", "prefer_json_alternative"]
    assert c.overrides == {}


def test_text_xml_yaml_and_vendor_bodies_are_sent_as_bytes_with_their_content_type() -> None:
    for media, sent in [
        ("text/plain", "text/plain; charset=utf-8"),
        ("text/plain;charset=UTF-8", "text/plain;charset=UTF-8"),
        ("application/xml", "application/xml"),
        ("application/x-yaml", "application/x-yaml"),
        ("application/vnd.acme.order+xml", "application/vnd.acme.order+xml"),
    ]:
        body = {"content": {media: {"schema": {"type": "object"}}}}
        doc = openapi({"requestBody": body, "responses": OK}, method="put")
        c = ctx()
        media_types(doc, c)
        assert body["content"] == {sent: {"schema": {"type": "string", "format": "binary"}}}, media
        assert c.overrides == {sent: "application/octet-stream"}
        assert [w.name for w in c.workarounds] == ["non_json_body_as_bytes"]


def test_text_responses_are_str_and_other_non_json_responses_bytes() -> None:
    html = {"description": "OK", "content": {"text/html": {"schema": {"$ref": "#/components/schemas/ModelAndView"}}}}
    csv = {
        "description": "OK",
        "content": {"text/csv;charset=UTF-8": {"schema": {"type": "string", "format": "binary"}}},
    }
    xml = {
        "description": "OK",
        "content": {
            "application/xml": {"schema": {"$ref": "#/components/schemas/M"}},
            "application/x-yaml": {"schema": {"$ref": "#/components/schemas/M"}},
        },
    }
    doc = openapi({"responses": {"200": html, "201": csv, "202": xml}})
    c = ctx()
    media_types(doc, c)
    assert html["content"] == {"text/html": {"schema": {"type": "string"}}}
    assert csv["content"] == {"text/csv": {"schema": {"type": "string"}}}  # parameters dropped: no body override
    assert xml["content"] == {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
    assert sorted(w.name for w in c.workarounds) == [
        "non_json_response_as_bytes",
        "text_response_as_str",
        "text_response_as_str",
    ]


def test_octet_stream_bodies_always_carry_a_binary_schema() -> None:
    body = {"content": {"application/octet-stream": {"schema": {"type": "string"}}}}
    doc = openapi({"requestBody": body, "responses": OK}, method="post")
    c = ctx()
    media_types(doc, c)
    assert body["content"]["application/octet-stream"]["schema"] == {"type": "string", "format": "binary"}
    assert c.workarounds == []


# -- parameters, enums, multipart --------------------------------------------------------------------------------


def test_header_parameters_the_generator_cannot_format_become_strings() -> None:
    params = [
        {"name": "If-Modified-Since", "in": "header", "schema": {"type": "string", "format": "date-time"}},
        {"name": "X-Ids", "in": "header", "schema": {"type": "array", "items": {"type": "string"}}},
        {"name": "X-Count", "in": "header", "schema": {"type": "integer"}},
        {"name": "X-Kind", "in": "header", "schema": {"$ref": "#/components/schemas/Kind"}},
        {"name": "since", "in": "query", "schema": {"type": "string", "format": "date-time"}},
    ]
    doc = openapi({"parameters": params, "responses": OK}, schemas={"Kind": {"type": "string", "enum": ["a"]}})
    c = ctx()
    header_parameters_as_strings(doc, c)
    assert params[0]["schema"]["type"] == "string" and "format" not in params[0]["schema"]
    assert "date-time" in params[0]["schema"]["description"]
    assert params[1]["schema"]["type"] == "string" and "comma-separated" in params[1]["schema"]["description"]
    assert params[2]["schema"] == {"type": "integer"}
    assert params[3]["schema"] == {"$ref": "#/components/schemas/Kind"}  # a string enum is sendable
    assert params[4]["schema"]["format"] == "date-time"  # query parameters are formatted by the generator
    assert [w.parts[-1] for w in c.workarounds] == [0, 1]


def test_enum_values_that_share_a_python_name_get_numbered_names() -> None:
    sort = {"type": "string", "enum": ["asc", "ASC", "desc", "a-b", "a_b"]}
    plain = {"type": "string", "enum": ["GRADING", "REASSESSMENT"]}
    doc = openapi({"responses": OK}, schemas={"Sort": sort, "Plain": plain})
    c = ctx()
    enum_member_names(doc, c)
    assert sort["x-enum-varnames"] == ["ASC", "ASC_2", "DESC", "A_B", "A_B_2"]
    assert "x-enum-varnames" not in plain
    assert [w.name for w in c.workarounds] == ["enum_member_names"]


def test_multipart_parts_get_their_schema_back_after_conversion() -> None:
    properties = {
        "meta": {"type": "string", "description": "the card", PART_SCHEMA: {"$ref": "#/definitions/Meta"}},
        "file": {"type": "string", "format": "binary"},
    }
    doc = openapi(
        {
            "requestBody": {
                "content": {"multipart/form-data": {"schema": {"type": "object", "properties": properties}}}
            },
            "responses": OK,
        },
        method="post",
    )
    restore_multipart_parts(doc, ctx())
    assert properties["meta"] == {"$ref": "#/components/schemas/Meta", "description": "the card"}
    assert properties["file"] == {"type": "string", "format": "binary"}


def test_a_body_without_schema_is_any_json() -> None:
    body: Doc = {"content": {"application/json": {}}}
    doc = openapi({"requestBody": body, "responses": OK}, method="post")
    c = ctx()
    media_types(doc, c)
    assert body["content"] == {"application/json": {"schema": {}}}
    assert [w.name for w in c.workarounds] == ["body_without_schema"]


def test_response_ref_chains_end_at_a_copy_of_the_response() -> None:
    real = {"description": "r", "content": {"application/json": {"schema": {"type": "string"}}}}
    doc = openapi({"responses": {"200": {"$ref": "#/components/responses/Alias"}}})
    doc["components"]["responses"] = {
        "Real": real,
        "Alias": {"$ref": "#/components/responses/Middle"},
        "Middle": {"$ref": "#/components/responses/Real"},
        "Loop": {"$ref": "#/components/responses/Loop"},
    }
    c = ctx()
    response_ref_chains(doc, c)
    named = doc["components"]["responses"]
    assert named["Alias"] == real and named["Middle"] == real and named["Alias"] is not real
    assert named["Loop"] == {"$ref": "#/components/responses/Loop"}  # a cycle is left for the validator to name
    assert sorted(w.parts[-1] for w in c.workarounds) == ["Alias", "Middle"]


# -- references the generator cannot follow -----------------------------------------------------------------------


def test_references_into_properties_responses_parameters_and_paths_become_copies() -> None:
    body = {"type": "object", "properties": {"v": {"type": "string"}}}
    doc = openapi(
        {
            "parameters": [{"name": "s", "in": "query", "schema": {"$ref": "#/components/parameters/P/schema"}}],
            "requestBody": {
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/C/properties/body"}}}
            },
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/paths/~1b/get/responses/200/content/application~1json/schema"}
                        }
                    },
                }
            },
        },
        method="post",
        schemas={
            "C": {"type": "object", "properties": {"body": body}},
            "Alias": {"$ref": "#/components/schemas/C/properties/body"},
        },
    )
    doc["paths"]["/b"] = {"get": {"responses": _ok_json({"$ref": "#/components/schemas/C"})}}
    doc["components"]["parameters"] = {"P": {"name": "s", "in": "query", "schema": {"type": "string", "enum": ["a"]}}}
    c = ctx()
    deep_schema_refs(doc, c)
    op = doc["paths"]["/a"]["post"]
    assert op["requestBody"]["content"]["application/json"]["schema"] == body
    assert op["parameters"][0]["schema"] == {"type": "string", "enum": ["a"]}
    assert op["responses"]["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/C"}
    assert doc["components"]["schemas"]["Alias"] == body
    assert doc["paths"]["/b"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/C"
    }  # a model reference stays a reference
    assert len(c.workarounds) == 4 and {w.name for w in c.workarounds} == {"deep_schema_ref"}


def _ok_json(schema: Doc) -> Doc:
    return {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}


def test_a_percent_encoded_model_reference_is_decoded_and_a_self_containing_one_is_bounded() -> None:
    doc = openapi(
        {"responses": _ok_json({"$ref": "#/components/schemas/Page%C2%ABItem%C2%BB"})},
        schemas={"Page«Item»": {"type": "object"}},
    )
    c = ctx()
    deep_schema_refs(doc, c)
    assert doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Page«Item»"
    }
    loop = {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/N/properties/next"}}}
    doc = openapi({"responses": _ok_json({"$ref": "#/components/schemas/N"})}, schemas={"N": loop})
    deep_schema_refs(doc, ctx())  # ends (each pass copies one level) instead of looping


def test_swagger_2_range_responses_go_back_under_their_range_key() -> None:
    doc = openapi({"responses": {"200": {"description": "OK"}, "499": {"description": "e", STATUS_RANGE: "4XX"}}})
    restore_status_ranges(doc, ctx())
    assert doc["paths"]["/a"]["get"]["responses"] == {"200": {"description": "OK"}, "4XX": {"description": "e"}}


def test_an_optional_body_that_is_a_union_of_plain_values_becomes_untyped() -> None:
    union = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
    doc = openapi(
        {
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/U"}}}},
            "responses": OK,
        },
        method="post",
        schemas={"U": union},
    )
    c = ctx()
    primitive_union_bodies(doc, c)
    schema = doc["paths"]["/a"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert schema == {"description": "One of: string, integer."}
    assert [(w.name, w.detail) for w in c.workarounds] == [
        ("primitive_union_body", "optional body of string | integer")
    ]


@pytest.mark.parametrize(
    ("required", "members"),
    [
        (True, [{"type": "string"}, {"type": "integer"}]),  # a required body generates fine
        (False, [{"type": "string"}, {"$ref": "#/components/schemas/M"}]),  # a model member starts the if chain
        (False, [{"type": "string", "format": "date"}, {"type": "integer"}]),
        (False, [{"type": "string", "enum": ["a"]}, {"type": "integer"}]),
    ],
)
def test_other_union_bodies_are_left_alone(required: bool, members: list[Doc]) -> None:
    body = {"required": required, "content": {"application/json": {"schema": {"anyOf": members}}}}
    doc = openapi({"requestBody": body, "responses": OK}, method="post", schemas={"M": {"type": "object"}})
    c = ctx()
    primitive_union_bodies(doc, c)
    assert doc["paths"]["/a"]["post"]["requestBody"]["content"]["application/json"]["schema"] == {"anyOf": members}
    assert c.workarounds == []

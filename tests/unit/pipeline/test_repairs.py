"""Each repair on a fragment that has its defect (fixed, recorded) and on one that does not (untouched)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pipeline.errors import RepairError
from pipeline.repairs import PART_SCHEMA, REPAIRS, RepairLog, repair_document, run_one, structure_problems

Doc = dict[str, Any]


def swagger(paths: Doc, **extra: Any) -> Doc:
    return {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": paths, **extra}


def openapi(paths: Doc, schemas: Doc | None = None) -> Doc:
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas or {}},
    }


OK = {"200": {"description": "OK"}}
PATH_ID = {"name": "id", "in": "path", "required": True, "type": "string"}


def applied(log: RepairLog) -> list[tuple[str, str]]:
    return [(a.repair, a.where) for a in log.applied]


def untouched(name: str, doc: Doc) -> None:
    before = copy.deepcopy(doc)
    log = run_one(name, doc)
    assert doc == before and not log.applied and not log.refused


def test_every_repair_has_a_name_and_a_reason() -> None:
    names = [r.name for r in REPAIRS]
    assert len(names) == len(set(names)) >= 11
    assert all(len(r.why) > 60 for r in REPAIRS)


def test_query_template_in_path_is_cut_and_its_parameters_kept() -> None:
    doc = swagger(
        {
            "/students/{id}{?age,gender}": {
                "get": {"parameters": [PATH_ID, {"name": "age", "in": "query", "type": "integer"}], "responses": OK}
            }
        }
    )
    log = run_one("query_template_in_path", doc)
    assert list(doc["paths"]) == ["/students/{id}"]
    params = doc["paths"]["/students/{id}"]["get"]["parameters"]
    assert [(p["name"], p["in"], p.get("required")) for p in params] == [
        ("id", "path", True),
        ("age", "query", None),
        ("gender", "query", False),
    ]
    assert applied(log) == [("query_template_in_path", "GET /students/{id}")]
    assert "added query parameter(s) gender" in log.applied[0].detail
    untouched(
        "query_template_in_path", swagger({"/students/{id}": {"get": {"parameters": [PATH_ID], "responses": OK}}})
    )


def test_query_templates_that_collapse_onto_other_methods_merge() -> None:
    doc = swagger(
        {
            "/items{?q}": {"get": {"responses": OK}},
            "/items": {
                "parameters": [{"name": "X-Trace", "in": "header", "type": "string"}],
                "post": {"responses": OK},
            },
        }
    )
    run_one("query_template_in_path", doc)
    item = doc["paths"]["/items"]
    assert set(item) == {"get", "post"}
    assert [p["name"] for p in item["post"]["parameters"]] == ["X-Trace"]  # path-level parameters moved down


def test_query_templates_that_collapse_onto_the_same_method_are_refused() -> None:
    doc = swagger({"/students{?age}": {"get": {"responses": OK}}, "/students{?age,gender}": {"get": {"responses": OK}}})
    log = run_one("query_template_in_path", doc)
    assert [p.body() for p in log.refused] == [
        "repair: GET /students: /students{?age} and /students{?age,gender} both become GET /students; "
        "which one to keep cannot be decided"
    ]


def test_several_body_parameters_become_parts_of_one_multipart_body() -> None:
    op = {
        "consumes": ["multipart/form-data", "application/json"],
        "parameters": [
            {"in": "body", "name": "meta", "required": True, "schema": {"$ref": "#/definitions/Meta"}},
            {"in": "body", "name": "note", "schema": {"type": "string"}, "description": "free text"},
            {"in": "formData", "name": "file", "type": "file"},
        ],
        "responses": OK,
    }
    doc = swagger({"/cards": {"post": op}})
    log = run_one("several_body_parameters", doc)
    assert op["consumes"] == ["multipart/form-data"]
    meta, note, file = op["parameters"]
    assert meta == {
        "name": "meta",
        "in": "formData",
        "type": "string",
        "required": True,
        PART_SCHEMA: {"$ref": "#/definitions/Meta"},
    }
    assert note["description"] == "free text" and note[PART_SCHEMA] == {"type": "string"}
    assert file == {"in": "formData", "name": "file", "type": "file"}
    assert applied(log) == [("several_body_parameters", "POST /cards")]
    untouched(
        "several_body_parameters",
        swagger(
            {
                "/cards": {
                    "post": {"parameters": [{"in": "body", "name": "b", "schema": {"type": "object"}}], "responses": OK}
                }
            }
        ),
    )


def test_several_body_parameters_without_multipart_are_refused() -> None:
    doc = swagger(
        {
            "/cards": {
                "post": {
                    "consumes": ["application/json"],
                    "parameters": [
                        {"in": "body", "name": "a", "schema": {}},
                        {"in": "body", "name": "b", "schema": {}},
                    ],
                    "responses": OK,
                }
            }
        }
    )
    log = run_one("several_body_parameters", doc)
    assert len(log.refused) == 1 and log.refused[0].where == "POST /cards"
    assert "which one is the body cannot be decided" in log.refused[0].what


@pytest.mark.parametrize("form", ["swagger", "openapi"])
def test_optional_path_parameter_becomes_required(form: str) -> None:
    param: Doc = {"name": "id", "in": "path", "required": False}
    param.update({"type": "string"} if form == "swagger" else {"schema": {"type": "string"}})
    doc = (swagger if form == "swagger" else openapi)({"/x/{id}": {"get": {"parameters": [param], "responses": OK}}})
    log = run_one("optional_path_parameter", doc)
    assert param["required"] is True
    assert applied(log) == [("optional_path_parameter", "GET /x/{id}")]
    untouched("optional_path_parameter", doc)


def test_undeclared_path_parameter_is_added_as_a_string() -> None:
    doc = openapi(
        {
            "/orders/{orderId}/lines/{lineId}": {
                "parameters": [{"name": "orderId", "in": "path", "required": True, "schema": {"type": "string"}}],
                "delete": {"responses": OK},
            }
        }
    )
    log = run_one("undeclared_path_parameter", doc)
    added = doc["paths"]["/orders/{orderId}/lines/{lineId}"]["delete"]["parameters"]
    assert added == [{"name": "lineId", "in": "path", "required": True, "schema": {"type": "string"}}]
    assert applied(log) == [("undeclared_path_parameter", "DELETE /orders/{orderId}/lines/{lineId}")]
    untouched("undeclared_path_parameter", doc)


def test_a_template_variable_and_a_parameter_that_do_not_pair_are_refused() -> None:
    doc = swagger({"/items/{itemId}": {"get": {"parameters": [PATH_ID], "responses": OK}}})
    log = run_one("undeclared_path_parameter", doc)
    assert [p.body() for p in log.refused] == [
        "repair: GET /items/{itemId}: parameters: the path has {itemId} but the path parameters are id; "
        "which belongs to which cannot be decided"
    ]
    twice = swagger({"/a/{id}/b/{id}": {"get": {"parameters": [PATH_ID], "responses": OK}}})
    assert "names {id} twice" in run_one("undeclared_path_parameter", twice).refused[0].what


def test_unused_path_parameter_is_dropped() -> None:
    doc = swagger(
        {
            "/classes/{classId}": {
                "get": {
                    "parameters": [
                        {"name": "classId", "in": "path", "required": True, "type": "string"},
                        {"name": "legacyId", "in": "path", "required": True, "type": "string"},
                        {"name": "q", "in": "query", "type": "string"},
                    ],
                    "responses": OK,
                }
            }
        }
    )
    log = run_one("unused_path_parameter", doc)
    assert [p["name"] for p in doc["paths"]["/classes/{classId}"]["get"]["parameters"]] == ["classId", "q"]
    assert applied(log) == [("unused_path_parameter", "GET /classes/{classId}")]
    untouched("unused_path_parameter", doc)


def test_response_without_description_gets_the_reason_phrase() -> None:
    doc = swagger(
        {"/a": {"get": {"responses": {"200": {"schema": {"type": "string"}}, "default": {}}}, "post": {}}},
        responses={"Shared": {"schema": {"type": "string"}}},
    )
    log = run_one("response_without_description", doc)
    get = doc["paths"]["/a"]["get"]["responses"]
    assert (get["200"]["description"], get["default"]["description"]) == ("OK", "")
    assert doc["paths"]["/a"]["post"]["responses"] == {"default": {"description": ""}}
    assert doc["responses"]["Shared"]["description"] == ""
    assert sorted(applied(log)) == [
        ("response_without_description", "/responses/Shared"),
        ("response_without_description", "GET /a"),
        ("response_without_description", "GET /a"),
        ("response_without_description", "POST /a"),
    ]
    untouched("response_without_description", doc)


def test_dangling_schema_and_response_refs_are_repaired() -> None:
    doc = swagger(
        {
            "/a": {
                "get": {
                    "responses": {
                        "200": {"description": "OK", "schema": {"$ref": "#/definitions/Missing"}},
                        "404": {"$ref": "#/responses/NotFound"},
                    }
                }
            }
        },
        definitions={"Item": {"type": "object", "properties": {"owner": {"$ref": "#/definitions/Person"}}}},
    )
    log = run_one("dangling_ref", doc)
    assert doc["paths"]["/a"]["get"]["responses"]["200"]["schema"] == {
        "description": "The document refers to #/definitions/Missing, which it does not define."
    }
    assert "$ref" not in doc["paths"]["/a"]["get"]["responses"]["404"]
    assert "Person" in doc["definitions"]["Item"]["properties"]["owner"]["description"]
    assert sorted(a.where for a in log.applied) == ["/definitions/Item/properties/owner", "GET /a", "GET /a"]
    untouched("dangling_ref", doc)


@pytest.mark.parametrize(
    ("ref", "words"),
    [("#/parameters/Paging", "cannot be invented"), ("common.yaml#/Paging", "bundle it into one file")],
)
def test_dangling_parameter_refs_and_external_refs_are_refused(ref: str, words: str) -> None:
    doc = swagger({"/a": {"get": {"parameters": [{"$ref": ref}], "responses": OK}}})
    log = run_one("dangling_ref", doc)
    assert len(log.refused) == 1 and log.refused[0].where == "GET /a" and words in log.refused[0].what


def test_allow_empty_value_is_dropped_from_schemas_and_path_parameters_only() -> None:
    query = {"name": "q", "in": "query", "type": "string", "allowEmptyValue": True}
    path = {"name": "id", "in": "path", "required": True, "type": "string", "allowEmptyValue": False}
    doc = swagger(
        {"/a/{id}": {"get": {"parameters": [path, query], "responses": OK}}},
        definitions={"M": {"type": "object", "properties": {"x": {"type": "string", "allowEmptyValue": False}}}},
    )
    log = run_one("allow_empty_value_in_schema", doc)
    assert "allowEmptyValue" not in doc["definitions"]["M"]["properties"]["x"]
    assert "allowEmptyValue" not in path and query["allowEmptyValue"] is True  # legal on a query parameter
    assert sorted(a.where for a in log.applied) == ["/definitions/M/properties/x", "GET /a/{id}"]
    untouched("allow_empty_value_in_schema", doc)
    in_31 = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": {"M": {"type": "string", "allowEmptyValue": False}}},
    }
    untouched("allow_empty_value_in_schema", in_31)  # JSON Schema 2020-12 allows unknown keywords


def test_duplicate_enum_values_keep_their_first_occurrence() -> None:
    status = {
        "type": "string",
        "enum": ["200 OK", "302 FOUND", "302 FOUND", "413 X", "413 X"],
        "x-enum-varnames": ["OK", "FOUND", "MOVED", "LARGE", "TOO_LARGE"],
    }
    doc = openapi({}, {"ResponseEntity": {"type": "object", "properties": {"statusCode": status}}})
    log = run_one("duplicate_enum_values", doc)
    assert status["enum"] == ["200 OK", "302 FOUND", "413 X"]
    assert status["x-enum-varnames"] == ["OK", "FOUND", "LARGE"]
    assert applied(log) == [("duplicate_enum_values", "/components/schemas/ResponseEntity/properties/statusCode/enum")]
    untouched("duplicate_enum_values", doc)


def test_invalid_defaults_are_dropped() -> None:
    sort = {"name": "sort", "in": "query", "type": "string", "enum": ["ASC", "DESC"], "default": "asc"}
    size = {"name": "size", "in": "query", "type": "integer", "default": "20"}
    fine = {"name": "page", "in": "query", "type": "integer", "default": 0}
    doc = swagger(
        {"/a": {"get": {"parameters": [sort, size, fine], "responses": OK}}},
        definitions={"M": {"properties": {"n": {"type": "string", "x-nullable": True, "default": None}}}},
    )
    log = run_one("invalid_default", doc)
    assert "default" not in sort and "default" not in size and fine["default"] == 0
    assert doc["definitions"]["M"]["properties"]["n"]["default"] is None  # null is fine for a nullable field
    assert [a.detail for a in log.applied] == [
        'dropped default "asc", which is not among its enum values',
        'dropped default "20", which is not of type integer',
    ]
    untouched("invalid_default", doc)


def test_file_type_outside_responses_becomes_a_string() -> None:
    doc = swagger(
        {
            "/a": {
                "get": {"responses": {"200": {"description": "OK", "schema": {"type": "file"}}}},
                "post": {
                    "consumes": ["multipart/form-data"],
                    "parameters": [{"name": "f", "in": "formData", "type": "file"}],
                    "responses": OK,
                },
            }
        },
        definitions={"Doc": {"type": "object", "properties": {"attachment": {"type": "file"}}}},
    )
    log = run_one("file_type_in_model", doc)
    assert doc["definitions"]["Doc"]["properties"]["attachment"]["type"] == "string"
    assert doc["paths"]["/a"]["get"]["responses"]["200"]["schema"] == {"type": "file"}  # legal: a response
    assert doc["paths"]["/a"]["post"]["parameters"][0]["type"] == "file"  # legal: formData
    assert [a.where for a in log.applied] == ["/definitions/Doc/properties/attachment"]
    untouched("file_type_in_model", doc)


@pytest.mark.parametrize(
    ("paths", "where", "words"),
    [
        ({"/a": {"get": {"parameters": {"q": {"in": "query"}}, "responses": OK}}}, "GET /a", "parameters is an object"),
        ({"/a": {"parameters": "q", "get": {"responses": OK}}}, "path /a", "parameters is a string"),
        ({"/a": {"get": {"parameters": [["q"]], "responses": OK}}}, "GET /a", "the parameter is a list"),
        ({"/a": {"get": {"parameters": [{"in": "query"}], "responses": OK}}}, "GET /a", "no name"),
        ({"/a": {"get": {"responses": ["200"]}}}, "GET /a", "responses is a list"),
        ({"/a": {"get": "x"}}, "GET /a", "the operation is a string"),
        ({"/a": []}, "path /a", "the path item is a list"),
    ],
)
def test_shapes_no_repair_can_read_are_refused(paths: Doc, where: str, words: str) -> None:
    problems = structure_problems(swagger(paths))
    assert problems and problems[0].where == where and words in problems[0].what
    with pytest.raises(RepairError) as caught:
        repair_document(swagger(paths))
    assert caught.value.one_line().startswith(f"repair: {where}: ")


def test_a_clean_document_is_not_touched_by_any_repair() -> None:
    doc = swagger(
        {
            "/a/{id}": {
                "get": {
                    "parameters": [PATH_ID],
                    "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/M"}}},
                }
            }
        },
        definitions={
            "M": {"type": "object", "properties": {"s": {"type": "string", "enum": ["A", "B"], "default": "A"}}}
        },
    )
    before = copy.deepcopy(doc)
    log = repair_document(doc)
    assert doc == before and log.applied == []


# -- round 2: defects with one meaning --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["200", "-1", "0"], ["200"]),
        (["200", "400-599"], ["200", "4XX", "5XX"]),
        (["200", "4xx"], ["200", "4XX"]),
        (["200", "4XX", "400-499"], ["200", "4XX"]),  # the range is already described
        (["200", "404-409"], ["200"]),  # not a whole class: no status code, dropped
    ],
)
def test_non_http_response_keys_are_dropped_or_become_ranges(keys: list[str], expected: list[str]) -> None:
    doc = openapi({"/a": {"get": {"responses": {k: {"description": k} for k in keys}}}})
    log = run_one("non_http_response_key", doc)
    responses = doc["paths"]["/a"]["get"]["responses"]
    assert list(responses) == expected
    assert log.applied and all(a.where == "GET /a" for a in log.applied)
    if "5XX" in expected:
        assert responses["5XX"]["description"] == "400-599"


def test_a_swagger_2_range_waits_under_a_free_code_of_its_class() -> None:
    doc = swagger(
        {
            "/a": {
                "get": {
                    "responses": {
                        "200": {"description": "OK"},
                        "499": {"description": "x"},
                        "4XX": {"description": "errors"},
                    }
                }
            }
        }
    )
    run_one("non_http_response_key", doc)
    responses = doc["paths"]["/a"]["get"]["responses"]
    assert responses["498"] == {"description": "errors", "x-inspera-status-range": "4XX"}
    assert responses["499"] == {"description": "x"}


def test_valid_response_keys_are_untouched() -> None:
    untouched(
        "non_http_response_key",
        openapi(
            {
                "/a": {
                    "get": {
                        "responses": {
                            "200": {"description": "OK"},
                            "5XX": {"description": "e"},
                            "default": {"description": "d"},
                        }
                    }
                }
            }
        ),
    )
    untouched("non_http_response_key", swagger({"/a": {"get": {"responses": {"201": {"description": "OK"}}}}}))


def test_file_arrays_in_forms_become_binary_strings() -> None:
    files = {"name": "files", "in": "formData", "type": "array", "items": {"type": "file"}}
    doc = swagger({"/a": {"post": {"consumes": ["multipart/form-data"], "parameters": [files], "responses": OK}}})
    log = run_one("file_array_in_form", doc)
    assert doc["paths"]["/a"]["post"]["parameters"][0]["items"] == {"type": "string", "format": "binary"}
    assert applied(log) == [("file_array_in_form", "POST /a")]
    untouched(
        "file_array_in_form",
        swagger(
            {
                "/a": {
                    "post": {
                        "parameters": [
                            {"name": "tags", "in": "formData", "type": "array", "items": {"type": "string"}}
                        ],
                        "responses": OK,
                    }
                }
            }
        ),
    )


@pytest.mark.parametrize("version", ["2.0", "3.0"])
def test_location_is_dropped_from_schemes_other_than_api_key(version: str) -> None:
    bearer = {"type": "http", "scheme": "bearer", "in": "header", "name": "Authorization"}
    api_key = {"type": "apiKey", "in": "header", "name": "X-Key"}
    if version == "2.0":
        bearer = {"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://a", "scopes": {}, "in": "header"}
        doc = swagger({}, securityDefinitions={"bearer": bearer, "key": api_key})
        schemes = doc["securityDefinitions"]
    else:
        doc = openapi({})
        doc["components"]["securitySchemes"] = {"bearer": bearer, "key": api_key}
        schemes = doc["components"]["securitySchemes"]
    log = run_one("security_scheme_location", doc)
    assert "in" not in schemes["bearer"] and "name" not in schemes["bearer"]
    assert schemes["key"] == {"type": "apiKey", "in": "header", "name": "X-Key"}
    assert [a.repair for a in log.applied] == ["security_scheme_location"]


def test_keywords_not_allowed_in_items_are_dropped() -> None:
    ids = {
        "name": "ids",
        "in": "formData",
        "type": "array",
        "description": "the ids",
        "items": {"type": "integer", "description": "an id", "example": 3, "x-note": "kept"},
    }
    doc = swagger({"/a": {"post": {"parameters": [ids], "responses": OK}}})
    log = run_one("keyword_in_items", doc)
    assert ids["items"] == {"type": "integer", "x-note": "kept"} and ids["description"] == "the ids"
    assert [a.detail for a in log.applied] == ["dropped description, example, not allowed in items"]
    untouched(
        "keyword_in_items",
        swagger(
            {
                "/a": {
                    "get": {
                        "parameters": [
                            {"name": "q", "in": "query", "type": "array", "items": {"type": "string", "enum": ["a"]}}
                        ],
                        "responses": OK,
                    }
                }
            }
        ),
    )


def test_unknown_fields_are_kept_under_their_x_name() -> None:
    doc = swagger(
        {"/a": {"get": {"produce": ["application/json"], "responses": {"200": {"description": "OK", "code": 1}}}}},
        definitions={"M": {"type": "object", "sample": 1}},
    )
    doc["info"]["logo"] = {"url": "https://example.org/logo.png"}
    doc["info"]["x-logo"] = "already there"
    log = run_one("unknown_field", doc)
    assert doc["info"] == {"title": "t", "version": "1", "x-logo": "already there"}
    op = doc["paths"]["/a"]["get"]
    assert op["x-produce"] == ["application/json"] and "produce" not in op
    assert op["responses"]["200"] == {"description": "OK", "x-code": 1}
    assert doc["definitions"]["M"] == {"type": "object", "x-sample": 1}
    assert sorted(a.where for a in log.applied) == ["/definitions/M", "/info", "GET /a", "GET /a"]


def test_a_valid_document_has_no_unknown_fields() -> None:
    doc = openapi(
        {
            "/a": {
                "summary": "s",
                "get": {
                    "parameters": [{"name": "q", "in": "query", "style": "form", "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "OK", "links": {}}},
                },
            }
        }
    )
    doc["info"]["license"] = {"name": "MIT", "identifier": "MIT"}
    doc["tags"] = [{"name": "t", "description": "d"}]
    untouched("unknown_field", doc)


def test_a_dangling_ref_as_a_parameter_type_is_refused_and_as_a_body_repaired() -> None:
    query = {"name": "state", "in": "query", "schema": {"$ref": "#/components/schemas/State"}}
    log = run_one("dangling_ref", openapi({"/a": {"get": {"parameters": [query], "responses": OK}}}))
    assert [p.where for p in log.refused] == ["GET /a"] and "how to send the parameter" in log.refused[0].what
    body = {"in": "body", "name": "b", "schema": {"$ref": "#/definitions/Missing"}}
    log = run_one("dangling_ref", swagger({"/a": {"post": {"parameters": [body], "responses": OK}}}))
    assert not log.refused and applied(log) == [("dangling_ref", "POST /a")]


def test_unknown_schema_keywords_are_kept_under_their_x_name_except_where_allowed() -> None:
    doc = swagger(
        {
            "/a": {
                "get": {
                    "responses": {
                        "200": {"description": "OK", "schema": {"$ref": "#/definitions/M", "originalRef": "M"}}
                    }
                }
            }
        },
        definitions={"M": {"type": "object", "sample": 1, "properties": {"a": {"type": "string", "nullable": True}}}},
    )
    log = run_one("unknown_field", doc)
    assert doc["definitions"]["M"] == {
        "type": "object",
        "x-sample": 1,
        "properties": {"a": {"type": "string", "nullable": True}},
    }
    assert doc["paths"]["/a"]["get"]["responses"]["200"]["schema"] == {"$ref": "#/definitions/M", "x-originalRef": "M"}
    assert sorted(a.where for a in log.applied) == ["/definitions/M", "GET /a"]
    reference = openapi(
        {
            "/a": {
                "get": {
                    "responses": {
                        "200": {
                            "description": "OK",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/M", "originalRef": "M"}}
                            },
                        }
                    }
                }
            }
        },
        {"M": {"type": "object"}},
    )
    untouched("unknown_field", reference)  # OpenAPI 3.0 allows (and ignores) fields next to $ref
    loose = openapi({}, {"M": {"type": "object", "$comment": "3.1 allows any keyword"}})
    loose["openapi"] = "3.1.0"
    untouched("unknown_field", loose)


@pytest.mark.parametrize(
    ("path", "target", "names"),
    [
        ("/bugs/{?name}", "/bugs/", ["name"]),
        ("/bugs{?a,b}", "/bugs", ["a", "b"]),
        ("/bugs{?x}{&y}", "/bugs", ["x", "y"]),
        ("/bugs{?page*,size}", "/bugs", ["page", "size"]),
    ],
)
def test_every_rfc_6570_query_form_becomes_query_parameters(path: str, target: str, names: list[str]) -> None:
    doc = swagger({path: {"get": {"responses": OK}}})
    run_one("query_template_in_path", doc)
    assert list(doc["paths"]) == [target]
    params = doc["paths"][target]["get"]["parameters"]
    assert [(p["name"], p["in"], p["required"], p["type"]) for p in params] == [
        (n, "query", False, "string") for n in names
    ]


@pytest.mark.parametrize("version", ["2.0", "3.0"])
def test_unknown_header_fields_are_kept_under_their_x_name(version: str) -> None:
    header: Doc = {"description": "when", "type": "string"} if version == "2.0" else {"schema": {"type": "string"}}
    header["exampleValue"] = "soon"
    response = {"description": "OK", "headers": {"X-Expires": header}}
    doc = (
        swagger({"/a": {"get": {"responses": {"200": response}}}})
        if version == "2.0"
        else openapi({"/a": {"get": {"responses": {"200": response}}}})
    )
    log = run_one("unknown_field", doc)
    assert "exampleValue" not in header and header["x-exampleValue"] == "soon"
    assert applied(log) == [("unknown_field", "GET /a")]

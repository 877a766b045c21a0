"""The simulator's request check on inline descriptions: path matching, Allow, parameter and body rules."""

from __future__ import annotations

from typing import Any

import pytest
from inspera.testing.conformance import Described
from inspera.testing.http import HTTPFailure

DOC: dict[str, Any] = {
    "paths": {
        "/v1/test/search": {"get": {"parameters": [
            {"in": "query", "name": "page", "schema": {"type": "integer", "format": "int32", "minimum": 0}},
            {"in": "query", "name": "all", "schema": {"type": "boolean"}},
        ]}},
        "/v1/test/{testId}": {"get": {}, "delete": {}},
        "/v1/test": {"post": {
            "parameters": [{"in": "header", "name": "code", "required": True, "schema": {"type": "string",
                                                                                       "minLength": 1}}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/Create"}}}},
        }},
    },
    "components": {"schemas": {"Create": {
        "type": "object", "required": ["externalTestId"],
        "properties": {
            "externalTestId": {"type": "string", "minLength": 1},
            "title": {"type": "string", "maxLength": 5, "pattern": "\\S"},
            "duration": {"type": "integer", "format": "int32", "minimum": 0},
            "start": {"type": "string", "format": "date-time"},
            "kind": {"type": "string", "enum": ["A", "B"]},
            "tags": {"type": "array", "items": {"type": "string"}},
            "extra": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    }}},
}
DESCRIBED = Described(DOC)


def test_the_most_literal_template_wins_and_unknown_methods_list_every_documented_one() -> None:
    match = DESCRIBED.match("/v1/test/search", "GET")
    assert match is not None and match.template == "/v1/test/search" and match.operation is not None
    other = DESCRIBED.match("/v1/test/17", "PUT")
    assert other is not None and other.operation is None and other.allowed == ("DELETE", "GET")
    head = DESCRIBED.match("/v1/test/17", "HEAD")
    assert head is not None and head.operation is not None  # HEAD is served where GET is
    assert DESCRIBED.match("/v1/nothing", "GET") is None


def _refusal(query: dict[str, list[str]] | None = None, body: bytes = b"", headers: dict[str, str] | None = None,
             path: str = "/v1/test", method: str = "POST") -> str | None:
    match = DESCRIBED.match(path, method)
    assert match is not None and match.operation is not None
    try:
        DESCRIBED.check(match.operation, query or {}, {"code": "k"} if headers is None else headers, body)
    except HTTPFailure as failure:
        assert failure.status == 400
        return failure.description
    return None


@pytest.mark.parametrize(("body", "words"), [
    (b"", "needs a JSON body"),
    (b"{", "not valid JSON"),
    (b"[]", "type object"),
    (b"{}", "externalTestId"),
    (b'{"externalTestId": ""}', "at least 1"),
    (b'{"externalTestId": "x", "title": "   "}', "pattern"),
    (b'{"externalTestId": "x", "title": "toolong"}', "at most 5"),
    (b'{"externalTestId": "x", "duration": -1}', "at least 0"),
    (b'{"externalTestId": "x", "duration": 2147483648}', "at most"),
    (b'{"externalTestId": "x", "duration": true}', "integer"),
    (b'{"externalTestId": "x", "start": "yesterday"}', "date-time"),
    (b'{"externalTestId": "x", "start": "2026-01-01T10:00:00"}', "date-time"),
    (b'{"externalTestId": "x", "kind": "C"}', "one of A, B"),
    (b'{"externalTestId": "x", "tags": ["a", 1]}', "tags[1]"),
    (b'{"externalTestId": "x", "extra": {"k": 1}}', "extra.k"),
])
def test_a_body_that_breaks_the_description_is_refused_naming_the_rule(body: bytes, words: str) -> None:
    refusal = _refusal(body=body)
    assert refusal is not None and words in refusal


def test_a_body_that_fits_is_let_through_with_unknown_fields_where_the_schema_allows_them() -> None:
    assert _refusal(body=b'{"externalTestId": "x", "title": "ok", "start": "2026-01-01T10:00:00Z", "new": 1}') is None


def test_parameters_are_read_as_their_declared_type() -> None:
    assert _refusal(headers={}, body=b'{"externalTestId": "x"}') == "the header parameter 'code' is required"
    assert "at least 1" in str(_refusal(headers={"code": ""}, body=b'{"externalTestId": "x"}'))
    search = {"path": "/v1/test/search", "method": "GET"}
    assert _refusal({"page": ["2"], "all": ["True"]}, **search) is None  # published clients send True
    assert "integer" in str(_refusal({"page": ["two"]}, **search))
    assert "at least 0" in str(_refusal({"page": ["-1"]}, **search))
    assert "true or false" in str(_refusal({"all": ["yes"]}, **search))
    assert "2 times" in str(_refusal({"page": ["1", "2"]}, **search))

"""Reading documents: formats, HTML detection and clean errors on bad bytes."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pipeline.documents import dump_json, parse
from pipeline.errors import SpecError


def test_json_and_yaml() -> None:
    assert parse(b'{"swagger": "2.0", "paths": {}}').format == "swagger-2.0"
    doc = parse(b"openapi: 3.0.3\npaths: {}\n")
    assert doc.format == "openapi-3.0" and doc.syntax == "yaml" and doc.suffix == ".yaml"
    assert parse(b'{"openapi": "3.1.0"}').format == "openapi-3.1"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"<!DOCTYPE html><html><body>Swagger UI</body></html>", "HTML page"),
        (b"[1, 2]", "JSON object"),
        (b'{"openapi": "4.0"}', "no supported"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"{: [", "neither JSON nor YAML"),
    ],
)
def test_bad_documents(raw: bytes, message: str) -> None:
    with pytest.raises(SpecError, match=message):
        parse(raw)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_escape_as_other_errors(raw: bytes) -> None:
    with contextlib.suppress(SpecError):
        parse(raw)


def test_dump_is_sorted_and_newline_terminated() -> None:
    assert dump_json({"b": 1, "a": {"d": 2, "c": 3}}) == b'{\n  "a": {\n    "c": 3,\n    "d": 2\n  },\n  "b": 1\n}\n'

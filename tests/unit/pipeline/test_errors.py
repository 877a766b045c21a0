"""Error lines a person can act on: one line each, at most 300 characters, the place named, no instance, no repr."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pipeline.errors import LINE_LIMIT, PREFIX, GenerationError, PipelineError, Problem, SpecError, clip
from pipeline.generate import _note
from pipeline.validate import problems_of

REPR = "<openapi_python_client.schema.untrusted_string.UntrustedString object at 0x7f307ebd2350>"


def test_a_problem_is_one_line_of_at_most_the_limit() -> None:
    problem = Problem("validate", "GET /v1/" + "x" * 400, "what\nis\twrong " * 100)
    line = problem.line()
    assert line.startswith("error: validate: GET /v1/xxx") and "…" in line
    assert "\n" not in line and "\t" not in line and len(line) <= LINE_LIMIT


def test_reprs_are_scrubbed() -> None:
    assert clip(f"Cannot parse response for status code {REPR} (Unsupported)", 200) == (
        "Cannot parse response for status code … (Unsupported)"
    )


def test_several_problems_show_the_first_and_how_many_more() -> None:
    problems = [Problem("spec", f"GET /v1/items/{i}", "x" * 500) for i in range(12)]
    error = SpecError.of(problems)
    line = error.one_line()
    assert line.startswith("spec: GET /v1/items/0: ") and line.endswith(" (and 11 more)")
    assert len(PREFIX + line) <= LINE_LIMIT
    assert len(error.lines()) == 12 and all(len(PREFIX + ln) <= LINE_LIMIT for ln in error.lines())


def test_plain_message_errors_keep_working() -> None:
    error = GenerationError("openapi-python-client did not finish within 300 s")
    assert error.one_line() == "generate: openapi-python-client did not finish within 300 s"
    assert error.problems == [Problem("generate", "", "openapi-python-client did not finish within 300 s")]
    with pytest.raises(ValueError):
        PipelineError.of([])


def _big_invalid_document() -> dict[str, Any]:
    """Twelve problems, each inside a large object that a naive message would print whole."""
    essay = "A long description. " * 300
    paths: dict[str, Any] = {}
    for i in range(12):
        paths[f"/v1/items{i}"] = {
            "get": {
                "description": essay,
                "parameters": [{"name": "q", "in": "query", "type": "strin", "description": essay}],
                "responses": {"200": {"description": "OK"}},
            }
        }
    return {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": paths}


def test_validation_problems_name_the_operation_and_never_embed_the_instance() -> None:
    doc = _big_invalid_document()
    assert len(json.dumps(doc)) > 100_000
    problems = problems_of(doc, "spec")
    assert len(problems) == 12
    for i, problem in enumerate(sorted(problems, key=lambda p: int(p.where.split("items")[1]))):
        line = problem.line()
        assert problem.where == f"GET /v1/items{i}"
        assert (
            line == f'error: spec: GET /v1/items{i}: parameters/0: type: "strin" is not one of '
            '["string", "number", "boolean", "integer", "array"]'
        )
        assert "A long description" not in line and len(line) <= LINE_LIMIT


def test_schema_errors_outside_operations_use_a_json_pointer() -> None:
    doc = {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "definitions": {"Item": {"type": "object", "properties": {"x": {"type": "string", "nullable": "yes"}}}},
    }
    [problem] = problems_of(doc, "spec")
    assert problem.where == "/definitions/Item/properties/x"
    assert "nullable" in problem.what and "{" not in problem.what


def test_generator_findings_become_operation_notes_without_reprs_or_dumps() -> None:
    finding = {
        "level": "WARNING",
        "header": "WARNING parsing GET /v1/x within items.",
        "detail": f"Cannot parse response for status code {REPR} (Unsupported content_type a/b), response "
        'will be omitted\n\n{"description": "a whole dumped object"}',
    }
    note = _note(finding)
    assert note.operation == "GET /v1/x" and not note.dropped
    assert "object at 0x" not in note.text and "dumped object" not in note.text
    dropped = _note(
        {
            "level": "WARNING",
            "header": "WARNING parsing POST /y within z. Endpoint will not be generated.",
            "detail": "Unsupported content type text/plain",
        }
    )
    assert dropped.dropped and dropped.line() == "POST /y: Unsupported content type text/plain"
    model = _note({"level": "WARNING", "header": "\nUnable to process schema /components/schemas/E:", "detail": "Bad"})
    assert model.operation == "" and model.text == "Unable to process schema /components/schemas/E Bad"

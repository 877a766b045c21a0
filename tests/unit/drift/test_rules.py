"""Each rule on a minimal spec pair, in OpenAPI 3 and Swagger 2.0 form: id, severity and exit code."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from apidrift.changes import FAIL_ON_CHOICES, DriftReport, FailOn
from apidrift.check import check
from apidrift.rules import CATALOGUE
from apidrift.sides import Side, from_converted, prepare
from pipeline.documents import parse
from pipeline.layout import Layout
from pipeline.names import NameMap
from pipeline.validate import check_source

from .specs import CASES, DOCS_CASES, FORMS, NAMES, Case, Form

Converted = dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]]
RANK = {"info": 1, "warning": 2, "breaking": 3}
# fail-on -> exit code by the worst severity found (1 info, 2 warning, 3 breaking)
EXIT = {
    "breaking": {3: 1, 2: 0, 1: 0},
    "warning": {3: 1, 2: 1, 1: 0},
    "any": {3: 1, 2: 1, 1: 1},
    "never": {3: 0, 2: 0, 1: 0},
}


def _names() -> NameMap:
    return NameMap.from_dict(NAMES)


def _side_openapi(doc: dict[str, Any], label: str) -> Side:
    return prepare(parse(json.dumps(doc).encode(), origin=label), label, _names(), Layout())


def _side_swagger(source: dict[str, Any], converted: dict[str, Any], label: str) -> Side:
    prepared = copy.deepcopy(source)
    for op in (item for path in prepared["paths"].values() for item in path.values()):
        op.pop("operationId", None)  # the validator rejects the duplicate ids some fixtures carry
    check_source(prepared, origin=label)  # the fixture itself is a valid Swagger 2.0 document
    return from_converted(converted, label, _names(), fmt="swagger-2.0")


def _sides(case: Case, form: Form, converted: Converted) -> tuple[Side, Side]:
    if form == "openapi":
        old, new = case.documents("openapi")
        return _side_openapi(old, "old"), _side_openapi(new, "new")
    old_src, new_src, old_conv, new_conv = converted[case.name]
    return _side_swagger(old_src, old_conv, "old"), _side_swagger(new_src, new_conv, "new")


def _run(case: Case, form: Form, converted: Converted, fail_on: FailOn = "breaking") -> DriftReport:
    old, new = _sides(case, form, converted)
    return check(old, new, fail_on=fail_on, include_docs=case.include_docs)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule(case: Case, form: Form, swagger_converted: Converted) -> None:
    report = _run(case, form, swagger_converted)
    assert {c.rule for c in report.changes} == case.expected
    primary = [c for c in report.changes if c.rule == case.rule]
    assert {c.severity.label for c in primary} == {case.severity}
    for change in report.changes:
        assert change.operations or change.location.startswith("/components/schemas/"), change
        assert change.location.startswith("/"), change
        assert change.message and "\n" not in change.message
    worst = max([RANK[case.severity]] + [RANK[CATALOGUE[r].severity.label] for r in case.also])
    for fail_on in FAIL_ON_CHOICES:
        judged = DriftReport(report.old, report.new, fail_on=fail_on, changes=report.changes)
        assert judged.exit_code == EXIT[fail_on][worst], fail_on


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", DOCS_CASES, ids=[c.name for c in DOCS_CASES])
def test_documentation_edits_are_silent_by_default(case: Case, form: Form, swagger_converted: Converted) -> None:
    old, new = _sides(case, form, swagger_converted)
    report = check(old, new, fail_on="any")
    assert report.changes == []
    assert report.exit_code == 0
    assert not report.identical


@pytest.mark.parametrize("form", FORMS)
def test_identical_documents_report_nothing(form: Form, swagger_converted: Converted) -> None:
    if form == "openapi":
        from .specs import base

        old, new = _side_openapi(base(form), "old"), _side_openapi(base(form), "new")
    else:
        src, _, conv, _ = swagger_converted[""]
        old, new = _side_swagger(src, conv, "old"), _side_swagger(src, conv, "new")
    report = check(old, new, fail_on="any", include_docs=True)
    assert report.identical and report.changes == [] and report.exit_code == 0


def test_every_catalogued_rule_has_a_case() -> None:
    assert {case.rule for case in CASES} == set(CATALOGUE)


def test_forms_agree_on_locations(swagger_converted: Converted) -> None:
    """Both input forms normalise to the same document, so changes point at the same places."""
    for case in CASES:
        by_form = {form: _run(case, form, swagger_converted).changes for form in FORMS}
        assert [(c.rule, c.location) for c in by_form["openapi"]] == [
            (c.rule, c.location) for c in by_form["swagger"]
        ], case.name

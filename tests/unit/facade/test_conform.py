"""Parsed answers are checked against their declared types: a typed result never holds a value of another type."""

from __future__ import annotations

import inspect
import json
import typing
from typing import Any

import attrs
import inspera_api.models as models
import pytest
from inspera._calls.conform import Misfit, _model_names, check_answer, conform, model_checker
from inspera_api.api.tests import get_test, list_contributors
from inspera_api.api.webhooks import list_webhook_events
from inspera_api.models.evaluation import Evaluation
from inspera_api.models.file_export_order_request_parameters import FileExportOrderRequestParameters
from inspera_api.models.test_metadata import TestMetadata as Metadata
from inspera_api.types import Unset

MODELS = [cls for _, cls in inspect.getmembers(models, inspect.isclass) if attrs.has(cls)]


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
def test_every_generated_models_annotations_can_be_evaluated(cls: type[Any]) -> None:
    """No model is silently left unchecked because an annotation names something the checker cannot resolve."""
    hints = typing.get_type_hints(cls, localns=_model_names())
    assert {field.name for field in attrs.fields(cls)} <= hints.keys()


def test_fields_the_generated_parser_builds_are_not_checked_again() -> None:
    """Dates (parsed by the generator) and an `additional_properties` of `Any` values can hold nothing else."""
    check = model_checker(Metadata)
    assert check is not None
    test = Metadata.from_dict({"startTime": "2024-05-02T09:00:00Z"})
    test.additional_properties = "not a dict"  # type: ignore[assignment]  # only a parser bug could do this
    check(test)


def misfit_of(parse: Any, result: Any) -> Misfit:
    with pytest.raises(Misfit) as caught:
        check_answer(parse, result)
    return caught.value


@pytest.mark.parametrize(
    ("data", "where", "expected", "got"),
    [
        ({"assessmentRunId": "1; DROP TABLE"}, "assessment_run_id", "int | Unset", "str"),
        ({"assessmentRunId": True}, "assessment_run_id", "int | Unset", "bool"),
        ({"assessmentRunId": 1.5}, "assessment_run_id", "int | Unset", "float"),
        ({"committees": [{"name": None}]}, "committees[0].name", "str", "None"),
        ({"title": ["a"]}, "title", "str | Unset", "list"),
        ({"committees": [{"name": "a"}, {"name": 7}]}, "committees[1].name", "str", "int"),
        ({"committees": [{"name": "a", "type": {"x": 1}}]}, "committees[0].type_", "str | Unset", "dict"),
        ({"contributors": [{}, {"roles": ["a", 2]}]}, "contributors[1].roles[1]", "str", "int"),
        (
            {"contributors": [{"externalUserIds": [{"authType": "a"}, {"authType": 3}]}]},
            "contributors[0].external_user_ids[1].auth_type",
            "str | Unset",
            "int",
        ),
    ],
)
def test_a_value_of_another_type_is_a_misfit_naming_the_path_not_the_value(
    data: dict[str, Any], where: str, expected: str, got: str
) -> None:
    misfit = misfit_of(get_test._parse_response, Metadata.from_dict(data))
    assert (misfit.path(), misfit.expected, misfit.got) == (where, expected, got)
    assert "DROP" not in str(misfit)


def test_a_list_field_holding_no_list_is_a_misfit_at_any_depth() -> None:
    """What the parser would not build (it iterates whatever it gets), set by hand: the field is named all the same."""
    test = Metadata.from_dict({"contributors": [{}, {}]})
    test.committees = {"name": "a"}  # type: ignore[assignment]
    misfit = misfit_of(get_test._parse_response, test)
    assert (misfit.path(), misfit.got) == ("committees", "dict")
    test = Metadata.from_dict({"contributors": [{}, {}]})
    assert isinstance(test.contributors, list)
    test.contributors[1].external_user_ids = "x"  # type: ignore[assignment]
    misfit = misfit_of(get_test._parse_response, test)
    assert (misfit.path(), misfit.got) == ("contributors[1].external_user_ids", "str")


def test_fitting_answers_pass_with_unset_fields_and_unknown_extra_fields() -> None:
    full = {"assessmentRunId": 1, "title": "t", "startTime": "2024-05-02T09:00:00Z", "committees": [{"name": "a"}]}
    check_answer(get_test._parse_response, Metadata.from_dict({**full, "vendorAddition": {"any": [1, None]}}))
    check_answer(get_test._parse_response, Metadata.from_dict({}))


def test_a_float_field_admits_integers_but_not_booleans_or_text() -> None:
    check = model_checker(Evaluation)
    assert check is not None
    check(Evaluation.from_dict({"score": 3}))
    check(Evaluation.from_dict({"score": 2.5}))
    for wrong in (True, "3"):
        with pytest.raises(Misfit, match=r"score: expected float \| Unset"):
            check(Evaluation.from_dict({"score": wrong}))


def test_typed_additional_properties_are_checked_by_key() -> None:
    check = model_checker(FileExportOrderRequestParameters)
    assert check is not None
    check(FileExportOrderRequestParameters.from_dict({"a": "1"}))
    with pytest.raises(Misfit) as caught:
        check(FileExportOrderRequestParameters.from_dict({"a": "1", "b": 2}))
    assert caught.value.path() == "['b']" and caught.value.got == "int"


def test_a_plain_json_answer_must_have_its_declared_type() -> None:
    check_answer(list_webhook_events._parse_response, ["a", "b"])
    for wrong, where, got in [({"a": 1}, "the body", "dict"), (None, "the body", "None"), (["a", 2], "[1]", "int")]:
        misfit = misfit_of(list_webhook_events._parse_response, wrong)
        assert (misfit.path(), misfit.got) == (where, got)


def test_a_list_of_models_checks_each_model() -> None:
    from inspera_api.models.contributor import Contributor

    good = [Contributor.from_dict({"userId": 1})]
    check_answer(list_contributors._parse_response, good)
    fields = [f.name for f in attrs.fields(Contributor) if f.name != "additional_properties"]
    bad = Contributor.from_dict({})
    setattr(bad, fields[0], object())
    assert misfit_of(list_contributors._parse_response, [*good, bad]).path() == f"[1].{fields[0]}"


def test_any_admits_everything_and_unions_admit_each_member() -> None:
    conform(object(), Any)
    conform(None, int | None)
    conform(Unset(), int | Unset)
    with pytest.raises(Misfit, match=r"expected int \| None, got str"):
        conform("1", int | None)



def test_a_webhook_event_of_the_wrong_types_is_a_webhook_error_without_the_value() -> None:
    from inspera.webhooks import WebhookError, parse_event

    event = {"event": "a", "contextObjectId": 1, "contextObjectType": "TEST", "marketplaceId": 2,
             "timestamp": "2024-05-02T09:00:00Z"}
    assert parse_event(json.dumps({**event, "associatedObjectId": 5})).associated_object_id == 5
    with pytest.raises(WebhookError, match=r"associated_object_id: expected int \| Unset, got str") as caught:
        parse_event(json.dumps({**event, "associatedObjectId": "planted-value-1234"}))
    assert "planted" not in str(caught.value)


def test_an_export_file_of_the_wrong_types_is_an_export_format_error() -> None:
    from inspera.exports.errors import ExportFormatError
    from inspera.exports.kinds import SUBMISSIONS

    SUBMISSIONS.parse_document({"lineItemSourcedId": 1})
    with pytest.raises(ExportFormatError, match=r"line_item_sourced_id: expected int \| Unset, got str"):
        SUBMISSIONS.parse_document({"lineItemSourcedId": "x"})

"""The export-kind table agrees with the generated operations it names."""

from __future__ import annotations

import inspect

import pytest
from inspera.exports.kinds import KINDS


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda k: k.name)
def test_status_operation_takes_exactly_the_declared_params_and_a_job_id(kind) -> None:
    signature = inspect.signature(kind.status_module().sync_detailed)
    positional = [name for name, p in signature.parameters.items() if p.kind is not p.KEYWORD_ONLY]
    assert positional == [*kind.status_params, "job_id"]


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda k: k.name)
def test_order_operation_exists_with_both_flavours(kind) -> None:
    module = kind.order_module()
    assert callable(module.sync_detailed) and callable(module.asyncio_detailed)
    if kind.name != "file":
        signature = inspect.signature(module.sync_detailed)
        positional = [name for name, p in signature.parameters.items() if p.kind is not p.KEYWORD_ONLY]
        assert positional == list(kind.status_params)


def test_kind_names_are_the_table_keys() -> None:
    assert {name for name in KINDS} == {kind.name for kind in KINDS.values()}
    assert set(KINDS) == {
        "results", "submissions", "candidate_submissions", "candidate_results", "candidate_pdf", "events", "file"
    }


@pytest.mark.parametrize("kind", [k for k in KINDS.values() if k.document_model], ids=lambda k: k.name)
def test_document_models_are_generated_classes(kind) -> None:
    cls = kind.document_class()
    assert cls.__module__.startswith("inspera_api.models.") and callable(cls.from_dict)


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda k: k.name)
def test_order_operations_take_an_expiry_period(kind) -> None:
    # Every asynchronous export takes expiryPeriod: in the query of the GET orders, in the body of the POST ones.
    module = kind.order_module()
    parameters = inspect.signature(module.sync_detailed).parameters
    if "body" in parameters:
        body_type = parameters["body"].annotation
        assert "FileExportOrderRequest" in str(body_type) or "CandidatePdfRequest" in str(body_type)
    else:
        assert "expiry_period" in parameters


def test_a_kind_without_a_file_model_says_so() -> None:
    from inspera.exports import ExportFormatError

    with pytest.raises(ExportFormatError, match="no documented file model"):
        KINDS["candidate_pdf"].document_class()
    with pytest.raises(ExportFormatError, match="not a JSON object"):
        KINDS["candidate_results"].parse_document([1, 2])
    with pytest.raises(ExportFormatError, match="does not fit CandidateResults"):
        KINDS["candidate_results"].parse_document({"evaluationRounds": "not a list"})

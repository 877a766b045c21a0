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
    assert set(KINDS) == {"results", "submissions", "candidate_submissions", "events", "file"}

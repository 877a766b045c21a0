"""Continuation tokens round-trip and reject anything garbled or hostile with a typed error."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from inspera.errors import InsperaError
from inspera.exports.errors import InvalidContinuationToken
from inspera.exports.kinds import CANDIDATE_SUBMISSIONS, FILE, KINDS
from inspera.exports.token import ContinuationToken, parse_token


def test_round_trip_is_small_stable_json() -> None:
    token = ContinuationToken(CANDIDATE_SUBMISSIONS, "abc-1", {"user_id": 2, "test_id": 1})
    text = token.encode()
    assert json.loads(text) == {
        "v": 1,
        "kind": "candidate_submissions",
        "job": "abc-1",
        "params": {"test_id": 1, "user_id": 2},
    }
    assert len(text) < 120
    assert parse_token(text) == ContinuationToken(CANDIDATE_SUBMISSIONS, "abc-1", {"test_id": 1, "user_id": 2})
    assert parse_token(ContinuationToken(FILE, "9", {}).encode()).kind is FILE


def _token(**changes: object) -> str:
    body: dict[str, object] = {"v": 1, "kind": "results", "job": "j1", "params": {"test_id": 5}}
    body.update(changes)
    return json.dumps({k: v for k, v in body.items() if v is not ...})


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        "null",
        _token(v=2),
        _token(v=True),
        _token(v="1"),
        _token(kind="payroll"),
        _token(kind=None),
        _token(job="../../admin"),
        _token(job="a" * 200),
        _token(job=""),
        _token(job=12),
        _token(params={"test_id": -1}),
        _token(params={"test_id": "5"}),
        _token(params={"test_id": True}),
        _token(params={"test_id": 5, "user_id": 1}),
        _token(params={}),
        _token(params=[5]),
        _token(extra=1),
        _token(params=...),
        "[" * 100_000,
        "[" * 2000,
        '{"v":1,' + " " * 5000 + "}",
    ],
)
def test_rejects_garbled_or_hostile_tokens(text: str) -> None:
    with pytest.raises(InvalidContinuationToken) as caught:
        parse_token(text)
    assert isinstance(caught.value, InsperaError)
    assert "admin" not in str(caught.value)


def test_rejects_non_strings() -> None:
    with pytest.raises(InvalidContinuationToken):
        parse_token(b'{"v":1}')


@given(st.text(max_size=300))
def test_arbitrary_text_is_parsed_or_rejected_typed(text: str) -> None:
    try:
        token = parse_token(text)
    except InvalidContinuationToken:
        return
    assert token.kind in KINDS.values()


@given(
    kind=st.sampled_from(list(KINDS.values())),
    job=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,40}", fullmatch=True),
    ids=st.lists(st.integers(min_value=0, max_value=2**63 - 1), min_size=2, max_size=2),
)
def test_every_valid_token_round_trips(kind, job: str, ids: list[int]) -> None:
    token = ContinuationToken(kind, job, dict(zip(kind.status_params, ids, strict=False)))
    assert parse_token(token.encode()) == token

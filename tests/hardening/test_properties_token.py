"""Property tests for continuation tokens: valid tokens round-trip; random, truncated, tampered, huge or
wrongly typed input raises InvalidContinuationToken and nothing else, without echoing what it was given."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from inspera.exports.errors import InvalidContinuationToken
from inspera.exports.kinds import KINDS, ExportKind
from inspera.exports.token import MAX_TOKEN_CHARS, ContinuationToken, parse_token

from tests.hardening.bounded import bounded

MARKER = "qzxmarker"  # planted in hostile input; must never come back in an error message
IDS = st.integers(min_value=0, max_value=2**63 - 1)
JOB_IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}", fullmatch=True)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@st.composite
def tokens(draw: st.DrawFn) -> ContinuationToken:
    kind: ExportKind = draw(st.sampled_from(list(KINDS.values())))
    params = {name: draw(IDS) for name in kind.status_params}
    return ContinuationToken(kind, draw(JOB_IDS), params)


def _rejected(value: object) -> InvalidContinuationToken:
    with pytest.raises(InvalidContinuationToken) as caught:
        parse_token(value)
    assert MARKER not in str(caught.value)
    return caught.value


def _parsed_or_rejected(text: str) -> None:
    try:
        token = parse_token(text)
    except InvalidContinuationToken as error:
        assert MARKER not in str(error)
        return
    assert parse_token(token.encode()) == token  # whatever is accepted is a well-formed token


@bounded(150)
@given(token=tokens())
def test_every_valid_token_round_trips(token: ContinuationToken) -> None:
    text = token.encode()
    assert len(text) <= MAX_TOKEN_CHARS
    assert parse_token(text) == token
    assert parse_token(json.dumps(json.loads(text), indent=2)) == token  # whitespace and key order do not matter


@bounded(150)
@given(token=tokens(), data=st.data())
def test_a_truncated_token_is_rejected(token: ContinuationToken, data: st.DataObject) -> None:
    text = token.encode()
    cut = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    _rejected(text[:cut])


@bounded(150)
@given(token=tokens(), position=st.integers(min_value=0), replacement=st.characters())
def test_a_token_with_one_character_changed_is_parsed_or_rejected(
    token: ContinuationToken, position: int, replacement: str
) -> None:
    text = token.encode()
    index = position % len(text)
    _parsed_or_rejected(text[:index] + replacement + text[index + 1 :])


@bounded(200)
@given(token=tokens(), field=st.sampled_from(["v", "kind", "job", "params"]), value=JSON_VALUES)
def test_a_tampered_field_is_parsed_or_rejected(token: ContinuationToken, field: str, value: Any) -> None:
    body = json.loads(token.encode())
    body[field] = value
    _parsed_or_rejected(json.dumps(body))


@bounded(100)
@given(token=tokens(), extra=st.dictionaries(st.text(min_size=1, max_size=8), JSON_VALUES, min_size=1, max_size=3),
       drop=st.sets(st.sampled_from(["v", "kind", "job", "params"]), max_size=2))
def test_added_or_missing_fields_are_rejected(token: ContinuationToken, extra: dict[str, Any], drop: set[str]) -> None:
    body = json.loads(token.encode())
    for name in drop:
        del body[name]
    body.update({f"{MARKER}{key}": value for key, value in extra.items()})
    _rejected(json.dumps(body))


@bounded(100)
@given(job=st.text(min_size=1, max_size=60).map(lambda s: MARKER + s), token=tokens())
def test_a_hostile_job_id_is_rejected_without_being_echoed(job: str, token: ContinuationToken) -> None:
    body = json.loads(token.encode())
    body["job"] = job + "/../admin"  # a path separator is never part of a job id
    _rejected(json.dumps(body))


@bounded(200)
@given(text=st.one_of(st.text(max_size=400), st.text("{}[]\",:0123456789 vkindjobparams", max_size=400)))
def test_random_text_is_parsed_or_rejected(text: str) -> None:
    _parsed_or_rejected(text)


@bounded(30)
@given(size=st.integers(min_value=MAX_TOKEN_CHARS + 1, max_value=50_000), fill=st.sampled_from("[{ a\"\\"))
def test_oversized_input_is_rejected(size: int, fill: str) -> None:
    _rejected(fill * size)


@pytest.mark.parametrize(
    "text",
    [
        "[" * (MAX_TOKEN_CHARS - 1),
        '{"v":' * 400,
        "x" * 10_000_000,
        '{"v":1,"kind":"results","job":"j","params":{"test_id":' + "9" * 2000 + "}}",
        '{"v":NaN,"kind":"results","job":"j","params":{"test_id":1}}',
    ],
    ids=["deep-array", "deep-object", "ten-megabytes", "long-integer", "nan"],
)
def test_pathological_input_is_rejected(text: str) -> None:
    _rejected(text)


@bounded(100)
@given(value=st.one_of(st.none(), st.integers(), st.floats(), st.binary(max_size=50), st.lists(st.text(max_size=5)),
                       st.dictionaries(st.text(max_size=5), st.integers(), max_size=3), st.just(object())))
def test_values_that_are_not_text_are_rejected(value: object) -> None:
    _rejected(value)

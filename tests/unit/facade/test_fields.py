"""`required()` and `value_or()` treat a field that was not sent (UNSET) and one sent as null (None) alike."""

from __future__ import annotations

import pytest
from inspera import UNSET, MissingFieldError, required, value_or


def test_value_or_gives_the_default_for_unset_and_none_and_the_value_otherwise() -> None:
    assert value_or(UNSET, "d") == "d"
    assert value_or(None, "d") == "d"
    assert value_or("", "d") == ""
    assert value_or(0, 5) == 0
    assert value_or(False, True) is False


@pytest.mark.parametrize(("value", "why"), [(UNSET, "not in the server's answer"), (None, "null")])
def test_required_raises_for_unset_and_none_naming_the_field(value: object, why: str) -> None:
    with pytest.raises(MissingFieldError, match=f"test id is {why}"):
        required(value, "test id")


def test_required_returns_falsy_values_unchanged() -> None:
    assert required(0) == 0 and required("") == "" and required([]) == []

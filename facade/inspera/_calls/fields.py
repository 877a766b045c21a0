"""Reading the generated models' optional fields: `UNSET` (not sent) and `None` (sent as null) made easy to handle.

Every optional field of a generated model is typed `X | Unset`, and `X | None | Unset` when the spec marks it
nullable (`nullable: true` / `x-nullable: true`). Type checkers narrow these with `isinstance(x, Unset)` and
`x is None`; the two helpers cover the usual cases in one expression, and both mypy --strict and pyright infer
their result, for either spelling of the field:

    title = value_or(test.title, "(untitled)")     # str: the field, or the default when it was not sent or null
    test_id = required(hit.assessment_run_id)      # int: the field, or MissingFieldError when it was not sent or null

Both treat a field the server sent as JSON null like one it did not send: neither carries a value.
"""

from __future__ import annotations

from typing import TypeVar

from inspera_api.types import UNSET, Unset

from ..errors import MissingFieldError

T = TypeVar("T")
D = TypeVar("D")


def value_or(value: T | Unset | None, default: D) -> T | D:
    """`value`, or `default` when it is `UNSET` (not in the server's answer) or None (sent as null)."""
    return default if value is None or isinstance(value, Unset) else value


def required(value: T | Unset | None, name: str = "the field") -> T:
    """`value`, which must carry a value: raises `MissingFieldError` (an `InsperaError`) for `UNSET` or None."""
    if isinstance(value, Unset):
        raise MissingFieldError(f"{name} is not in the server's answer (UNSET)")
    if value is None:
        raise MissingFieldError(f"{name} is null in the server's answer")
    return value


__all__ = ["UNSET", "Unset", "required", "value_or"]

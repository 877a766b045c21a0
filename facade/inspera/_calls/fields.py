"""Reading the generated models' optional fields: `UNSET` (the server did not send the field) made easy to handle.

Every optional field of a generated model is typed `X | Unset`. Type checkers narrow it with `isinstance(x, Unset)`;
these two helpers cover the usual cases in one expression, and both mypy --strict and pyright infer their result:

    title = value_or(test.title, "(untitled)")     # str: the field, or the default when it was not sent
    test_id = required(hit.assessment_run_id)      # int: the field, or MissingFieldError when it was not sent

Only `UNSET` counts as missing: a field the server sent as JSON null stays None (nullable fields are `X | None`).
"""

from __future__ import annotations

from typing import TypeVar

from inspera_api.types import UNSET, Unset

from ..errors import MissingFieldError

T = TypeVar("T")
D = TypeVar("D")


def value_or(value: T | Unset, default: D) -> T | D:
    """`value`, or `default` when it is `UNSET` (the field was not in the server's answer)."""
    return default if isinstance(value, Unset) else value


def required(value: T | Unset, name: str = "the field") -> T:
    """`value`, which must have been sent: raises `MissingFieldError` (an `InsperaError`) when it is `UNSET`."""
    if isinstance(value, Unset):
        raise MissingFieldError(f"{name} is not in the server's answer (UNSET)")
    return value


__all__ = ["UNSET", "Unset", "required", "value_or"]

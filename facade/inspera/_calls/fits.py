"""Whether a model parsed from data we did not ask for (an export file, a webhook body) holds its declared types."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def check_fits(model: type[Any], value: Any, refuse: Callable[[str], Exception]) -> None:
    """Raise `refuse(reason)` when `value`, an instance of the generated `model`, holds a value of the wrong type.

    The reason names the field's path and the types only, never the value (it may be personal data).
    """
    from .conform import Misfit, model_checker

    check = model_checker(model)
    if check is None:
        return
    try:
        check(value)
    except Misfit as misfit:
        raise refuse(str(misfit)) from None

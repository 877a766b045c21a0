"""Checks on the normalised document before anything is generated."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from openapi_spec_validator import validate as validate_spec
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from .errors import NamingError, SpecError, ValidationError
from .names import OperationKey, StableName, is_identifier
from .transforms import iter_operations


def operation_keys(doc: dict[str, Any]) -> list[OperationKey]:
    return sorted(OperationKey(m.upper(), p) for p, m, _ in iter_operations(doc))


def check_source(doc: dict[str, Any], origin: str) -> None:
    """The upstream itself must validate (Swagger 2.0 or OpenAPI 3) and describe operations."""
    try:
        validate_spec(doc)
    except OpenAPIValidationError as exc:
        where = "/".join(str(p) for p in exc.path) or "(root)"
        raise SpecError(f"{origin} is not a valid API description at {where}: {exc.message}") from None
    except Exception as exc:  # the validator raises a few unrelated types on hostile input
        raise SpecError(f"{origin} could not be validated: {type(exc).__name__}: {exc}") from None
    if not operation_keys(doc) and not doc.get("paths"):
        raise SpecError(f"{origin} describes no operations")


def check_normalised(doc: dict[str, Any]) -> None:
    try:
        validate_spec(doc)
    except OpenAPIValidationError as exc:
        where = "/".join(str(p) for p in exc.path) or "(root)"
        raise ValidationError(f"normalised document invalid at {where}: {exc.message}") from None


def check_names(assigned: dict[OperationKey, StableName]) -> None:
    """Every operation must get its own valid (group, function): a collision would drop one."""
    by_name: dict[tuple[str, str], list[OperationKey]] = defaultdict(list)
    for key, name in assigned.items():
        if not (is_identifier(name.group) and is_identifier(name.function)):
            raise NamingError(f"{key}: {name.qualified} is not a valid Python module path")
        by_name[(name.group, name.function)].append(key)
    clashes = {n: keys for n, keys in by_name.items() if len(keys) > 1}
    if clashes:
        (group, function), keys = sorted(clashes.items())[0]
        listed = ", ".join(str(k) for k in sorted(keys))
        raise NamingError(
            f"name collision: {listed} would all become inspera_api.api.{group}.{function}; "
            "give them distinct names in openapi/names.toml"
        )

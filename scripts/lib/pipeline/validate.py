"""The checks before generation: validity (openapi-spec-validator, configured; see validator.py), the
validator workarounds a document needs, and unique generated names.

The validator itself is imported on first use: the pipeline validates in a background process, so the main
process never pays for importing it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

from .errors import NamingError, Problem, SpecError, ValidationError
from .findings import Workaround
from .names import OperationKey, StableName, is_identifier
from .transforms import iter_operations
from .walk import is_swagger2, schemas


def problems_of(doc: dict[str, Any], stage: str) -> list[Problem]:
    """Every validation problem of `doc` (at most validator.MAX_ERRORS), as Problems of `stage`."""
    from .validator import problems_of as validate

    return validate(doc, stage)


def _short(value: str, limit: int = 40) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- the checks the pipeline runs -----------------------------------------------------------------------------


def check_source(doc: dict[str, Any], origin: str) -> None:
    """The upstream itself (after repairs) must validate and describe operations."""
    problems = problems_of(doc, "spec")
    if problems:
        raise SpecError.of(problems)
    paths = doc.get("paths")
    if not (isinstance(paths, dict) and any(not p.startswith("x-") for p in paths)) and not doc.get("webhooks"):
        raise SpecError(f"{origin} describes no operations")


def check_normalised(doc: dict[str, Any]) -> None:
    problems = problems_of(doc, "validate")
    if problems:
        raise ValidationError.of(problems)


def workarounds(doc: dict[str, Any]) -> list[Workaround]:
    """The validator configurations this document needs (reported, never an error)."""
    found: list[Workaround] = []
    swagger2 = is_swagger2(doc)
    for parts, node in schemas(doc):
        if swagger2 and node.get("type") == "file" and len(parts) >= 3 and parts[-1] == "schema":
            found.append(Workaround("file_response_schema", parts, "type file accepted for a response schema"))
        pattern = node.get("pattern")
        if isinstance(pattern, str):
            try:
                re.compile(pattern)
            except re.error:
                found.append(
                    Workaround(
                        "foreign_regex_pattern", (*parts, "pattern"), f"pattern {_short(pattern)} kept unchecked"
                    )
                )
    return found


def operation_keys(doc: dict[str, Any]) -> list[OperationKey]:
    return sorted(OperationKey(m.upper(), p) for p, m, _ in iter_operations(doc))


def check_names(assigned: dict[OperationKey, StableName]) -> None:
    """Every operation needs its own valid (group, function), and a function name used once across groups
    (the generator names inline models after the function, so a repeat would drop a response model)."""
    problems: list[Problem] = []
    by_name: dict[tuple[str, str], list[OperationKey]] = defaultdict(list)
    by_function: dict[str, list[OperationKey]] = defaultdict(list)
    for key, name in sorted(assigned.items()):
        if not (is_identifier(name.group) and is_identifier(name.function)):
            problems.append(Problem("names", str(key), f"{name.qualified} is not a valid Python module path"))
            continue
        by_name[(name.group, name.function)].append(key)
        by_function[name.function].append(key)
    for (group, function), keys in sorted(by_name.items()):
        if len(keys) > 1:
            listed = ", ".join(str(k) for k in keys)
            problems.append(
                Problem(
                    "names",
                    str(keys[0]),
                    f"name collision: {listed} would all become inspera_api.api.{group}.{function}; "
                    "give them distinct names in openapi/names.toml",
                )
            )
    for function, keys in sorted(by_function.items()):
        groups = sorted({assigned[k].group for k in keys})
        if len(groups) > 1:
            listed = ", ".join(f"{k} ({assigned[k].group})" for k in keys)
            problems.append(
                Problem(
                    "names",
                    str(keys[0]),
                    f"function name {function} is used in several groups ({listed}); the generator names models "
                    "after it, so give them distinct functions in openapi/names.toml",
                )
            )
    if problems:
        raise NamingError.of(problems)

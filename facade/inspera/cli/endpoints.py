"""`inspera endpoints`: every API operation this package knows, its Python function and facade method."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import typer

from .exits import CLIError
from .output import table
from .state import state

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    function: str
    facade: tuple[str, ...]
    confidence: str
    upstream_operation_id: str | None


def spec_document() -> dict[str, Any]:
    """The normalised spec: packaged in wheels as inspera/_spec, read from openapi/ in a checkout."""
    from inspera._calls.specdoc import SpecMissing, document

    try:
        return document()
    except SpecMissing:
        raise CLIError("the packaged API description is missing; reinstall inspera-client") from None


def list_endpoints() -> list[Endpoint]:
    from inspera.operations import by_operation

    doc = spec_document()
    facade = by_operation()
    found = []
    for path, item in doc.get("paths", {}).items():
        for method in _METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            key = f"{method.upper()} {path}"
            found.append(Endpoint(
                method=method.upper(),
                path=path,
                function=f"inspera_api.api.{op['tags'][0]}.{op['operationId']}",
                facade=tuple(facade.get(key, ())),
                confidence=str((op.get("x-evidence") or {}).get("confidence", "")),
                upstream_operation_id=op.get("x-upstream-operation-id"),
            ))
    return sorted(found, key=lambda e: (e.function, e.method, e.path))


def endpoints(ctx: typer.Context) -> None:
    """List every API operation: generated function, method, path, facade method, evidence.

    An operation with no facade method shows `client.call`: call it as `client.call(<its module>, ...)`.
    """
    rows = list_endpoints()
    uncovered = sum(1 for e in rows if not e.facade)
    state(ctx).output.data(rows, lambda: table(
        f"{len(rows)} operations ({uncovered} without a facade method: use client.call)",
        ["function", "method", "path", "facade", "evidence"],
        [(e.function.removeprefix("inspera_api.api."), e.method, e.path, _sync_methods(e.facade), e.confidence)
         for e in rows],
    ))


def _sync_methods(names: tuple[str, ...]) -> str:
    """`Inspera.tests.get, AsyncInspera.tests.get` shown once, as `tests.get` (AsyncInspera mirrors Inspera)."""
    return ", ".join(name.removeprefix("Inspera.") for name in names if name.startswith("Inspera.")) or "client.call"

"""Registry of the generated operations each facade method uses: "METHOD /path" (as in openapi.json) -> methods.

Each domain namespace declares its rows next to its methods (the `@operation("GET /v1/...", ...)` decorators);
the export-jobs package contributes `inspera.exports.operations.export_operations()`. The drift and coverage
tools read `FACADE_OPERATIONS` / `by_operation()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from ._domains.base import Namespace
from ._domains.tests import Tests
from ._domains.users import Users
from ._domains.webhooks import Webhooks

CLIENTS = ("Inspera", "AsyncInspera")
NAMESPACES: tuple[type[Namespace[Any]], ...] = (Tests, Users, Webhooks)

# Operations the clients use outside the namespaces.
_CLIENT_ROWS: Mapping[str, tuple[str, ...]] = {
    "POST /authenticate/token/": tuple(f"{client}.authenticate" for client in CLIENTS),
}


def _namespace_rows(namespaces: Iterable[type[Namespace[Any]]]) -> dict[str, tuple[str, ...]]:
    rows: dict[str, tuple[str, ...]] = {}
    for namespace in namespaces:
        for op in namespace.operations():
            names = tuple(f"{client}.{namespace.attribute}.{op.name}" for client in CLIENTS)
            rows[op.key] = rows.get(op.key, ()) + names
    return rows


def _collect() -> dict[str, tuple[str, ...]]:
    rows = dict(_CLIENT_ROWS)
    for key, names in _namespace_rows(NAMESPACES).items():
        rows[key] = rows.get(key, ()) + names
    try:
        from inspera.exports.operations import export_operations
    except ImportError:  # a build without the export-jobs package
        return rows
    for key, names in export_operations().items():
        rows[key] = rows.get(key, ()) + names
    return rows


FACADE_OPERATIONS: Mapping[str, tuple[str, ...]] = MappingProxyType(_collect())


def by_operation() -> dict[str, tuple[str, ...]]:
    """A fresh copy of the registry: "METHOD /path" -> facade methods ("Inspera.tests.get", ...)."""
    return dict(FACADE_OPERATIONS)

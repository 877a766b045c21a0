"""Rows for the facade's operation registry: which spec operation ("METHOD /path") each export method uses."""

from __future__ import annotations

from types import ModuleType
from typing import Any
from urllib.parse import unquote

from inspera.exports.kinds import KINDS

_CLIENTS = ("Inspera", "AsyncInspera")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _operation_key(module: ModuleType, params: tuple[str, ...]) -> str:
    """Ask the generated module for its method and path, with `{specName}` placeholders in the path slots."""
    kwargs: dict[str, Any] = {name: "{" + _camel(name) + "}" for name in params}
    if module.__name__.endswith("order_file_export"):
        from inspera_api.models.file_export_order_request import FileExportOrderRequest

        kwargs["body"] = FileExportOrderRequest(resource_type="placeholder")
    request = module._get_kwargs(**kwargs)
    return f"{str(request['method']).upper()} {unquote(str(request['url']))}"


def export_operations() -> dict[str, tuple[str, ...]]:
    """ "METHOD /path" (relative to /api, as in openapi/openapi.json) -> facade methods, for every export kind.

    A job's status operation is also used by `exports.resume`, whose jobs poll it.
    """
    rows: dict[str, tuple[str, ...]] = {}
    for kind in KINDS.values():
        order = _operation_key(kind.order_module(), kind.status_params)
        status = _operation_key(kind.status_module(), (*kind.status_params, "job_id"))
        rows[order] = tuple(f"{client}.exports.{kind.name}" for client in _CLIENTS)
        rows[status] = rows[order] + tuple(f"{client}.exports.resume" for client in _CLIENTS)
    return rows

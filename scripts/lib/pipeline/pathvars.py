"""Path variables get the names written in openapi/names.toml, in the template and in every parameter naming them.

The wire is unchanged (only the template's variable names differ), but the generator derives keyword arguments
from them, so `test_id=` must not become `assessment_run_id=` when the vendor renames `{testId}`.
"""

from __future__ import annotations

import copy
from typing import Any

from .absorbed import Absorbed
from .errors import NamingError
from .names import HTTP_METHODS, NameMap, path_shape, path_variables

_PARAMETERS = "#/components/parameters/"


def rename_path_variables(doc: dict[str, Any], names: NameMap, absorbed: Absorbed) -> None:
    """Match every document path to the map by shape; rename its variables to the map's names.

    Two document paths of one shape stop the run: a key could not tell them apart.
    """
    paths = doc.get("paths")
    if not isinstance(paths, dict):
        return
    shared = (doc.get("components") or {}).get("parameters") or {}
    seen: dict[str, str] = {}
    renamed: dict[str, Any] = {}
    for path, item in paths.items():
        if path.startswith("x-") or not isinstance(item, dict):
            renamed[path] = item
            continue
        shape = path_shape(path)
        if shape in seen:
            raise NamingError(
                f"paths {seen[shape]} and {path} have the same shape {shape}: a key cannot tell them apart"
            )
        seen[shape] = path
        ours = names.template(path)
        if ours is None or ours == path:
            renamed[path] = item
            continue
        mapping = {old: new for old, new in zip(path_variables(path), path_variables(ours), strict=True) if old != new}
        _rename_parameters(item, mapping, shared)
        item.setdefault("x-upstream-path", path)
        renamed[ours] = item
        absorbed.path_variables.append((path, ours))
    doc["paths"] = renamed


def _rename_parameters(item: dict[str, Any], mapping: dict[str, str], shared: dict[str, Any]) -> None:
    holders = [item, *(item[m] for m in HTTP_METHODS if isinstance(item.get(m), dict))]
    for holder in holders:
        params = holder.get("parameters")
        if not isinstance(params, list):
            continue
        for i, param in enumerate(params):
            target = param
            ref = param.get("$ref") if isinstance(param, dict) else None
            if isinstance(ref, str) and ref.startswith(_PARAMETERS):
                target = shared.get(ref[len(_PARAMETERS) :])
            if not isinstance(target, dict) or target.get("in") != "path" or target.get("name") not in mapping:
                continue
            # A shared parameter may serve other paths under its own name: this path gets its own copy.
            own = copy.deepcopy(target) if target is not param else param
            own["name"] = mapping[str(target["name"])]
            params[i] = own

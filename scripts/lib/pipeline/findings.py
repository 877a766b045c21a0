"""What a run found and adapted to: repairs and workarounds grouped by name, with the operations they touch.

A repair or workaround is recorded at a location in the document; a location inside an operation names that
operation, one inside a shared definition (`/definitions/Item`, `/components/schemas/Item`) names every
operation that refers to it, directly or through other definitions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .names import HTTP_METHODS
from .walk import Doc, Parts, locate, operations, pointer, refs


@dataclass(frozen=True)
class Workaround:
    """One place where a tool is stricter or narrower than the specification and the pipeline adapts."""

    name: str
    parts: Parts
    detail: str


@dataclass(frozen=True)
class Finding:
    """One named repair or workaround: how often it applied, where, and which operations it touches."""

    name: str
    count: int
    operations: tuple[str, ...]
    locations: tuple[str, ...]  # JSON pointers outside any operation (shared definitions, ...)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "count": self.count,
            "operations": list(self.operations),
            "locations": list(self.locations),
        }

    def summary(self, shown: int = 3) -> str:
        ops = list(self.operations)
        listed = ", ".join(ops[:shown]) + (f", … ({len(ops)} operations)" if len(ops) > shown else "")
        places = listed or ", ".join(self.locations[:shown]) + (" …" if len(self.locations) > shown else "")
        return f"{self.name}: {self.count}" + (f" — {places}" if places else "")


def _component(parts: Parts) -> str | None:
    """`#/definitions/Item` for a location inside that definition (any reusable section), else None."""
    if not parts or parts[0] == "paths":
        return None
    depth = 3 if parts[0] == "components" else 2
    return "#" + pointer(parts[:depth]) if len(parts) >= depth else None


def users(doc: Doc) -> dict[str, set[str]]:
    """Reusable component (`#/definitions/Item`) -> operations ("GET /items") that use it, transitively."""
    direct: dict[str, set[str]] = defaultdict(set)
    edges: dict[str, set[str]] = defaultdict(set)
    for _parts, path, method, op in operations(doc):
        key = f"{method.upper()} {path}"
        for _where, ref in refs(op):
            direct[ref].add(key)
    item_params = (
        (path, item.get("parameters")) for path, item in (doc.get("paths") or {}).items() if isinstance(item, dict)
    )
    for path, shared in item_params:
        for _where, ref in refs(shared):
            for method in HTTP_METHODS:
                if isinstance(doc["paths"][path].get(method), dict):
                    direct[ref].add(f"{method.upper()} {path}")
    for parts, ref in refs(doc):
        holder = _component(parts)
        if holder:
            edges[holder].add(ref)
    result: dict[str, set[str]] = defaultdict(set)
    for ref, ops in direct.items():
        seen: set[str] = set()
        todo = [ref]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            result[current] |= ops
            todo.extend(edges.get(current, ()))
    return result


def group(
    entries: Iterable[tuple[str, Parts]], doc: Doc, *, by_component: dict[str, set[str]] | None = None
) -> list[Finding]:
    """(name, location) pairs -> one Finding per name, sorted by name."""
    index = by_component if by_component is not None else users(doc)
    counts: dict[str, int] = defaultdict(int)
    ops: dict[str, set[str]] = defaultdict(set)
    places: dict[str, set[str]] = defaultdict(set)
    for name, parts in entries:
        counts[name] += 1
        where, _rest = locate(parts)
        if parts and parts[0] == "paths":
            ops[name].add(where)
            continue
        holder = _component(parts)
        using = index.get(holder, set()) if holder else set()
        if using:
            ops[name] |= using
        else:
            places[name].add(pointer(parts))
    return [
        Finding(name, counts[name], tuple(sorted(ops[name], key=_op_order)), tuple(sorted(places[name])))
        for name in sorted(counts)
    ]


def _op_order(key: str) -> tuple[str, str]:
    method, _, path = key.partition(" ")
    return (path, method)


def as_dicts(found: Sequence[Finding]) -> list[dict[str, Any]]:
    return [f.as_dict() for f in found]

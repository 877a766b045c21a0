"""Introspect the facade's `inspera.operations.by_operation()`; an absent module means nothing is mapped yet."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MODULE = "inspera.operations"


class FacadeMapError(Exception):
    """The facade publishes a map this reference cannot use (unknown operation, bad names)."""


@dataclass(frozen=True)
class FacadeMap:
    introspected: bool
    operations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def methods(self, key: str) -> tuple[str, ...]:
        return self.operations.get(key, ())


def introspect() -> FacadeMap:
    """Import the facade's operation map; a missing `inspera.operations` gives an empty, non-introspected map."""
    try:
        module = importlib.import_module(MODULE)
    except ModuleNotFoundError as exc:
        if exc.name in {"inspera", MODULE}:
            return FacadeMap(introspected=False)
        raise FacadeMapError(f"importing {MODULE} failed: {type(exc).__name__}: {exc}") from None
    except Exception as exc:  # a broken facade must not pass for an absent one
        raise FacadeMapError(f"importing {MODULE} failed: {type(exc).__name__}: {exc}") from None
    by_operation = getattr(module, "by_operation", None)
    if not callable(by_operation):
        raise FacadeMapError(f"{MODULE} has no by_operation() function")
    try:
        raw = by_operation()
    except Exception as exc:
        raise FacadeMapError(f"{MODULE}.by_operation() failed: {type(exc).__name__}: {exc}") from None
    if not isinstance(raw, Mapping):
        raise FacadeMapError(f"{MODULE}.by_operation() returned {type(raw).__name__}, not a mapping")
    return FacadeMap(introspected=True, operations=_clean(raw))


def _clean(raw: Mapping[object, object]) -> dict[str, tuple[str, ...]]:
    cleaned: dict[str, tuple[str, ...]] = {}
    for key, names in raw.items():
        if not isinstance(key, str) or not isinstance(names, Iterable) or isinstance(names, str):
            raise FacadeMapError(f"{MODULE}.by_operation(): entry {key!r} is not 'METHOD /path' -> names")
        listed = list(names)
        if not all(isinstance(n, str) and n for n in listed):
            raise FacadeMapError(f"{MODULE}.by_operation(): {key} maps to something other than method names")
        cleaned[key] = tuple(sorted(set(listed)))
    return cleaned


def check_known(facade: FacadeMap, operations: Iterable[str]) -> None:
    """Every operation the facade claims must exist in the spec, or the reference would lie."""
    unknown = sorted(set(facade.operations) - set(operations))
    if unknown:
        listed = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise FacadeMapError(f"{MODULE}.by_operation() names operations absent from openapi/openapi.json: {listed}")

"""Which facade methods use which operation, read from the committed openapi/facade_operations.json."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from pipeline.errors import SpecError


class FacadeMap:
    """`"METHOD /path"` -> facade method names; scripts read the JSON and never import the facade."""

    def __init__(self, operations: Mapping[str, Iterable[str]] | None = None) -> None:
        self._operations = {key: tuple(sorted(set(names))) for key, names in (operations or {}).items()}

    @classmethod
    def load(cls, path: Path) -> FacadeMap:
        """Read the file coverage.py writes; a missing file means no facade is mapped yet."""
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SpecError(f"cannot read {path.name}: {exc}") from None
        operations = data.get("operations") if isinstance(data, dict) else None
        if not isinstance(operations, dict) or not all(
            isinstance(names, list) and all(isinstance(n, str) for n in names) for names in operations.values()
        ):
            raise SpecError(f"{path.name} has no 'operations' object of string lists; rerun scripts/coverage.py")
        return cls(operations)

    def methods(self, operations: Iterable[str]) -> tuple[str, ...]:
        found: set[str] = set()
        for key in operations:
            found.update(self._operations.get(key, ()))
        return tuple(sorted(found))

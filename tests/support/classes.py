"""The classes a generated package defines in its models folder, read from the source (no import)."""

from __future__ import annotations

import ast
from pathlib import Path


def generated_classes(package: Path) -> set[str]:
    """Every class defined at the top of a module in `package`/models."""
    return {
        node.name
        for module in (package / "models").glob("*.py")
        for node in ast.parse(module.read_text(encoding="utf-8")).body
        if isinstance(node, ast.ClassDef)
    }

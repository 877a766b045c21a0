"""Loading the entry scripts of `scripts/` in-process, for tests that call their functions or patch a stage."""

from __future__ import annotations

import importlib.util
import types
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def load_script(name: str, module_name: str | None = None) -> types.ModuleType:
    """A fresh module object for `scripts/<name>.py` (a distinct `module_name` keeps two copies apart)."""
    spec = importlib.util.spec_from_file_location(module_name or f"{name}_script", SCRIPTS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

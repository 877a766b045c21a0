"""The built wheel, alone in a fresh virtual environment, passes a typed user script under mypy --strict and pyright."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_typed_user_script_uses_no_casts_or_ignores() -> None:
    import ast
    import re

    source = (ROOT / "scripts" / "packaging" / "typed_user.py").read_text(encoding="utf-8")
    code = re.sub(r'^""".*?"""', "", source, count=1, flags=re.S)  # the docstring may name what it avoids
    assert "cast(" not in code and "# type: ignore" not in code and "pyright: ignore" not in code
    names = {node.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Name)}
    assert "Any" not in names


@pytest.mark.slow
def test_the_wheel_in_a_fresh_venv_passes_the_typed_user_script() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_wheel.py")], capture_output=True,
                          text=True, timeout=480, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert "passes the typed user script" in done.stdout


def test_the_version_is_written_once() -> None:
    import inspera

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'path = "facade/inspera/_version.py"' in pyproject
    hits = [p for p in (ROOT / "facade").rglob("*.py") if inspera.__version__ in p.read_text(encoding="utf-8")]
    assert [p.name for p in hits] == ["_version.py"]
    assert f"## {inspera.__version__}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")

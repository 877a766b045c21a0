"""Fixtures for pipeline tests: a disposable copy of openapi/ + generated/, and regenerate.py's main()."""

from __future__ import annotations

import shutil
import types
from pathlib import Path

import pytest
from pipeline.layout import REPO_ROOT, Layout

from tests.support.scripts import load_script


@pytest.fixture
def scratch_repo(tmp_path: Path) -> Layout:
    root = tmp_path / "repo"
    shutil.copytree(REPO_ROOT / "openapi", root / "openapi")
    shutil.copytree(
        REPO_ROOT / "generated",
        root / "generated",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return Layout(root=root, tools_root=REPO_ROOT)


@pytest.fixture(scope="session")
def regenerate_script() -> types.ModuleType:
    """scripts/regenerate.py loaded in this process, for tests that monkeypatch one pipeline stage."""
    return load_script("regenerate")

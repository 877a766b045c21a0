"""Fixtures for pipeline tests: a disposable copy of openapi/ + generated/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pipeline.layout import REPO_ROOT, Layout


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

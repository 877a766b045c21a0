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


@pytest.fixture
def project(scratch_repo: Layout) -> Layout:
    """The scratch copy with the facade next to generated/, so the facade check has something to protect."""
    shutil.copytree(
        REPO_ROOT / "facade" / "inspera",
        scratch_repo.root / "facade" / "inspera",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return scratch_repo


def drop_model_pins(layout: Layout) -> None:
    """Remove the `[models]` table from the copy's names map: for documents that are not Inspera's, whose
    operations play none of the pinned roles (a pinned role that disappeared stops a regeneration)."""
    lines = layout.names.read_text(encoding="utf-8").splitlines(keepends=True)
    kept, skipping = [], False
    for line in lines:
        if line.startswith("["):
            skipping = line.strip() == "[models]"
        if not skipping:
            kept.append(line)
    layout.names.write_text("".join(kept), encoding="utf-8")


@pytest.fixture(scope="session")
def regenerate_script() -> types.ModuleType:
    """scripts/regenerate.py loaded in this process, for tests that monkeypatch one pipeline stage."""
    return load_script("regenerate")

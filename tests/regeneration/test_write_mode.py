"""Plain `regenerate.py` (no flags) rebuilds the committed tree byte for byte and keeps the manifest's provenance."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from pipeline.layout import REPO_ROOT, Layout
from pipeline.tree import files_of


def _damage(layout: Layout, how: str) -> None:
    pkg = layout.generated_package
    if how == "package deleted":
        shutil.rmtree(pkg)
        return
    (pkg / "stray.py").write_text("STRAY = True\n")
    (pkg / "api" / "stray_group").mkdir()
    (pkg / "api" / "stray_group" / "__init__.py").write_text("")
    (pkg / "api" / "users" / "get_user.py").unlink()
    (pkg / "client.py").write_text((pkg / "client.py").read_text() + "# edited by hand\n")


def _regenerate(scratch_repo: Layout) -> subprocess.CompletedProcess[str]:
    """Plain `regenerate.py` (no flags) on the scratch copy."""
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "regenerate.py"), "--root", str(scratch_repo.root)],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("how", ["package deleted", "stray files, a lost module and a hand edit"])
def test_plain_regenerate_restores_the_committed_tree(scratch_repo: Layout, how: str) -> None:
    # The scratch copy is the committed tree; keep its bytes before damaging it.
    reference, openapi_before = files_of(scratch_repo.generated_package), files_of(scratch_repo.openapi_dir)
    manifest_before = json.loads(scratch_repo.manifest.read_text(encoding="utf-8"))
    assert reference and openapi_before
    _damage(scratch_repo, how)
    proc = _regenerate(scratch_repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "wrote: " in proc.stdout and "wrote: nothing changed" not in proc.stdout
    rebuilt = files_of(scratch_repo.generated_package)
    assert sorted(rebuilt) == sorted(reference)
    assert [name for name in reference if rebuilt[name] != reference[name]] == []
    assert not (scratch_repo.generated_package / "stray.py").exists()
    assert sorted(p.name for p in scratch_repo.generated_package.parent.iterdir()) == ["inspera_api"]
    assert files_of(scratch_repo.openapi_dir) == openapi_before
    manifest = json.loads(scratch_repo.manifest.read_text(encoding="utf-8"))
    assert (manifest["source"], manifest["retrieved"]) == (manifest_before["source"], manifest_before["retrieved"])


def test_plain_regenerate_on_an_intact_tree_writes_nothing(scratch_repo: Layout) -> None:
    mtimes = {p: p.stat().st_mtime_ns for p in [*scratch_repo.openapi_dir.iterdir(), scratch_repo.generated_package]}
    proc = _regenerate(scratch_repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "wrote: nothing changed" in proc.stdout
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes

"""The committed tree is exactly what the pipeline produces from the committed spec."""

from __future__ import annotations

import subprocess
import sys

from pipeline.layout import REPO_ROOT, Layout
from pipeline.run import current_upstream
from pipeline.transforms import iter_operations


def test_regenerate_check_exits_zero_on_the_committed_tree() -> None:
    proc = subprocess.run(
        [sys.executable, "scripts/regenerate.py", "--check"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "check: up to date" in proc.stdout


def test_generated_package_exposes_every_operation_of_the_snapshot() -> None:
    import importlib
    import json

    normalised = json.loads(Layout().normalised.read_text())
    upstream = current_upstream(Layout())
    count = sum(1 for _ in iter_operations(upstream.data))
    seen = 0
    for _path, _method, op in iter_operations(normalised):
        module = importlib.import_module(f"inspera_api.api.{op['tags'][0]}.{op['operationId']}")
        assert callable(module.sync_detailed) and callable(module.asyncio_detailed)
        seen += 1
    assert seen == count > 0


def test_check_reports_added_changed_and_removed_files(scratch_repo: Layout) -> None:
    pkg = scratch_repo.generated_package
    (pkg / "stray.py").write_text("x = 1\n")
    (pkg / "client.py").write_text((pkg / "client.py").read_text() + "# edited by hand\n")
    (pkg / "errors.py").unlink()
    proc = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts/regenerate.py"), "--check", "--root", str(scratch_repo.root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1
    assert "changed  generated/inspera_api/client.py" in proc.stdout
    assert "added    generated/inspera_api/errors.py" in proc.stdout
    assert "removed  generated/inspera_api/stray.py" in proc.stdout
    assert (pkg / "stray.py").exists(), "--check must not write"

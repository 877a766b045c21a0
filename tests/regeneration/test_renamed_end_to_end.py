"""End to end: every wire-identical change a Java server makes on its own at once, and users notice nothing.

A copy of our snapshot gets schemas renamed as DTO classes, path variables renamed, schemas inlined, fields marked
nullable, operationIds and tags replaced, and none of our own additions (a vendor's document never has them). It is
regenerated into a copy of the project (the facade check runs, as for a user), and then, with that copy first on
the import path: the demo, the facade's tests against the simulator, and every typed example of the manual under
mypy --strict, pyright and at run time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pipeline.layout import REPO_ROOT, Layout
from pipeline.names import NameMap
from pipeline.run import current_upstream
from pipeline.surface import public_surface

from .renamed import mark_nullable, vendor_variant

LAYOUT = Layout()
PINNED = set(NameMap.load(LAYOUT.names).models)
# The facade's own tests against the simulator, the typed examples of the manual, the CLI walkthrough.
SUITES = (
    "tests/integration/facade/test_against_simulator.py",
    "tests/integration/facade/test_readme_quickstart.py",
    "tests/integration/exports/test_readme_exports.py",
    "tests/docs/test_python_blocks.py",
)


@pytest.mark.slow
def test_a_renamed_nullable_vendor_document_changes_nothing_for_users(project: Layout, tmp_path: Path) -> None:
    upstream = current_upstream(LAYOUT).data
    variant = vendor_variant(upstream, PINNED, seed=2026, inline_count=4)
    mark_nullable(variant)
    assert "TestMetadata" not in variant["definitions"] and "ResultsExportFile" not in variant["definitions"]
    assert "/v1/test/{assessmentRunId}" in variant["paths"]
    source = tmp_path / "vendor.json"
    source.write_text(json.dumps(variant), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "regenerate.py"), "--root", str(project.root), "--source",
         str(source)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "facade check: " in proc.stdout and "all found" in proc.stdout
    assert public_surface(LAYOUT.generated_package).differences(public_surface(project.generated_package)) == []

    tree = os.pathsep.join([str(project.root / "generated"), str(project.root / "facade")])
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("INSPERA_")},
        "PYTHONPATH": tree,
        "MYPYPATH": tree,
        "DOC_BLOCKS_MYPY_CACHE": str(tmp_path / "mypy-cache"),
    }
    where = subprocess.run(
        [sys.executable, "-c", "import inspera, inspera_api; print(inspera.__file__); print(inspera_api.__file__)"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert where.stdout.splitlines() and all(line.startswith(str(project.root)) for line in where.stdout.splitlines())

    demo = subprocess.run(
        [sys.executable, "-m", "inspera", "demo"], capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path
    )
    assert demo.returncode == 0, demo.stdout[-2000:] + demo.stderr[-2000:]

    suites = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *SUITES],
        capture_output=True, text=True, env=env, timeout=600, cwd=REPO_ROOT,
    )
    assert suites.returncode == 0, suites.stdout[-4000:] + suites.stderr[-2000:]
    assert " passed" in suites.stdout and " failed" not in suites.stdout

"""Every Python block of the manual (README.md, docs/**/*.md) type-checks under mypy --strict and pyright, and runs.

The blocks are complete programs, as a reader would paste them. They run against a simulator whose credentials
come from the INSPERA_* environment, as the manual says a tenant's do. The first blocks of the quickstart, exports
and simulator sections have tests of their own that run them and check what they print and do
(tests/integration/...), so they are not run again here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from inspera.testing import InsperaSimulator

from ..support.readme import ROOT, python_block, python_blocks

PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"
KEY = "readme-blocks-key-0123456789"
SECTIONS_RUN_ELSEWHERE = ("quickstart", "exports", "simulator")  # their first block: a test of its own runs it

_RUN = """
import runpy, sys
namespace = runpy.run_path(sys.argv[1], run_name="__main__")
handle = namespace.get("handle_delivery")
if handle is not None:  # the webhook example defines a handler: feed it a signed delivery and a forged one
    from inspera.webhooks import SIGNATURE_HEADER, sign
    body = (b'{"event": "resource_export_completed", "marketplaceId": 1201, "contextObjectId": 66448162, '
            b'"contextObjectType": "ASSESSMENT_RUN", "timestamp": "2025-03-04T09:30:00Z"}')
    assert handle(body, {SIGNATURE_HEADER: sign(body, "s3cret")}, "s3cret") == 200
    assert handle(body, {SIGNATURE_HEADER: sign(body, "other")}, "s3cret") == 401
    assert handle(b"[]", {SIGNATURE_HEADER: sign(b"[]", "s3cret")}, "s3cret") == 400
    partial = b'{"event": "resource_export_completed", "contextObjectId": 66448162}'  # mandatory fields missing
    assert handle(partial, {SIGNATURE_HEADER: sign(partial, "s3cret")}, "s3cret") == 400
"""


def blocks() -> list[str]:
    return [code for _, code in python_blocks()]


def _file_name(where: str) -> str:
    # docs/reference/x.md#2 -> docs_reference_x_02.py: a valid module name, unique per block
    path, number = where.rsplit("#", 1)
    return re.sub(r"\W", "_", path.removesuffix(".md")) + f"_{int(number):02d}.py"


def _run_elsewhere() -> list[str]:
    return [python_block(name) for name in SECTIONS_RUN_ELSEWHERE]


@pytest.fixture(scope="module")
def block_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("doc-blocks")
    files = []
    for where, code in python_blocks():
        path = folder / _file_name(where)
        path.write_text(code, encoding="utf-8")
        files.append(path)
    return files


def test_the_manual_has_the_python_blocks_this_test_expects() -> None:
    assert len(blocks()) >= 6
    assert any(where.startswith("README.md#") for where, _ in python_blocks())  # the quickstart
    assert all(code in blocks() for code in _run_elsewhere())


@pytest.mark.slow
def test_every_block_passes_mypy_strict(block_files: list[Path]) -> None:
    cache = Path(os.environ.get("DOC_BLOCKS_MYPY_CACHE", ROOT / ".mypy_cache" / "doc-blocks"))
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *map(str, block_files)],
        cwd=block_files[0].parent, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_every_block_passes_pyright_strict(block_files: list[Path]) -> None:
    assert PYRIGHT.exists(), "pyright is missing: run `npm ci` (it is pinned in package.json)"
    folder = block_files[0].parent
    (folder / "pyrightconfig.json").write_text(json.dumps({"typeCheckingMode": "strict", "pythonVersion": "3.11"}))
    done = subprocess.run(
        [str(PYRIGHT), "--pythonpath", sys.executable, *map(str, block_files)],
        cwd=folder, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def tenant() -> Iterator[dict[str, str]]:
    with InsperaSimulator(client_id="uni", api_key=KEY, export_duration=0.2) as sim:
        yield {"INSPERA_CLIENT_ID": "uni", "INSPERA_API_KEY": KEY, "INSPERA_BASE_URL": sim.base_url}


@pytest.mark.allow_secret_leaks("the blocks' own clients log signed URLs of the simulator they download from")
@pytest.mark.parametrize(
    "where",
    [where for where, code in python_blocks() if code not in _run_elsewhere()],
)
def test_every_block_runs(where: str, block_files: list[Path], tenant: dict[str, str], tmp_path: Path) -> None:
    path = next(file for file in block_files if file.name == _file_name(where))
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("INSPERA_")}, **tenant}
    if "\ndef test_" in path.read_text(encoding="utf-8"):  # an example test file: run it as the user would
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(path)]
    else:
        command = [sys.executable, "-c", _RUN, str(path)]
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    if command[1:3] == ["-m", "pytest"]:
        assert " passed" in done.stdout and "failed" not in done.stdout


def test_pyright_is_pinned_for_npm_ci() -> None:
    manifest = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = manifest["devDependencies"]["pyright"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned)
    assert lock["packages"]["node_modules/pyright"]["version"] == pinned
    assert shutil.which("node") is not None

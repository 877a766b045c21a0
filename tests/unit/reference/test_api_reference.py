"""api.md is generated from the facade and current; it lists every namespace method of the clients."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from inspera.operations import NAMESPACES

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "api_reference.py"


def test_api_md_is_current() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr


def test_api_md_lists_every_namespace_method_with_its_doc_and_operation() -> None:
    text = (ROOT / "api.md").read_text(encoding="utf-8")
    for namespace in NAMESPACES:
        for op in namespace.operations():
            start = f"- `client.{namespace.attribute}.{op.name}("
            lines = [line for line in text.splitlines() if line.startswith(start)]
            assert len(lines) == 1, op.name
            assert op.key in lines[0] and (op.build.__doc__ or "").split(".")[0] in lines[0]
    for name in ("client.with_options(", "client.exports.results(", "job.download(", "inspera.value_or(",
                 "ClientClosedError(", "inspera_simulator"):
        assert name in text, name


def test_a_stale_file_is_reported_and_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "api.md"
    target.write_text("old\n", encoding="utf-8")
    check = [sys.executable, str(SCRIPT), "--output", str(target)]
    assert subprocess.run([*check, "--check"], capture_output=True, timeout=120, check=False).returncode == 1
    assert subprocess.run(check, capture_output=True, timeout=120, check=False).returncode == 0
    assert target.read_text(encoding="utf-8") == (ROOT / "api.md").read_text(encoding="utf-8")

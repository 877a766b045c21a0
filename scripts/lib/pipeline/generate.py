"""Running the pinned openapi-python-client into a scratch folder and checking what it wrote."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from .errors import GenerationError, ToolError
from .names import StableName

TIMEOUT_S = 300
PY_TYPED = "# Marker file for PEP 561: inspera_api ships inline type hints.\n"


def _venv_bin() -> Path:
    return Path(sys.executable).parent


def tool_version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "missing"


def generate(spec: Path, config: Path, out_dir: Path, expected: Iterable[StableName]) -> list[str]:
    """Generate the package into `out_dir` (must not exist); return the generator's warnings.

    Fails if the generator errors, warns about an endpoint it skipped, or if any expected
    operation module is missing afterwards (the generator can drop endpoints with exit 0).
    """
    exe = _venv_bin() / "openapi-python-client"
    if not exe.exists():
        raise ToolError("openapi-python-client is not installed: run `uv sync --locked`")
    env = dict(os.environ)
    env["PATH"] = f"{_venv_bin()}{os.pathsep}{env.get('PATH', '')}"
    env.pop("RUFF_CACHE_DIR", None)
    env["RUFF_NO_CACHE"] = "true"
    cmd = [
        str(exe),
        "generate",
        "--path",
        str(spec),
        "--config",
        str(config),
        "--meta",
        "none",
        "--output-path",
        str(out_dir),
        "--fail-on-warning",
    ]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise GenerationError(f"openapi-python-client did not finish within {TIMEOUT_S} s") from None
    output = (proc.stdout + "\n" + proc.stderr).strip()
    warnings = [line for line in output.splitlines() if "warning" in line.lower()]
    if proc.returncode != 0:
        interesting = [ln for ln in output.splitlines() if ln.strip() and not ln.startswith("Generating")]
        reason = " | ".join(interesting[:3]) or f"exit code {proc.returncode}"
        raise GenerationError(f"openapi-python-client failed: {reason}")
    missing = [
        name.qualified for name in expected if not (out_dir / "api" / name.group / f"{name.function}.py").is_file()
    ]
    if missing:
        raise GenerationError(f"generator silently dropped {len(missing)} operation(s): {', '.join(sorted(missing))}")
    (out_dir / "py.typed").write_text(PY_TYPED, encoding="utf-8")
    return warnings

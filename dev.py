#!/usr/bin/env python3
"""Bootstrap and run: the README's two commands go through here on a fresh machine.

    python3 dev.py demo        # the main job: `inspera demo` against the built-in simulator
    python3 dev.py test        # the whole suite: lint, types, regeneration check, pytest
    python3 dev.py regenerate  # offline regeneration from the committed spec (args passed on)

Needs only Python >= 3.11, pip and Node >= 18: uv (pinned) is installed with pip if missing,
Python dependencies come from uv.lock and the Node tools from package-lock.json.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
UV_VERSION = "0.13.9"


def uv() -> str:
    found = shutil.which("uv")
    if found:
        return found
    user_bin = Path(sys.executable).parent / "uv"
    if user_bin.exists():
        return str(user_bin)
    print(f"dev.py: installing uv {UV_VERSION} with pip", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", f"uv=={UV_VERSION}"], check=True)
    found = shutil.which("uv") or (str(user_bin) if user_bin.exists() else None)
    if not found:
        sys.exit("dev.py: uv was installed but is not on PATH; add pip's script folder to PATH")
    return found


def node_tools() -> None:
    """`npm ci` when node_modules is missing or older than package-lock.json."""
    lock = ROOT / "package-lock.json"
    marker = ROOT / "node_modules" / ".package-lock.json"
    if marker.exists() and marker.stat().st_mtime >= lock.stat().st_mtime:
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("dev.py: npm (Node >= 18) is needed for the spec pipeline and contract tests")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT, check=True)


def run(*cmd: str) -> None:
    print("$ " + " ".join(cmd), flush=True)
    code = subprocess.run(list(cmd), cwd=ROOT).returncode
    if code:
        sys.exit(code)


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"demo", "test", "regenerate"}:
        sys.exit(__doc__)
    task, rest = argv[0], argv[1:]
    tool = uv()
    os.environ.setdefault("UV_NO_PROGRESS", "1")
    run(tool, "sync", "--locked", "--quiet")
    if task == "demo":
        run(tool, "run", "--locked", "inspera", "demo", *rest)
        return
    node_tools()
    if task == "regenerate":
        run(tool, "run", "--locked", "python", "scripts/regenerate.py", *rest)
        return
    run(tool, "run", "--locked", "ruff", "check", "facade", "scripts", "tests", "dev.py")
    run(tool, "run", "--locked", "mypy")
    run(tool, "run", "--locked", "python", "scripts/regenerate.py", "--check")
    run(tool, "run", "--locked", "pytest", "-n", "2", "--dist", "loadfile", *rest)


if __name__ == "__main__":
    main(sys.argv[1:])

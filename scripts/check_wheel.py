"""Build the wheel, install it into a fresh virtual environment and check it as a typed user would.

uv run python scripts/check_wheel.py            # about 15 s

Steps, each of which must pass: `uv build --wheel` (from uv's cache when it can); the wheel carries LICENSE, both
py.typed markers, the packaged spec and the pytest11 entry point; `uv venv` in a scratch folder; the runtime and
`testing` dependencies at the versions uv.lock pins (from uv's cache when it has them, else from the registry;
`--offline` forbids that), then the wheel with `--no-deps`; `python -m inspera --version` there prints the
metadata's version; `scripts/packaging/typed_user.py` passes `mypy --strict` and pyright in strict mode against that
environment (the checkers come from the project, the packages they see only from the wheel's venv) and then runs
there. Exit 0 when all pass, 1 when a check fails, 2 when a tool is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
USER_SCRIPT = ROOT / "scripts" / "packaging" / "typed_user.py"
PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"


class CheckFailed(Exception):
    pass


def run(step: str, command: list[str], *, cwd: Path | None = None, timeout: float = 300) -> str:
    print(f"- {step}", flush=True)
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise CheckFailed(f"{step} failed ({done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done.stdout


def check_contents(wheel: Path) -> str:
    """The wheel's version, after checking the files a user's tools rely on."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = next(name.split("/")[0] for name in names if name.endswith(".dist-info/METADATA"))
        metadata = archive.read(f"{info}/METADATA").decode("utf-8")
        entry_points = archive.read(f"{info}/entry_points.txt").decode("utf-8")
    required = {f"{info}/licenses/LICENSE", "inspera/py.typed", "inspera_api/py.typed", "inspera/_spec/openapi.json"}
    missing = sorted(required - names)
    if missing:
        raise CheckFailed(f"the wheel lacks {', '.join(missing)}")
    for needle in ("License-Expression: MIT", "Classifier: Typing :: Typed", "Project-URL: "):
        if needle not in metadata:
            raise CheckFailed(f"the wheel's METADATA lacks {needle!r}")
    if "inspera = inspera.testing.pytest_plugin" not in entry_points:
        raise CheckFailed("the wheel does not register the pytest plugin")
    return next(line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Version: "))


def check(work: Path, *, offline: bool) -> None:
    uv = os.environ.get("UV") or shutil.which("uv")  # `uv run` names itself in UV
    if uv is None or not PYRIGHT.exists():
        raise FileNotFoundError("needs uv on PATH and pyright from `npm ci`")
    build = [uv, "build", "--wheel", "--out-dir", str(work / "dist")]
    try:  # building needs only hatchling, which `uv sync` of this project has cached
        run("build the wheel", [*build, "--offline"], cwd=ROOT)
    except CheckFailed:
        if offline:
            raise
        run("build the wheel (uv's cache lacks the build backend: from the registry)", build, cwd=ROOT)
    (wheel,) = (work / "dist").glob("*.whl")
    version = check_contents(wheel)
    venv = work / "venv"
    run("create a fresh virtual environment", [uv, "venv", "--offline", "--python", sys.executable, str(venv)])
    python = venv / "bin" / "python"
    # The dependencies at the versions uv.lock resolved for the project (runtime and `testing` extra only), then the
    # wheel itself without dependency resolution: the environment holds nothing the wheel does not ask for.
    requirements = work / "requirements.txt"
    run("pin the locked runtime dependencies",
        [uv, "export", "--frozen", "--no-dev", "--extra", "testing", "--no-emit-project", "-o", str(requirements)],
        cwd=ROOT)
    install = [uv, "pip", "install", "--python", str(python), "-r", str(requirements)]
    try:
        run("install them from uv's cache", [*install, "--offline"])
    except CheckFailed:
        if offline:
            raise
        run("install them (uv's cache lacks some: from the registry)", install)
    run("install the wheel", [uv, "pip", "install", "--offline", "--no-deps", "--python", str(python), str(wheel)])
    shown = run("python -m inspera --version", [str(python), "-m", "inspera", "--version"]).strip()
    if shown != f"inspera-client {version}":
        raise CheckFailed(f"--version printed {shown!r}, the metadata says {version}")
    script = work / "typed_user.py"
    shutil.copyfile(USER_SCRIPT, script)
    run("mypy --strict", [sys.executable, "-m", "mypy", "--strict", "--python-executable", str(python),
                          "--cache-dir", str(work / "mypy-cache"), str(script)], cwd=work)
    (work / "pyrightconfig.json").write_text(json.dumps({"typeCheckingMode": "strict", "pythonVersion": "3.11"}))
    run("pyright (strict)", [str(PYRIGHT), "--pythonpath", str(python), str(script)], cwd=work)
    output = run("run the script", [str(python), str(script)], cwd=work)
    if f"inspera-client {version}" not in output:
        raise CheckFailed(f"the script printed {output!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offline", action="store_true",
                        help="fail instead of asking the registry for locked packages uv's cache lacks")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="inspera-wheel-") as scratch:
        try:
            check(Path(scratch), offline=args.offline)
        except FileNotFoundError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        except CheckFailed as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    print("the wheel installs into a fresh venv and passes the typed user script under mypy --strict and pyright")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Running the pinned openapi-python-client into a scratch folder and checking that nothing was lost.

The generator runs in a child process (`generator_driver.py`) that hands back its findings as data. Its
warnings are reported, never fatal by themselves; what is fatal is an error, a crash, or an operation without
an endpoint function in the output: operations in must equal endpoint functions out. Then the config's post
hooks (the pinned ruff) format the package while, on the other core, a copy of it is imported, every module.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from .errors import GenerationError, Problem, ToolError, clip
from .names import OperationKey, StableName

TIMEOUT_S = 300
PY_TYPED = "# Marker file for PEP 561: inspera_api ships inline type hints.\n"
DRIVER = Path(__file__).with_name("generator_driver.py")
_HEADER = re.compile(r"WARNING parsing (\w+) (\S+) within ")
_ENDPOINT_FUNCTION = "def sync_detailed("


@dataclass(frozen=True)
class GeneratorNote:
    """One generator finding: the operation it concerns ("" for a model or the document) and what it says."""

    operation: str
    text: str
    dropped: bool  # the generator said it would not generate the endpoint

    def line(self) -> str:
        return f"{self.operation}: {self.text}" if self.operation else self.text


def _venv_bin() -> Path:
    return Path(sys.executable).parent


def tool_version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "missing"


def _note(finding: Mapping[str, str]) -> GeneratorNote:
    header, detail = str(finding.get("header", "")), str(finding.get("detail", ""))
    match = _HEADER.search(header)
    operation = f"{match.group(1).upper()} {match.group(2)}" if match else ""
    context = "" if match else header.strip().rstrip(":")
    text = clip(" ".join(part for part in (context, detail.split("\n\n")[0]) if part), 240)
    return GeneratorNote(operation, text or "generator warning without detail", "will not be generated" in header)


@dataclass(frozen=True)
class _DriverResult:
    findings: list[Mapping[str, str]]
    post_hooks: list[str]


def _run_driver(
    spec: Path, config: Path, out_dir: Path, overrides: Mapping[str, str], while_running: Callable[[], None] | None
) -> _DriverResult:
    if importlib.util.find_spec("openapi_python_client") is None:
        raise ToolError("openapi-python-client is not installed: run `uv sync --locked`")
    env = dict(os.environ)
    env["PATH"] = f"{_venv_bin()}{os.pathsep}{env.get('PATH', '')}"  # the post hooks call the pinned ruff
    env.pop("RUFF_CACHE_DIR", None)
    env["RUFF_NO_CACHE"] = "true"
    with tempfile.TemporaryDirectory(prefix="inspera-generate-") as tmp:
        overrides_file = Path(tmp) / "overrides.json"
        overrides_file.write_text(json.dumps(dict(sorted(overrides.items()))), encoding="utf-8")
        report = Path(tmp) / "findings.json"
        command = [sys.executable, str(DRIVER), str(spec), str(config), str(overrides_file), str(out_dir), str(report)]
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        try:
            if while_running is not None:
                while_running()  # e.g. validating the generator input on the other core
            _out, err = proc.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise GenerationError(f"openapi-python-client did not finish within {TIMEOUT_S} s") from None
        except BaseException:
            proc.kill()
            proc.communicate()
            raise
        if proc.returncode != 0 or not report.is_file():
            lines = [ln for ln in (err or "").strip().splitlines() if ln.strip()]
            raise GenerationError(f"the generator driver failed: {lines[-1] if lines else f'exit {proc.returncode}'}")
        answer = json.loads(report.read_text(encoding="utf-8"))
        return _DriverResult(list(answer["findings"]), [str(h) for h in answer.get("post_hooks", [])])


def generate(
    spec: Path,
    config: Path,
    out_dir: Path,
    expected: Mapping[OperationKey, StableName],
    overrides: Mapping[str, str] | None = None,
    *,
    while_running: Callable[[], None] | None = None,
    import_check: bool = True,
) -> list[GeneratorNote]:
    """Generate the package into `out_dir` (must not exist), format it and check it imports; return the
    generator's warnings.

    Raises GenerationError when the generator errs or crashes, when the endpoint functions written differ
    from the operations expected (naming each one lost, with the generator's reason where it gave one), when
    a post hook fails or when a generated module does not import.
    """
    result = _run_driver(spec, config, out_dir, overrides or {}, while_running)
    findings = result.findings
    crashed = [f for f in findings if f.get("level") == "crash"]
    if crashed:
        raise GenerationError(f"openapi-python-client crashed: {crashed[0].get('header')}: {crashed[0].get('detail')}")
    errors = [f for f in findings if f.get("level") == "ERROR"]
    if errors:
        raise GenerationError.of(
            Problem("generate", note.operation, f"openapi-python-client: {note.text}") for note in map(_note, errors)
        )
    notes = [_note(f) for f in findings]
    _check_endpoints(out_dir, expected, notes)
    modules = sorted(f"api.{n.group}.{n.function}" for n in expected.values())
    with tempfile.TemporaryDirectory(prefix="inspera-import-") as tmp:
        importing = None
        if import_check:  # on a copy: the formatter rewrites the files meanwhile
            copy = Path(tmp) / out_dir.name
            shutil.copytree(out_dir, copy)
            importing = _start_import_check(copy, modules)
        try:
            _run_hooks(result.post_hooks, out_dir)
        finally:
            if importing is not None:
                _finish_import_check(importing)
    (out_dir / "py.typed").write_text(PY_TYPED, encoding="utf-8")
    return notes


def _run_hooks(hooks: list[str], out_dir: Path) -> None:
    """The config's post hooks, as the generator runs them (a shell command in the package folder)."""
    env = dict(os.environ)
    env["PATH"] = f"{_venv_bin()}{os.pathsep}{env.get('PATH', '')}"
    env.pop("RUFF_CACHE_DIR", None)
    env["RUFF_NO_CACHE"] = "true"
    for hook in hooks:
        tool = hook.split(" ", 1)[0]
        if shutil.which(tool, path=env["PATH"]) is None:
            raise ToolError(f"{tool} (a post hook of the generator config) is not installed: run `uv sync --locked`")
        done = subprocess.run(hook, shell=True, cwd=out_dir, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines()
            raise GenerationError(f"post hook `{hook}` failed: {lines[0] if lines else done.returncode}")


def endpoint_modules(out_dir: Path) -> set[str]:
    """`group.function` of every generated module that defines an endpoint function."""
    found: set[str] = set()
    api = out_dir / "api"
    if not api.is_dir():
        return found
    for module in api.glob("*/*.py"):
        if module.name != "__init__.py" and _ENDPOINT_FUNCTION in module.read_text(encoding="utf-8"):
            found.add(f"{module.parent.name}.{module.stem}")
    return found


def _check_endpoints(out_dir: Path, expected: Mapping[OperationKey, StableName], notes: list[GeneratorNote]) -> None:
    written = endpoint_modules(out_dir)
    reasons: dict[str, list[str]] = {}
    for note in notes:
        reasons.setdefault(note.operation, []).append(note.text)
    problems = []
    for key, name in sorted(expected.items()):
        if name.qualified not in written:
            why = "; ".join(reasons.get(str(key), [])) or "the generator gave no reason"
            problems.append(
                Problem("generate", str(key), f"no endpoint function {name.qualified} was generated ({why})")
            )
    unexpected = sorted(written - {n.qualified for n in expected.values()})
    problems += [Problem("generate", "", f"the generator wrote an unexpected endpoint module {m}") for m in unexpected]
    if problems:
        generated = len(written & {n.qualified for n in expected.values()})
        counts = f"{len(expected)} operations in, {generated} endpoint functions out"
        raise GenerationError.of(
            [Problem(p.stage, p.where, f"{p.what} — {counts}" if i == 0 else p.what) for i, p in enumerate(problems)]
        )


_IMPORT_CHECK = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
failed = []
for name in json.loads(sys.argv[2]):
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append([name, type(exc).__name__ + ": " + str(exc)])
print(json.dumps(failed))
"""


def check_imports(package_dir: Path, modules: list[str], *, workers: int | None = None) -> None:
    """Import the package and each listed module (`api.tests.get_test`) in fresh interpreters."""
    _finish_import_check(_start_import_check(package_dir, modules, workers=workers))


def _start_import_check(package_dir: Path, modules: list[str], *, workers: int | None = None) -> list[Any]:
    """Start the interpreters (large packages are split over the cores, at most 4) and return them."""
    package = package_dir.name
    names = [f"{package}.{m}" for m in modules]
    count = max(1, min(workers or os.cpu_count() or 1, 4, len(names) // 100 or 1))
    chunks = [[package, f"{package}.client", f"{package}.models", *names[i::count]] for i in range(count)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return [
        subprocess.Popen(
            [sys.executable, "-c", _IMPORT_CHECK, str(package_dir.parent), json.dumps(chunk)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for chunk in chunks
    ]


def _finish_import_check(procs: list[Any]) -> None:
    failed: list[list[str]] = []
    broken = ""
    for proc in procs:
        try:
            out, err = proc.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        if proc.returncode != 0:
            lines = err.strip().splitlines()
            broken = broken or (lines[-1] if lines else f"exit {proc.returncode}")
            continue
        failed += json.loads(out or "[]")
    if broken:
        raise GenerationError(f"the generated package does not import: {broken}")
    if failed:
        raise GenerationError.of(
            Problem("generate", "", f"generated module {n} does not import: {e}") for n, e in sorted(failed)
        )

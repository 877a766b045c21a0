"""Running the pinned openapi-python-client into a scratch folder and checking that nothing was lost.

The generator runs in a child process (`generator_driver.py`) that hands back its findings as data. Its
warnings are reported, never fatal by themselves; what is fatal is an error, a crash, or an operation without
an endpoint function in the output: operations in must equal endpoint functions out. Then the config's post
hooks (the pinned ruff) format the package while, on the other core, a copy of it is imported, every module.
"""

from __future__ import annotations

import contextlib
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


def _tool_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{_venv_bin()}{os.pathsep}{env.get('PATH', '')}"  # the post hooks call the pinned ruff
    env.pop("RUFF_CACHE_DIR", None)
    env["RUFF_NO_CACHE"] = "true"
    return env


class _Helper:
    """An interpreter started ahead of time: it imports what it needs, then waits for one JSON job on stdin.

    The pipes are unbuffered bytes, so that reading the helper's first line (`ready()`) takes nothing more.
    """

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self._proc = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0, env=env
        )
        self._first = b""

    def send(self, job: Mapping[str, Any]) -> None:
        assert self._proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # it died; wait() reports how
            self._proc.stdin.write((json.dumps(job) + "\n").encode("utf-8"))

    def ready(self) -> None:
        """Wait for the helper's first line (it says it has what it needs); a helper that died says nothing."""
        assert self._proc.stdout is not None
        self._first = self._proc.stdout.readline()

    def wait(self, what: str) -> tuple[int, str, str]:
        try:
            out, err = self._proc.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.stop()
            raise GenerationError(f"{what} did not finish within {TIMEOUT_S} s") from None
        except BaseException:
            self.stop()
            raise
        first = b"" if self._first.strip() == b"loaded" else self._first
        text = (first + (out or b"")).decode("utf-8", "replace")
        return self._proc.returncode, text, (err or b"").decode("utf-8", "replace")

    def stop(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.communicate()


class Helpers:
    """The generator driver and the import checker, started early so that their imports overlap earlier work.

    Use as a context manager (run() starts them before preparing the document); leaving it stops what is left.
    """

    def __init__(self) -> None:
        if importlib.util.find_spec("openapi_python_client") is None:
            raise ToolError("openapi-python-client is not installed: run `uv sync --locked`")
        self.driver = _Helper([sys.executable, str(DRIVER)], _tool_env())
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        self.importer = _Helper([sys.executable, "-c", _IMPORT_CHECK], env)

    def __enter__(self) -> Helpers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.driver.stop()
        self.importer.stop()


def _run_driver(
    helpers: Helpers,
    spec: Path,
    config: Path,
    out_dir: Path,
    overrides: Mapping[str, str],
    while_running: Callable[[], None] | None,
) -> _DriverResult:
    with tempfile.TemporaryDirectory(prefix="inspera-generate-") as tmp:
        report = Path(tmp) / "findings.json"
        helpers.driver.send(
            {
                "spec": str(spec),
                "config": str(config),
                "overrides": dict(sorted(overrides.items())),
                "out_dir": str(out_dir),
                "report": str(report),
            }
        )
        if while_running is not None:
            try:
                while_running()  # e.g. validating the generator input on the other core
            except BaseException:
                helpers.driver.stop()
                raise
        code, _out, err = helpers.driver.wait("openapi-python-client")
        if code != 0 or not report.is_file():
            lines = [ln for ln in err.strip().splitlines() if ln.strip()]
            raise GenerationError(f"the generator driver failed: {lines[-1] if lines else f'exit {code}'}")
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
    helpers: Helpers | None = None,
) -> list[GeneratorNote]:
    """Generate the package into `out_dir` (must not exist), format it and check it imports; return the
    generator's warnings. `helpers` are the pre-started interpreters (started here when not given).

    Raises GenerationError when the generator errs or crashes, when the endpoint functions written differ
    from the operations expected (naming each one lost, with the generator's reason where it gave one), when
    a post hook fails or when a generated module does not import.
    """
    if helpers is None:
        with Helpers() as own:
            return generate(spec, config, out_dir, expected, overrides, while_running=while_running, helpers=own)
    result = _run_driver(helpers, spec, config, out_dir, overrides or {}, while_running)
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
    helpers.importer.send(_import_job(out_dir, modules))
    helpers.importer.ready()  # it has read the sources: the formatter may rewrite them now
    try:
        _run_hooks(result.post_hooks, out_dir)
    finally:
        _finish_import_check(helpers.importer)
    (out_dir / "py.typed").write_text(PY_TYPED, encoding="utf-8")
    return notes


def _import_job(package_dir: Path, modules: list[str]) -> dict[str, Any]:
    package = package_dir.name
    names = [package, f"{package}.client", f"{package}.models", *(f"{package}.{m}" for m in modules)]
    return {"root": str(package_dir.parent), "package": package, "modules": names}


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
import httpx, attrs, importlib.abc, importlib.util, json, os, sys  # loaded while waiting for the job
line = sys.stdin.readline()
if not line.strip():
    sys.exit(0)
job = json.loads(line)
root, package = job["root"], job["package"]
sources = {}  # read first: the formatter rewrites the files once this process says "loaded"
for folder, _dirs, files in os.walk(os.path.join(root, package)):
    for file in files:
        if file.endswith(".py"):
            path = os.path.join(folder, file)
            name = os.path.relpath(path, root)[:-3].replace(os.sep, ".")
            is_package = name.endswith(".__init__")
            with open(path, encoding="utf-8") as handle:
                sources[name[: -len(".__init__")] if is_package else name] = (handle.read(), path, is_package)
print("loaded", flush=True)


class FromMemory(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        if name not in sources:
            return None
        return importlib.util.spec_from_loader(name, self, origin=sources[name][1], is_package=sources[name][2])

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        source, path, _ = sources[module.__spec__.name]
        exec(compile(source, path, "exec"), module.__dict__)


sys.meta_path.insert(0, FromMemory())
failed = []
for name in job["modules"]:
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append([name, type(exc).__name__ + ": " + str(exc)])
print(json.dumps(failed))
"""


def check_imports(package_dir: Path, modules: list[str]) -> None:
    """Import the package and each listed module (`api.tests.get_test`) in a fresh interpreter."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    importer = _Helper([sys.executable, "-c", _IMPORT_CHECK], env)
    importer.send(_import_job(package_dir, modules))
    importer.ready()
    _finish_import_check(importer)


def _finish_import_check(importer: _Helper) -> None:
    code, out, err = importer.wait("the import check")
    if code != 0:
        lines = err.strip().splitlines()
        raise GenerationError(f"the generated package does not import: {lines[-1] if lines else f'exit {code}'}")
    failed = json.loads(out or "[]")
    if failed:
        raise GenerationError.of(
            Problem("generate", "", f"generated module {n} does not import: {e}") for n, e in sorted(failed)
        )

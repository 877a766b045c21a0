"""The facade checked against a freshly generated package before it is swapped in: one line per broken method.

Two halves. The static half (facade_uses.py) reads what the facade uses — modules, model classes, endpoint
modules and the keyword names passed to them dynamically — and looks each up in the new package's source. The
mypy half runs the project's own mypy settings over the facade with the new package first on the search path
(started as soon as the package exists, so it overlaps the rest of the run; its cache lives outside the checkout
and survives runs), which catches model attributes and typed arguments. Neither imports the facade or the package.

Every missing name is mapped back to the `openapi/names.toml` pin that would restore it: the `[operations]`
entry of an endpoint module or of a path variable's keyword, the `[models]` entry of a model class.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import FacadeError, Problem
from .facade_uses import PACKAGE, Need, owners_by_line, scan, snake

MYPY_TIMEOUT = 300.0  # seconds; --facade-timeout changes it
_MYPY_LINE = re.compile(r"^(?P<file>[^:]+\.py):(?P<line>\d+): error: (?P<message>.*?)(?:  \[[a-z-]+\])?$")
_PATH_VARIABLE = re.compile(r"\{([^{}]*)\}")


@dataclass
class Pins:
    """The pins of openapi/names.toml, read as TOML (the `[models]` table may be absent)."""

    operations: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (group, function)
    models: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Pins:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            return cls()
        operations = {
            str(key): (str(value.get("group")), str(value.get("function")))
            for key, value in (data.get("operations") or {}).items()
            if isinstance(value, dict)
        }
        models = data.get("models")
        return cls(operations, dict(models) if isinstance(models, dict) else {})

    def key_of(self, endpoint: str) -> str | None:
        """The `[operations]` key pinning `group.function`."""
        group, _, function = endpoint.partition(".")
        return next((key for key, named in self.operations.items() if named == (group, function)), None)

    def operation_line(self, key: str, endpoint: str) -> str:
        group, _, function = endpoint.partition(".")
        return f'[operations] "{key}" = {{ group = "{group}", function = "{function}" }}'

    def model_line(self, name: str) -> str:
        if name in self.models:
            return f"[models] {name} = {_toml(self.models[name])} (its role no longer resolves to a schema)"
        return f"[models] {name} = <the role of the schema> (no pin yet)"


def _toml(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return str(value)


class Package:
    """The generated package's source, read with `ast`: which modules exist, what they define, which keywords."""

    def __init__(self, root: Path) -> None:
        self.root = root  # the folder holding inspera_api/
        self._defined: dict[str, set[str] | None] = {}
        self._keywords: dict[str, set[str] | None] = {}

    def _file(self, module: str) -> Path | None:
        base = self.root.joinpath(*module.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
        return None

    def exists(self, module: str) -> bool:
        return self._file(module) is not None

    def defines(self, module: str, name: str) -> bool:
        if self.exists(f"{module}.{name}"):
            return True
        if module not in self._defined:
            self._defined[module] = self._names(module)
        names = self._defined[module]
        return names is not None and name in names

    def _names(self, module: str) -> set[str] | None:
        path = self._file(module)
        if path is None:
            return None
        names: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                names.add(node.name)
            elif isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name).split(".")[0] for a in node.names)
        return names

    def keywords(self, module: str) -> set[str] | None:
        """The parameters of the endpoint module's `sync_detailed` (None when it has none)."""
        if module not in self._keywords:
            path = self._file(module)
            found = None
            if path is not None:
                for node in ast.parse(path.read_text(encoding="utf-8")).body:
                    if isinstance(node, ast.FunctionDef) and node.name == "sync_detailed":
                        found = {a.arg for a in (*node.args.args, *node.args.kwonlyargs)}
            self._keywords[module] = found
        return self._keywords[module]


def static_problems(needs: list[Need], package: Package, pins: Pins) -> dict[str, list[str]]:
    """For each facade method, what it needs and the new package lacks, each with the pin that restores it."""
    broken: dict[str, list[str]] = {}
    for need in needs:
        for text in _missing(need, package, pins):
            listed = broken.setdefault(need.owner, [])
            if text not in listed:
                listed.append(text)
    return broken


def _missing(need: Need, package: Package, pins: Pins) -> list[str]:
    endpoint = need.module.removeprefix(f"{PACKAGE}.api.") if need.module.startswith(f"{PACKAGE}.api.") else None
    model = need.name if need.module.startswith(f"{PACKAGE}.models") and need.name else None
    if not package.exists(need.module):
        return [_missing_module(need, endpoint, model, pins)]
    if need.name is not None and not package.defines(need.module, need.name):
        name = f"{need.module}.{need.name}"
        if model:
            return [f"{name} is missing; pin: {pins.model_line(model)}"]
        if endpoint is not None:
            return [_missing_module(Need(need.owner, name, key=need.key), f"{endpoint}.{need.name}", None, pins)]
        return [f"{name} is missing (not a pinned name: the generator's own modules changed)"]
    if not need.keywords or endpoint is None:
        return []
    accepted = package.keywords(need.module)
    if accepted is None:
        return [f"{need.module} has no sync_detailed (the generator's endpoint layout changed)"]
    return [_missing_keyword(need, endpoint, keyword, pins) for keyword in need.keywords if keyword not in accepted]


def _missing_module(need: Need, endpoint: str | None, model: str | None, pins: Pins) -> str:
    if model:
        return f"{need.module} is missing; pin: {pins.model_line(model)}"
    if endpoint is None or "." not in endpoint:
        return f"{need.module} is missing (not a pinned name: the generator's own modules changed)"
    key = pins.key_of(endpoint) or need.key
    if key is None:
        return f"{need.module} is missing; pin: add an [operations] entry naming {endpoint} for the operation it calls"
    return f"{need.module} is missing; pin: {pins.operation_line(key, endpoint)} (no operation matches that key)"


def _missing_keyword(need: Need, endpoint: str, keyword: str, pins: Pins) -> str:
    key = pins.key_of(endpoint) or need.key
    shown = f"keyword {keyword}= of {need.module}.sync_detailed is missing"
    variables = {snake(v): v for v in _PATH_VARIABLE.findall(key or "")}
    if key is not None and keyword in variables:
        return f"{shown}; pin: {pins.operation_line(key, endpoint)} (its path variable {{{variables[keyword]}}})"
    where = f"operation {key}" if key else endpoint
    return f"{shown} (a query, header or body parameter of {where}: no pin renames it; the document changed it)"


# -- mypy over the facade ---------------------------------------------------------------------------------------


class MypyRun:
    """mypy over the facade against the package under `package_root`, running in its own process."""

    def __init__(
        self, tools_root: Path, facade: Path, package_root: Path, work: Path, timeout: float = MYPY_TIMEOUT
    ) -> None:
        self.timeout = timeout
        self.started = time.monotonic()
        config = work / "facade-mypy.ini"
        config.write_text(_mypy_config(tools_root, facade, package_root), encoding="utf-8")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "mypy", "--config-file", str(config), "--no-error-summary", "facade/inspera"],
            cwd=facade.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )

    def result(self) -> tuple[list[tuple[str, int, str]], float]:
        """(file, line, message) of each error in the facade, and the seconds mypy took; FacadeError on timeout."""
        left = max(0.0, self.timeout - (time.monotonic() - self.started))
        try:
            output, _ = self._process.communicate(timeout=left)
        except subprocess.TimeoutExpired:
            self.close()
            raise FacadeError(
                f"mypy over the facade did not finish within {self.timeout:g} s (raise it with --facade-timeout)"
            ) from None
        errors = []
        for line in output.decode("utf-8", "replace").splitlines():
            match = _MYPY_LINE.match(line.strip())
            if match and match["file"].startswith("facade/"):
                errors.append((match["file"].removeprefix("facade/"), int(match["line"]), match["message"]))
        if self._process.returncode not in (0, 1):
            raise FacadeError(f"mypy over the facade failed (exit {self._process.returncode})")
        return errors, time.monotonic() - self.started

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()


def mypy_available() -> bool:
    return importlib.util.find_spec("mypy") is not None


def cache_dir(tools_root: Path) -> Path:
    """Outside the checkout, one per tool tree (stdlib and httpx analyses are shared), kept between runs."""
    digest = hashlib.sha256(str(tools_root).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"inspera-facade-mypy-{digest}"


def _mypy_config(tools_root: Path, facade: Path, package_root: Path) -> str:
    """The project's [tool.mypy] settings with the new package first on the search path."""
    project = tomllib.loads((tools_root / "pyproject.toml").read_text(encoding="utf-8"))
    settings = project.get("tool", {}).get("mypy", {})
    lines = ["[mypy]"]
    for key, value in settings.items():
        if key not in {"files", "mypy_path", "exclude", "overrides", "cache_dir"}:
            lines.append(f"{key} = {_ini(value)}")
    lines.append(f"mypy_path = {facade}:{package_root}")
    lines.append(f"cache_dir = {cache_dir(tools_root)}")
    for override in settings.get("overrides", []):
        modules = override.get("module", [])
        lines.append(f"[mypy-{','.join(modules) if isinstance(modules, list) else modules}]")
        lines += [f"{key} = {_ini(value)}" for key, value in override.items() if key != "module"]
    return "\n".join(lines) + "\n"


def _ini(value: Any) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


_QUOTED = re.compile(r'"([^"]+)"')
_NO_ATTRIBUTE = re.compile(r'^"([A-Z][A-Za-z0-9]*)" has no attribute "([^"]+)"')


def mypy_problems(errors: list[tuple[str, int, str]], facade: Path, pins: Pins) -> dict[str, list[str]]:
    """Each mypy error as a missing name of the facade method it is in, with the `[models]` pin to check."""
    broken: dict[str, list[str]] = {}
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for file, line, message in errors:
        if file not in spans:
            spans[file] = owners_by_line(facade, file)
        inside = [s for s in spans[file] if s[0] <= line <= s[1]]
        module = ".".join(Path(file).with_suffix("").parts).removesuffix(".__init__")
        first = min((s[0] for s in inside), default=0)
        owners = [s[2] for s in inside if s[0] == first] or [module]
        attribute = _NO_ATTRIBUTE.search(message)
        if attribute:
            model, name = attribute.groups()
            text = (
                f"{model}.{name} is missing (mypy, {file}:{line}); pin: {pins.model_line(model)} "
                f"(is it on the schema with the property behind {name}?)"
            )
        else:
            models = [q for q in _QUOTED.findall(message) if re.fullmatch(r"[A-Z][A-Za-z0-9]*", q)]
            pin = f"; pin: {pins.model_line(models[0])}" if models else ""
            text = f"mypy: {message} ({file}:{line}){pin}"
        for owner in owners:
            broken.setdefault(owner, []).append(text)
    return broken


def problems(broken: dict[str, list[str]]) -> list[Problem]:
    """One line per facade method: its first missing name with the pin that restores it, and how many more."""
    found = []
    for owner in sorted(broken):
        first, *more = broken[owner]
        tail = f" (and {len(more)} more missing name(s))" if more else ""
        found.append(Problem("facade", owner, first + tail))
    return found


@dataclass
class FacadeCheck:
    """Both halves for one run: start() as soon as the package exists, finish() before anything is written."""

    tools_root: Path
    facade: Path  # the folder holding inspera/, next to the generated/ being replaced
    names_file: Path
    use_mypy: bool = True
    timeout: float = MYPY_TIMEOUT
    _mypy: MypyRun | None = None
    summary: str = ""

    @property
    def present(self) -> bool:
        return (self.facade / "inspera").is_dir()

    def start(self, package_root: Path, work: Path) -> None:
        if self.present and self.use_mypy and mypy_available():
            self._mypy = MypyRun(self.tools_root, self.facade, package_root, work, self.timeout)

    def finish(self, package_root: Path) -> None:
        """Raise FacadeError listing every facade method the new package breaks."""
        if not self.present:
            self.summary = "facade check: skipped, no facade in this project uses the package"
            return
        pins = Pins.load(self.names_file)
        needs = scan(self.facade)
        broken = static_problems(needs, Package(package_root), pins)
        mypy_note = "mypy over the facade: not run" + ("" if self.use_mypy else " (off)") + (
            "" if not self.use_mypy or mypy_available() else " (mypy is not installed)"
        )
        if self._mypy is not None:
            run, self._mypy = self._mypy, None
            try:
                errors, seconds = run.result()
            finally:
                run.close()
            for owner, texts in mypy_problems(errors, self.facade, pins).items():
                if owner not in broken:  # the static half already named what is missing there
                    broken[owner] = texts
            mypy_note = f"mypy over the facade: {len(errors)} error(s) in {seconds:.1f} s"
        if broken:
            raise FacadeError.of(problems(broken))
        methods = len({n.owner for n in needs})
        self.summary = f"facade check: {len(needs)} uses by {methods} facade methods all found; {mypy_note}"

    def close(self) -> None:
        if self._mypy is not None:
            self._mypy.close()
            self._mypy = None

"""The documentation site builds with `mkdocs build --strict` offline, and its reference documents every public name.

The reference is rendered by mkdocstrings from the docstrings; a name without a docstring is left out of it, so
"every public name has an entry in the built reference" is the check that every public name is documented.
"""

from __future__ import annotations

import html
import inspect
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ..support.readme import ROOT

PUBLIC_MODULES = ("inspera", "inspera.errors", "inspera.exports", "inspera.webhooks", "inspera.testing")
FROM_GENERATED = {"UNSET", "Unset"}  # the generated package's own names, re-exported; see "Optional fields"
CLOSED_PORT = "http://127.0.0.1:9"  # any request the build tried to make would fail here


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    proxies = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")
    env = {k: v for k, v in os.environ.items() if k.upper() != "NO_PROXY"}
    env |= dict.fromkeys(proxies, CLOSED_PORT) | {"NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"),
         "--site-dir", str(target)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return target


@pytest.fixture(scope="module")
def anchors(site: Path) -> set[str]:
    found: set[str] = set()
    for page in (site / "reference").rglob("*.html"):
        found |= {html.unescape(i) for i in re.findall(r'id="([^"]+)"', page.read_text(encoding="utf-8"))}
    return found


def _module(name: str) -> ModuleType:
    import importlib

    return importlib.import_module(name)


def _public_names() -> Iterator[tuple[str, str, Any]]:
    for module_name in PUBLIC_MODULES:
        module = _module(module_name)
        for name in module.__all__:
            if name.startswith("__") or name in FROM_GENERATED:
                continue
            yield module_name, name, getattr(module, name)


def _public_members(cls: type) -> Iterable[str]:
    """Public methods and properties defined on `cls` or its facade bases."""
    seen: set[str] = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("inspera"):
            continue
        for name, value in vars(klass).items():
            if name.startswith("_") or name in seen:
                continue
            if inspect.isfunction(value) or isinstance(value, property | cached_property):
                seen.add(name)
                yield name


def _classes_with_members() -> list[tuple[str, type]]:
    import inspera
    from inspera import exports, testing

    return [
        ("inspera.Inspera", inspera.Inspera),
        ("inspera.AsyncInspera", inspera.AsyncInspera),
        ("inspera.exports.Exports", exports.Exports),
        ("inspera.exports.AsyncExports", exports.AsyncExports),
        ("inspera.exports.ExportJob", exports.ExportJob),
        ("inspera.exports.AsyncExportJob", exports.AsyncExportJob),
        ("inspera.exports.ExportStatus", exports.ExportStatus),
        ("inspera.testing.InsperaSimulator", testing.InsperaSimulator),
    ]


def test_the_site_builds_strictly_offline(site: Path) -> None:
    assert (site / "index.html").exists() and (site / "reference" / "index.html").exists()
    assert (site / "performance" / "index.html").exists()


def test_every_public_name_has_a_docstring_and_an_entry(anchors: set[str]) -> None:
    missing = []
    for module_name, name, value in _public_names():
        where = {f"{module_name}.{name}"}
        if hasattr(value, "__qualname__") and hasattr(value, "__module__"):
            where.add(f"{value.__module__}.{value.__qualname__}")
            assert (value.__doc__ or "").strip(), f"{module_name}.{name} has no docstring"
        if not where & anchors:
            missing.append(f"{module_name}.{name}")
    assert not missing, f"not in the built reference: {missing}"


def test_every_client_export_and_simulator_member_has_an_entry(anchors: set[str]) -> None:
    missing = [f"{prefix}.{member}" for prefix, cls in _classes_with_members() for member in _public_members(cls)
               if f"{prefix}.{member}" not in anchors]
    assert not missing, f"not in the built reference: {missing}"


def test_every_namespace_method_has_its_doc_and_operation(site: Path, anchors: set[str]) -> None:
    from inspera.operations import NAMESPACES

    page = html.unescape(re.sub(r"<[^>]+>", "", (site / "reference" / "namespaces" / "index.html").read_text()))
    for namespace in NAMESPACES:
        for op in namespace.operations():
            anchor = f"inspera.operations.{namespace.__name__}.{op.name}"
            assert anchor in anchors, anchor
            first_line = (op.build.__doc__ or "").strip().split("\n")[0].replace("`", "")
            assert first_line, f"{anchor} has no docstring"
            assert f"{first_line}\nSends {op.key}." in page, f"{anchor}: its doc and `{op.key}` are not shown"


def test_the_pytest_fixtures_are_in_the_reference(anchors: set[str]) -> None:
    for fixture in ("inspera_simulator", "inspera_client", "async_inspera_client", "MARKER"):
        assert f"inspera.testing.pytest_plugin.{fixture}" in anchors, fixture

"""No import circles among our own modules in facade/ and scripts/.

Every import counts, at module level or inside a function: a circle that only runs because one side imports
lazily still ties both modules together. Only imports under `if TYPE_CHECKING:` are left out (they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Where each tree's modules are imported from: the facade as installed, the pipeline's packages from scripts/lib,
# the stand-alone scripts from their own folders (each puts its folder on sys.path).
SOURCE_ROOTS = [
    ROOT / "facade",
    ROOT / "scripts" / "lib",
    ROOT / "scripts",
    ROOT / "scripts" / "bench",
    ROOT / "scripts" / "ci",
    ROOT / "scripts" / "packaging",
]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def our_modules() -> dict[str, Path]:
    """Dotted name → file; a file is named from the deepest root holding it, as its importers see it."""
    found: dict[Path, str] = {}
    for root in sorted(SOURCE_ROOTS, key=lambda root: len(root.parts), reverse=True):
        for path in root.rglob("*.py"):
            if path in found:
                continue
            if "__pycache__" in path.parts:
                continue
            if path.parent != root and not (path.parent / "__init__.py").exists():
                continue  # a loose file in a sub-folder that is not a package: named from its own folder's root
            found[path] = module_name(path, root)
    return {name: path for path, name in found.items() if name}


def is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: all of them except those under `if TYPE_CHECKING:`."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def targets(name: str, path: Path, node: ast.Import | ast.ImportFrom, modules: dict[str, Path]) -> set[str]:
    """The modules of ours that one import statement loads (the named module, or a submodule named in `from`)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in modules}
    if node.level:
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    else:
        base = node.module or ""
    submodules = {f"{base}.{alias.name}" for alias in node.names} & modules.keys()
    # `from package import submodule` loads the submodule; the package itself counts only when a name comes
    # from it (a package is always loaded before its modules, as for every dotted import).
    if base in modules and len(submodules) < len(node.names):
        submodules.add(base)
    return submodules


def import_graph() -> dict[str, set[str]]:
    modules = our_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges: set[str] = set()
        for node in imports_of(tree):
            edges |= targets(name, path, node, modules)
        edges.discard(name)
        graph[name] = edges
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_the_graph_sees_our_modules_and_their_imports() -> None:
    graph = import_graph()
    assert "inspera.errors" in graph["inspera._client"]
    assert "pipeline.run" in graph and "inspera.cli.app" in graph


def test_the_finder_reports_a_circle_and_ignores_type_checking_imports() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import b\ndef f():\n    import c\n"
    imported = [alias.name for node in imports_of(ast.parse(source)) for alias in node.names]
    assert imported == ["TYPE_CHECKING", "c"]
    assert circles({"a": {"c"}, "c": {"d"}, "d": {"a"}, "e": {"a"}}) == [["a", "c", "d"]]


def test_no_import_circles_in_facade_and_scripts() -> None:
    assert circles(import_graph()) == []

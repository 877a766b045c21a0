"""What the facade uses of the generated package, read from its source (never imported): modules, names, keywords.

Four kinds of use, each tied to the facade method (or function) that needs it:
- `import inspera_api...` / `from inspera_api... import X` (X a class, function or submodule);
- `@operation("METHOD /path", "group.function")` on a namespace method: the generated endpoint module, and the
  keyword names its `call(...)` passes to that module's `sync_detailed` (passed dynamically, so mypy cannot see them);
- a call whose first two arguments are a model module and its class, `_body("test_metadata", "TestMetadata", ...)`;
- an `ExportKind(...)` declaration: its order and status modules (with the job ids they take) and its file model.
Attributes of models and typed keyword arguments are left to mypy (see facade_check.py).
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

PACKAGE = "inspera_api"
_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")
# A file can use the generated package only by naming it, by declaring an operation, or by naming a model module
# and its class as two string arguments.
_MAY_USE = re.compile(r"""inspera_api|@operation\(|["'][a-z0-9_]+["'],\s*["'][A-Z]""")


@dataclass(frozen=True)
class Need:
    owner: str  # "client.tests.get", "client.exports.results", "inspera.cli.demo.demo"
    module: str  # dotted, starting with inspera_api
    name: str | None = None  # a class, function or submodule the module must define
    keywords: tuple[str, ...] = ()  # keyword arguments of the module's sync_detailed
    key: str | None = None  # "METHOD /path" when the source says which operation it means
    where: str = ""  # file:line in the facade


def snake(name: str) -> str:
    return _SNAKE.sub("_", name).lower()


def scan(facade: Path) -> list[Need]:
    """Every use of the generated package in the facade's sources under `facade` (the folder holding inspera/)."""
    found: list[Need] = []
    for path in sorted(facade.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if not _MAY_USE.search(text):
            continue  # parsing only the files that can use the package keeps the check well under a second
        module = ".".join(path.relative_to(facade).with_suffix("").parts).removesuffix(".__init__")
        tree = ast.parse(text, filename=str(path))
        found += _Scanner(module, str(path.relative_to(facade)), tree).needs
    return found


class _Scanner(ast.NodeVisitor):
    def __init__(self, module: str, file: str, tree: ast.Module) -> None:
        self.module, self.file = module, file
        self.needs: list[Need] = []
        self._owners: list[str] = []
        self._attribute: list[str | None] = []
        self._functions = 0
        self._prefixes = _string_constants(tree)
        self._tree = tree
        self.visit(tree)
        self.needs = [replace(n, owner=o) for n in self.needs for o in public_owners(module, n.owner, self._users)]

    @functools.cached_property
    def _users(self) -> dict[str, set[str]]:
        return _users_of_names(self.module, self._tree)

    # -- ownership ---------------------------------------------------------------------------------------------

    def _owner(self) -> str:
        return self._owners[-1] if self._owners else self.module

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._owners.append(node.name)
        self._attribute.append(_namespace_attribute(node))
        self.generic_visit(node)
        self._attribute.pop()
        self._owners.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        nested = self._functions > 0  # a function inside a function belongs to the outer one
        owner = self._owner() if nested else _method_owner(self.module, self._owners, self._attribute, node.name)
        for decorator in node.decorator_list:
            self._operation(decorator, node, owner)
        self._owners.append(owner)
        self._functions += 1
        self.generic_visit(node)
        self._functions -= 1
        self._owners.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def _at(self, node: ast.AST) -> str:
        return f"{self.file}:{getattr(node, 'lineno', 0)}"

    # -- the four kinds of use ---------------------------------------------------------------------------------

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if _ours(alias.name):
                self.needs.append(Need(self._owner(), alias.name, where=self._at(node)))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not node.module or not _ours(node.module):
            return
        for alias in node.names:
            for owner in self._owners_of(alias.asname or alias.name):
                self.needs.append(Need(owner, node.module, alias.name, where=self._at(node)))

    def _owners_of(self, name: str) -> list[str]:
        """A module-level import (often under TYPE_CHECKING) belongs to the methods that mention the name."""
        if self._owners:
            return [self._owner()]
        return sorted(self._users.get(name, ())) or [self.module]

    def _operation(self, decorator: ast.expr, function: ast.FunctionDef | ast.AsyncFunctionDef, owner: str) -> None:
        if not (isinstance(decorator, ast.Call) and _called(decorator) == "operation" and len(decorator.args) == 2):
            return
        key, endpoint = (_text(a) for a in decorator.args)
        if key is None or endpoint is None:
            return
        keywords = sorted(
            {
                k.arg
                for call in ast.walk(function)
                if isinstance(call, ast.Call) and _called(call) == "call"
                for k in call.keywords
                if k.arg is not None
            }
        )
        self.needs.append(Need(owner, f"{PACKAGE}.api.{endpoint}", None, tuple(keywords), key, self._at(decorator)))

    def visit_Call(self, node: ast.Call) -> None:
        texts = [_text(a) for a in node.args[:2]]
        module, name = [*texts, None, None][:2]
        if module and name and re.fullmatch(r"[A-Z][A-Za-z0-9]*", name) and snake(name) == module:
            self.needs.append(Need(self._owner(), f"{PACKAGE}.models.{module}", name, where=self._at(node)))
        if _called(node) == "ExportKind":
            self._export_kind(node)
        self.generic_visit(node)

    def _export_kind(self, node: ast.Call) -> None:
        fields = {k.arg: k.value for k in node.keywords if k.arg}
        kind = _text(fields.get("name"))
        owner = f"client.exports.{kind}" if kind else self._owner()
        params = tuple(t for t in _texts(fields.get("status_params")) if t)
        api = self._prefixes.get("api", f"{PACKAGE}.api.")
        models = self._prefixes.get("models", f"{PACKAGE}.models.")
        for field_name, keywords in (("order_operation", params), ("status_operation", (*params, "job_id"))):
            operation = _text(fields.get(field_name))
            if operation:
                self.needs.append(Need(owner, api + operation, None, keywords, where=self._at(node)))
        document = _text(fields.get("document_model"))
        if document and "." in document:
            module, name = document.rsplit(".", 1)
            self.needs.append(Need(owner, models + module, name, where=self._at(node)))


def _ours(module: str) -> bool:
    return module == PACKAGE or module.startswith(PACKAGE + ".")


def _called(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _text(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _texts(node: ast.expr | None) -> Iterator[str | None]:
    if isinstance(node, (ast.Tuple, ast.List)):
        yield from (_text(e) for e in node.elts)


def _namespace_attribute(node: ast.ClassDef) -> str | None:
    """`attribute = "tests"` in a namespace class: its methods are reached as `client.tests.<method>`."""
    for statement in node.body:
        if (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "attribute" for t in statement.targets)
            and _text(statement.value)
        ):
            return _text(statement.value)
    return None


def _method_owner(module: str, owners: list[str], attributes: list[str | None], name: str) -> str:
    if attributes and attributes[-1]:
        return f"client.{attributes[-1]}.{name}"
    if owners:
        return f"{owners[-1]}.{name}"
    return f"{module}.{name}"


def _string_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level prefixes such as `_API = "inspera_api.api.exports."` (for names built from them)."""
    found: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and (value := _text(statement.value)):
            for kind in ("api", "models"):
                if value.startswith(f"{PACKAGE}.{kind}.") and value.endswith("."):
                    found[kind] = value
    return found


def _users_of_names(module: str, tree: ast.Module) -> dict[str, set[str]]:
    """For each name, the functions and methods of the module that mention it (annotations included)."""
    users: dict[str, set[str]] = {}

    def visit(node: ast.AST, owners: list[str], attributes: list[str | None]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, [*owners, child.name], [*attributes, _namespace_attribute(child)])
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                owner = _method_owner(module, owners, attributes, child.name)
                for sub in ast.walk(child):
                    if isinstance(sub, ast.Name):
                        users.setdefault(sub.id, set()).add(owner)
                    elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                        for word in _names_in_annotation(sub.value):
                            users.setdefault(word, set()).add(owner)
            else:
                visit(child, owners, attributes)

    visit(tree, [], [])
    return users


def public_owners(module: str, owner: str, users: dict[str, set[str]]) -> list[str]:
    """A private helper function of a module stands for the methods of that module that use it."""
    name = owner.removeprefix(module + ".")
    if "." in name or not name.startswith("_"):
        return [owner]
    return sorted(u for u in users.get(name, ()) if u != owner) or [owner]


def _names_in_annotation(text: str) -> set[str]:
    """The names in a quoted annotation (`"list[TestSearchHit]"`); a docstring or message yields none."""
    try:
        parsed = ast.parse(text, mode="eval")
    except SyntaxError:
        return set()
    return {node.id for node in ast.walk(parsed) if isinstance(node, ast.Name)}


def owners_by_line(facade: Path, file: str) -> list[tuple[int, int, str]]:
    """(first line, last line, owner) of every function and method of one facade file, innermost last."""
    path = facade / file
    module = ".".join(Path(file).with_suffix("").parts).removesuffix(".__init__")
    spans: list[tuple[int, int, str]] = []

    def visit(node: ast.AST, owners: list[str], attributes: list[str | None]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, [*owners, child.name], [*attributes, _namespace_attribute(child)])
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                owner = _method_owner(module, owners, attributes, child.name)
                spans.append((first, child.end_lineno or child.lineno, owner))
                # functions nested inside it belong to it: not visited
            else:
                visit(child, owners, attributes)

    tree = ast.parse(path.read_text(encoding="utf-8"))
    visit(tree, [], [])
    users = _users_of_names(module, tree)
    return [(first, last, o) for first, last, owner in spans for o in public_owners(module, owner, users)]

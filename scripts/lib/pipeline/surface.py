"""The public surface of a generated package: endpoint modules with their functions' parameters, model classes
with their attribute names. Read from the source (no import), names and signatures only."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Surface:
    """`functions`: `inspera_api.api.<group>.<module>.<function>` -> parameter names (keyword-only marked `*`);
    `models`: `inspera_api.models.<module>.<Class>` -> attribute names; `exports`: `inspera_api.models.__all__`."""

    functions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    models: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exports: tuple[str, ...] = ()

    def differences(self, other: Surface) -> list[str]:
        """What `other` lacks or has differently, one line each (empty when identical)."""
        lines: list[str] = []
        for label, mine, theirs in (
            ("function", self.functions, other.functions),
            ("model", self.models, other.models),
        ):
            for name in sorted(mine.keys() - theirs.keys()):
                lines.append(f"{label} {name} is gone")
            for name in sorted(theirs.keys() - mine.keys()):
                lines.append(f"{label} {name} is new")
            for name in sorted(mine.keys() & theirs.keys()):
                if mine[name] != theirs[name]:
                    lines.append(f"{label} {name}: {', '.join(mine[name])} -> {', '.join(theirs[name])}")
        if self.exports != other.exports:
            gone, new = sorted(set(self.exports) - set(other.exports)), sorted(set(other.exports) - set(self.exports))
            lines.append(f"inspera_api.models exports: gone {gone}, new {new}")
        return lines


def public_surface(package: Path) -> Surface:
    """The surface of the package folder `package` (e.g. generated/inspera_api)."""
    root = package.name
    functions: dict[str, tuple[str, ...]] = {}
    for module in sorted((package / "api").glob("*/*.py")):
        if module.name == "__init__.py":
            continue
        prefix = f"{root}.api.{module.parent.name}.{module.stem}"
        for node in _tree(module).body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
                functions[f"{prefix}.{node.name}"] = _parameters(node.args)
    models: dict[str, tuple[str, ...]] = {}
    for module in sorted((package / "models").glob("*.py")):
        if module.name == "__init__.py":
            continue
        for node in _tree(module).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                models[f"{root}.models.{module.stem}.{node.name}"] = _attributes(node)
    return Surface(functions, models, _exports(package / "models" / "__init__.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _parameters(args: ast.arguments) -> tuple[str, ...]:
    positional = [a.arg for a in (*args.posonlyargs, *args.args)]
    return (*positional, *(f"*{a.arg}" for a in args.kwonlyargs))


def _attributes(node: ast.ClassDef) -> tuple[str, ...]:
    names = []
    for item in node.body:
        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            names.append(item.target.id)
        elif isinstance(item, ast.Assign):  # enum members
            names += [t.id for t in item.targets if isinstance(t, ast.Name)]
    return tuple(sorted(names))


def _exports(init: Path) -> tuple[str, ...]:
    if not init.is_file():
        return ()
    for node in _tree(init).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            value = node.value
            if isinstance(value, ast.Tuple | ast.List):
                return tuple(
                    sorted(e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str))
                )
    return ()

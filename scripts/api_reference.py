"""Write api.md, the reference of the hand-written facade, from the facade itself.

uv run python scripts/api_reference.py           # rewrite api.md
uv run python scripts/api_reference.py --check   # exit 1 when api.md is stale, writing nothing (the tests run this)

Like coverage.py, this script introspects the facade (scripts otherwise never import it): the clients' constructors,
properties and methods, every namespace method (signature as written in the source, its first docstring line and
the "METHOD /path" it calls), export jobs, the helpers, the errors and the test tools. Signatures keep the source's
spelling of annotations and render defaults without memory addresses, so the output is the same on every machine.
Exit codes: 0 up to date / written, 1 stale (--check), 2 could not run.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "lib"))
sys.path.insert(1, str(ROOT / "facade"))
sys.path.insert(2, str(ROOT / "generated"))

API_FILE = ROOT / "api.md"

HEADER = """# API reference

Generated from the facade by `scripts/api_reference.py` (`--check` is part of the test suite); do not edit by hand.
The README explains the concepts; this file lists every public name with its signature and one line of its
documentation. Annotations are shown as written in the source: model names such as `TestMetadata` are the generated
classes in `inspera_api.models` (`from inspera_api.models import TestMetadata`).

`AsyncInspera` has the same constructor (with an `httpx.AsyncClient` as `http_client` and an async `sleep`),
properties, namespaces and methods as `Inspera`; its namespace and export methods are coroutines
(`await client.tests.get(...)`), and it is closed with `await client.aclose()` or `async with`.
"""


def first_line(obj: Any) -> str:
    """The first paragraph of a docstring, on one line."""
    doc = inspect.getdoc(obj) or ""
    return " ".join(doc.split("\n\n", 1)[0].split())


def entry(code: str, obj: Any, suffix: str = "") -> str:
    """One list item: the code, then " — " and the doc's first line when there is one."""
    doc = " ".join(part for part in (first_line(obj), suffix) if part)
    return f"- `{code}` — {doc}" if doc else f"- `{code}`"


def _default(value: Any) -> str:
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{value.__module__}.{value.__qualname__}"
    return repr(value)


def _parameter(parameter: inspect.Parameter) -> str:
    text = parameter.name
    if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
        text = "*" + text
    elif parameter.kind is inspect.Parameter.VAR_KEYWORD:
        text = "**" + text
    if parameter.annotation is not inspect.Parameter.empty:
        annotation = parameter.annotation
        text += f": {annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)}"
    if parameter.default is not inspect.Parameter.empty:
        text += f" = {_default(parameter.default)}"
    return text


def signature(function: Callable[..., Any], *, drop_first: bool) -> str:
    """`(a: int, *, b: str = 'x') -> T` from the source annotations, without `self`/`cls` when `drop_first`."""
    raw = inspect.signature(function, follow_wrapped=False)
    parameters = list(raw.parameters.values())[1:] if drop_first else list(raw.parameters.values())
    parts: list[str] = []
    keyword_only_marked = False
    for index, parameter in enumerate(parameters):
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and not keyword_only_marked:
            if not any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in parameters[:index]):
                parts.append("*")
            keyword_only_marked = True
        parts.append(_parameter(parameter))
        if parameter.kind is inspect.Parameter.POSITIONAL_ONLY and (
            index + 1 == len(parameters) or parameters[index + 1].kind is not inspect.Parameter.POSITIONAL_ONLY
        ):
            parts.append("/")
    returned = raw.return_annotation
    text = f"({', '.join(parts)})"
    if returned is not inspect.Signature.empty:
        text += f" -> {returned if isinstance(returned, str) else inspect.formatannotation(returned)}"
    return text


def public_members(cls: type) -> Iterable[tuple[str, Any]]:
    """Public methods and properties defined on `cls` or its facade bases, in source order."""
    seen: set[str] = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("inspera"):
            continue
        for name, value in vars(klass).items():
            if name.startswith("_") or name in seen:
                continue
            seen.add(name)
            yield name, value


def class_section(title: str, cls: type, prefix: str, *, skip: Iterable[str] = ()) -> list[str]:
    from functools import cached_property

    lines = [f"## {title}", "", first_line(cls), ""]
    properties, methods = [], []
    for name, value in public_members(cls):
        if name in skip:
            continue
        if isinstance(value, property | cached_property):
            getter = value.fget if isinstance(value, property) else value.func
            if getter is None:
                continue
            returned = inspect.signature(getter, follow_wrapped=False).return_annotation
            shown = f": {returned}" if returned is not inspect.Signature.empty else ""
            properties.append(entry(f"{prefix}.{name}{shown}", value))
        elif inspect.isfunction(value):
            methods.append(entry(f"{prefix}.{name}{signature(value, drop_first=True)}", value))
    if properties:
        lines += ["Properties:", "", *properties, ""]
    if methods:
        lines += ["Methods:", "", *methods, ""]
    return lines


def clients_section() -> list[str]:
    from inspera import Inspera

    lines = [
        "## Clients",
        "",
        f"`inspera.Inspera{signature(Inspera.__init__, drop_first=True)}`",
        "",
        first_line(Inspera),
        "",
    ]
    body = class_section("Clients", Inspera, "client")[4:]
    return lines + body


def namespaces_section() -> list[str]:
    import inspera_api.models as generated_models
    from inspera._domains.base import source_signature
    from inspera.operations import NAMESPACES

    lines: list[str] = []
    for namespace in NAMESPACES:
        attribute = namespace.attribute
        operations = list(namespace.operations())
        lines += [f"## `client.{attribute}`", "", first_line(namespace), ""]
        names = {
            word
            for op in operations
            for word in _names(source_signature(op))
            if word[:1].isupper() and word not in {"Body", "Any", "None"}
        }
        models = sorted(name for name in names if hasattr(generated_models, name))
        aliases = {name: _alias(operations, name) for name in sorted(names) if name not in models}
        if models:
            lines += ["Types:", "", "```python", f"from inspera_api.models import {', '.join(models)}", "```", ""]
        if aliases:
            lines += [" ".join(f"`{name}` is `{value}`." for name, value in aliases.items()), ""]
        lines += ["Methods:", ""]
        for op in operations:
            lines.append(entry(f"client.{attribute}.{op.name}{source_signature(op)}", op.build, f"`{op.key}`"))
        lines.append("")
    lines += [
        "`Body` is `Mapping[str, Any]`: a request body may be the generated model or a mapping with the spec's field",
        "names, checked for unknown keys; `extra_body` adds fields the spec does not know yet.",
        "",
    ]
    return lines


def _alias(operations: Iterable[Any], name: str) -> str:
    """What a type alias used in a namespace's signatures (e.g. `TestRef`) stands for, from its module."""
    for op in operations:
        value = op.build.__globals__.get(name)
        if value is not None:
            return value if isinstance(value, str) else inspect.formatannotation(value)
    raise ValueError(f"{name} in a namespace signature is neither a generated model nor an alias of its module")


def _names(text: str) -> set[str]:
    import re

    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))


def exports_section() -> list[str]:
    from inspera.exports import ExportJob, Exports, ExportStatus

    lines = class_section("`client.exports`", Exports, "client.exports")
    lines += class_section("Export jobs (`ExportJob`, `AsyncExportJob`)", ExportJob, "job")
    lines += class_section("`ExportStatus`", ExportStatus, "status")
    return lines


def functions_section(title: str, functions: Iterable[Callable[..., Any]], prefix: str) -> list[str]:
    lines = [f"## {title}", ""]
    for function in functions:
        lines.append(entry(f"{prefix}.{function.__name__}{signature(function, drop_first=False)}", function))
    return [*lines, ""]


def errors_section() -> list[str]:
    import inspera

    lines = ["## Errors", "", "Every class is importable from `inspera`.", ""]
    errors = [getattr(inspera, name) for name in inspera.__all__]
    for cls in sorted((e for e in errors if isinstance(e, type) and issubclass(e, inspera.InsperaError)),
                      key=lambda c: (len(c.__mro__), c.__name__)):
        bases = ", ".join(base.__name__ for base in cls.__bases__)
        lines.append(entry(f"{cls.__name__}({bases})", cls))
    return [*lines, ""]


def testing_section() -> list[str]:
    from inspera.testing import InsperaSimulator, pytest_plugin

    lines = class_section("Testing: `inspera.testing.InsperaSimulator`", InsperaSimulator, "sim")
    lines[4:4] = [f"`inspera.testing.InsperaSimulator{signature(InsperaSimulator.__init__, drop_first=True)}`", ""]
    lines += ["## Testing: pytest fixtures (plugin `inspera.testing.pytest_plugin`)", ""]
    for name in ("inspera_simulator", "inspera_client", "async_inspera_client"):
        fixture = getattr(pytest_plugin, name)
        function = getattr(fixture, "__wrapped__", None) or getattr(fixture, "_fixture_function", None) or fixture
        lines.append(entry(name, function))
    lines += ["", f"Marker: `@pytest.mark.{pytest_plugin.MARKER}(**knobs)` — InsperaSimulator keyword arguments.", ""]
    return lines


def render() -> str:
    import inspera
    from inspera import webhooks

    lines = [HEADER]
    lines += clients_section()
    lines += namespaces_section()
    lines += exports_section()
    lines += functions_section("Optional fields", (inspera.value_or, inspera.required), "inspera")
    lines += functions_section(
        "Webhooks (`inspera.webhooks`)", (webhooks.verify_signature, webhooks.parse_event, webhooks.sign),
        "inspera.webhooks",
    )
    lines += errors_section()
    lines += testing_section()
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="api_reference.py", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report a stale api.md instead of writing it")
    parser.add_argument("--output", type=Path, default=API_FILE, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        text = render()
    except (ImportError, ValueError, TypeError) as error:
        print(f"error: api_reference: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    current = args.output.read_text(encoding="utf-8") if args.output.is_file() else None
    if args.check:
        if current != text:
            print(f"{args.output.name} is stale: run `uv run python scripts/api_reference.py`", file=sys.stderr)
            return 1
        return 0
    if current != text:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The model and enum classes openapi-python-client 0.29 will generate for a document, computed before it runs.

Read from the generator's source (`parser/properties/*.py`, `strings.py`): a component's class is its name (or
its `title`) in PascalCase; an inline model or enum is named after where it sits, `pascal(parent class) +
pascal(title or local name)`, where the local name is the property's name, `<name>_item` for array items,
`AdditionalProperty` for map values, `<name>_type_<i>` for the i-th member of a union (or `<name>_<title>` when
the member has a title of its own), `body` under a request body, `response_<status>` under a response and the
parameter's name under a parameter; the parent of the last three is the operation's function name. OpenAPI 3.0
`nullable: true` and a 3.1 type list with `null` make a union whose first member is the schema itself
(`<name>_type_0`). The module of a class is its snake_case name; two classes with one module cannot coexist.
"""

from __future__ import annotations

import builtins
import keyword
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .walk import Parts, operations, resolve_pointer

Doc = dict[str, Any]
_DELIMITERS = ". _-"
_RESERVED = (set(dir(builtins)) | {"self", "true", "false", "datetime"}) - {"id"}


def _words(value: str) -> list[str]:
    kept = "".join(c for c in value if c.isidentifier() or c.isdecimal() or c in _DELIMITERS)
    if any(c.isupper() for c in kept):
        kept = " ".join(re.split("([A-Z]?[a-z]+)", kept))
    return re.findall(f"[^{re.escape(_DELIMITERS)}]+", kept)


def pascal(value: str) -> str:
    """The generator's PascalCase: words split on delimiters and case changes, each capitalised unless all upper."""
    return "".join(w if w.isupper() else w.capitalize() for w in _words(value))


def class_name(value: str) -> str:
    """The generator's class name for `value` (reserved words get a trailing `_`)."""
    name = pascal(value)
    return f"{name}_" if name in _RESERVED or keyword.iskeyword(name) else name


def module_key(name: str) -> str:
    """The module a class name lands in (`ShelfPOSITION` and `ShelfPosition` share `shelf_position`)."""
    return "_".join(_words(name)).lower()


def is_nullable(node: dict[str, Any]) -> bool:
    kind = node.get("type")
    return node.get("nullable") is True or (isinstance(kind, list) and "null" in kind)


def type_of(node: dict[str, Any]) -> str | None:
    """The non-null type of a schema (`["object", "null"]` -> `object`), or None."""
    kind = node.get("type")
    if isinstance(kind, list):
        real = [k for k in kind if k != "null"]
        return str(real[0]) if len(real) == 1 else None
    return kind if isinstance(kind, str) else None


def is_model(node: dict[str, Any]) -> bool:
    """A schema the generator makes a model class of (not through a union)."""
    if "$ref" in node or node.get("anyOf") or node.get("oneOf"):
        return False
    all_of = node.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1 and isinstance(all_of[0], dict) and "$ref" in all_of[0]:
        return False  # a one-reference wrapper is its target's class
    return type_of(node) == "object" or bool(all_of) or (type_of(node) is None and bool(node.get("properties")))


def is_enum(node: dict[str, Any]) -> bool:
    return "$ref" not in node and isinstance(node.get("enum"), list) and type_of(node) != "boolean"


@dataclass(frozen=True)
class Slot:
    """One class the generator will make: its name, where its schema sits (`holder[key]`) and how it was named."""

    name: str
    parts: Parts
    holder: Any
    key: str | int
    parent: str  # the enclosing class or function the name starts with ("" for a component)
    local: str  # the name's own part: a property, `<name>_item`, `body`, ...
    component: bool

    @property
    def module(self) -> str:
        return module_key(self.name)


def class_slots(doc: Doc) -> Iterator[Slot]:
    """Every model and enum class the generator derives from `doc` (an OpenAPI 3 document after our transforms)."""
    schemas = (doc.get("components") or {}).get("schemas") or {}
    for name in list(schemas):
        yield from _visit(schemas, name, ("components", "schemas", name), "", name, component=True)
    for parts, path, _method, op in operations(doc):
        function = str(op.get("operationId", ""))
        for where, param in _parameters(doc, parts, path, op):
            yield from _visit(param, "schema", (*where, "schema"), function, str(param.get("name", "")))
        body = _shared(doc, op.get("requestBody"))
        for media, entry in ((body.get("content") if isinstance(body, dict) else None) or {}).items():
            if isinstance(entry, dict):
                where = (*parts, "requestBody", "content", media, "schema")
                yield from _visit(entry, "schema", where, function, "body")
        for status, response in (op.get("responses") or {}).items():
            response = _shared(doc, response)
            content = response.get("content") if isinstance(response, dict) else None
            for media, entry in (content or {}).items():
                if isinstance(entry, dict):
                    where = (*parts, "responses", status, "content", media, "schema")
                    yield from _visit(entry, "schema", where, function, f"response_{status}")


def _parameters(doc: Doc, parts: Parts, path: str, op: dict[str, Any]) -> Iterator[tuple[Parts, dict[str, Any]]]:
    """An operation's parameters with a schema, then its path item's that it does not override."""
    seen: set[tuple[str, str]] = set()
    item = (doc.get("paths") or {}).get(path) or {}
    for holder, base in ((op, parts), (item, ("paths", path))):
        for i, param in enumerate(holder.get("parameters") or [] if isinstance(holder, dict) else []):
            param = _shared(doc, param)
            if not isinstance(param, dict) or not isinstance(param.get("schema"), dict):
                continue
            key = (str(param.get("name")), str(param.get("in")))
            if key not in seen:
                seen.add(key)
                yield (*base, "parameters", i), param


def _shared(doc: Doc, node: Any) -> Any:
    """A request body or response, through a `$ref` to a reusable one."""
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"] not in seen:
        seen.add(node["$ref"])
        node = resolve_pointer(doc, node["$ref"])
    return node


def _visit(
    holder: Any, key: str | int, parts: Parts, parent: str, local: str, *, component: bool = False, member: bool = False
) -> Iterator[Slot]:
    node = holder[key]
    if not isinstance(node, dict) or "$ref" in node:
        return
    title = node.get("title") if isinstance(node.get("title"), str) else None
    if is_enum(node):
        yield Slot(_derived(parent, title or local), parts, holder, key, parent, local, component)
        return
    unions = bool(node.get("anyOf") or node.get("oneOf"))
    if not member and not unions and is_nullable(node) and (type_of(node) in ("object", "array") or is_model(node)):
        if "type" in node:  # a union whose first member is a copy of the schema, title and all: `<name>_type_0`
            yield from _visit(holder, key, parts, parent, f"{local}_type_0", component=component, member=True)
        else:  # an untyped nullable allOf becomes `oneOf: [null, {allOf}]`, the title lost: `<name>_type_1`
            name = _derived(parent, f"{local}_type_1")
            yield Slot(name, parts, holder, key, parent, local, component)
            yield from _inside(node, parts, name)
        return
    if unions:
        offset = 0
        for union in ("anyOf", "oneOf"):
            listed = node.get(union) or []
            for j, alternative in enumerate(listed):
                own = alternative.get("title") if isinstance(alternative, dict) else None
                sub = f"{local}_{own}" if isinstance(own, str) and own != title else f"{local}_type_{offset + j}"
                yield from _visit(listed, j, (*parts, union, j), parent, sub)
            offset += len(listed)
        return
    if type_of(node) == "array":
        if isinstance(node.get("items"), dict):
            yield from _visit(node, "items", (*parts, "items"), parent, f"{local}_item")
        return
    if not is_model(node):
        return
    name = _derived(parent, title or local)
    yield Slot(name, parts, holder, key, parent, local, component)
    yield from _inside(node, parts, name)


def _inside(node: dict[str, Any], parts: Parts, name: str) -> Iterator[Slot]:
    for i, part in enumerate(node.get("allOf") or []):
        if isinstance(part, dict) and "$ref" not in part:
            yield from _inside(part, (*parts, "allOf", i), name)
    props = node.get("properties")
    for prop in props if isinstance(props, dict) else {}:
        yield from _visit(props, prop, (*parts, "properties", prop), name, str(prop))
    if isinstance(node.get("additionalProperties"), dict):
        yield from _visit(node, "additionalProperties", (*parts, "additionalProperties"), name, "AdditionalProperty")


def _derived(parent: str, local: str) -> str:
    return class_name(f"{pascal(parent)}{pascal(local)}" if parent else local)

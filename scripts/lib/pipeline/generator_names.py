"""Class names the generator would take from the vendor or lose to a collision, made positional and unique.

Three rewrites, each reported as a workaround (see generator_classes.py for how the generator names classes):

- `schema_title`: the generator names a class after a schema's `title` when it has one, and a vendor picks titles
  as freely as schema names; the title moves to `x-upstream-title`, so the class is named after its position.
- `nullable_model_name`: a nullable inline model (3.0 `nullable: true`, Swagger 2.0 `x-nullable`, a 3.1 `null` in
  its type list), or one inside a nullable array, is named `..._type_0` / `...Type0Item` by the generator; it gets
  the title that gives back the name it has when nothing is nullable. A nullable component (whose module the
  generator never writes) loses its `nullable`, which moves to every reference to it.
- `inline_model_collision`: an inline model or enum whose derived class lands in the same module as a
  component's (`Shelf.position` -> `ShelfPosition` next to a component `ShelfPosition`), or as another inline
  one's, is extracted into a component named `<derived name>Inline` (`ShelfPositionInline`; a second inline one
  in the same module, in document order, `...Inline2`). Components keep their names; two components in one module
  stop the run in one line.
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from .errors import NamingError
from .generator_classes import Slot, class_slots, is_enum, is_model, is_nullable, module_key, type_of
from .walk import Parts, get, pointer

Doc = dict[str, Any]
SCHEMAS = "#/components/schemas/"
_VALUES = frozenset({"example", "examples", "default", "enum", "const"})  # JSON values, not schemas
_ROUNDS = 8  # each round extracts at least one schema; deeper chains than this are not met in practice


def schema_titles(doc: Doc) -> Iterator[tuple[Parts, str]]:
    """Move every schema `title` aside (`x-upstream-title`)."""
    for slot in class_slots(doc):
        node = slot.holder[slot.key]
        if isinstance(node.get("title"), str):
            title = node.pop("title")
            node.setdefault("x-upstream-title", title)
            yield slot.parts, f"title {title!r} no longer names the class"
    for parts, node in _union_members(doc):
        title = node.pop("title")
        node.setdefault("x-upstream-title", title)
        yield parts, f"title {title!r} no longer names the union member"


def _union_members(doc: Doc) -> Iterator[tuple[Parts, dict[str, Any]]]:
    """Titled members of unions (they rename the member's class: `<name>_<title>`)."""
    stack: list[tuple[Parts, Any]] = [(("components",), doc.get("components")), (("paths",), doc.get("paths"))]
    while stack:
        parts, node = stack.pop()
        if isinstance(node, dict):
            for key in ("anyOf", "oneOf"):
                for i, member in enumerate(node.get(key) or [] if isinstance(node.get(key), list) else []):
                    if isinstance(member, dict) and isinstance(member.get("title"), str):
                        yield (*parts, key, i), member
            stack.extend(((*parts, k), v) for k, v in node.items() if not str(k).startswith("x-") and k not in _VALUES)
        elif isinstance(node, list):
            stack.extend(((*parts, i), v) for i, v in enumerate(node))


def nullable_models(doc: Doc) -> Iterator[tuple[Parts, str]]:
    """Give every model and enum renamed by nullability the title that restores its name."""
    yield from _nullable_components(doc)
    clean = copy.deepcopy(doc)
    _drop_nullability(clean)
    wanted = {slot.parts: slot for slot in class_slots(clean)}
    for slot in list(class_slots(doc)):
        # `anyOf: [{model}, {type: null}]`, the 3.1 way to write a nullable model
        union_name = _null_union_member(doc, slot)
        if union_name is not None and slot.holder[slot.key].get("title") != union_name:
            slot.holder[slot.key]["title"] = union_name
            yield slot.parts, f"{slot.name} keeps the name it has without the null alternative"
            continue
        if union_name is not None:
            continue
        plain = wanted.get(slot.parts)
        if plain is None or plain.name == slot.name or slot.component:
            continue
        node = slot.holder[slot.key]
        node["title"] = plain.local
        if "type" not in node and is_nullable(node):
            node["type"] = "object"  # an untyped nullable allOf would lose the title (`oneOf: [null, {allOf}]`)
        yield slot.parts, f"{slot.name} keeps the name {plain.name}"


def _null_union_member(doc: Doc, slot: Slot) -> str | None:
    """The local name of a union that is this model or null (`<name>_type_<i>` -> `<name>`), else None."""
    if len(slot.parts) < 2 or slot.parts[-2] not in ("anyOf", "oneOf") or slot.component:
        return None
    union = get(doc, slot.parts[:-2])
    members = union.get(str(slot.parts[-2])) if isinstance(union, dict) else None
    if not isinstance(members, list) or len(members) != 2 or (union.get("anyOf") and union.get("oneOf")):
        return None
    if not any(isinstance(m, dict) and m.get("type") == "null" and len(m) == 1 for m in members):
        return None
    suffix = f"_type_{slot.parts[-1]}"
    return slot.local[: -len(suffix)] if slot.local.endswith(suffix) else None


def _drop_nullability(node: Any) -> None:
    if isinstance(node, dict):
        node.pop("nullable", None)
        node.pop("x-nullable", None)
        if isinstance(node.get("type"), list) and "null" in node["type"]:
            real = [t for t in node["type"] if t != "null"]
            node["type"] = real[0] if len(real) == 1 else real
        for value in node.values():
            _drop_nullability(value)
    elif isinstance(node, list):
        for value in node:
            _drop_nullability(value)


def _nullable_components(doc: Doc) -> Iterator[tuple[Parts, str]]:
    schemas = (doc.get("components") or {}).get("schemas") or {}
    nullable = {n for n, s in schemas.items() if isinstance(s, dict) and is_nullable(s) and is_model(s)}
    if not nullable:
        return
    version31 = str(doc.get("openapi", "")).startswith("3.1")
    for name in sorted(nullable):
        _make_required(schemas[name])
    _wrap_refs(doc, {SCHEMAS + n for n in nullable}, version31)
    for name in sorted(nullable):
        yield ("components", "schemas", name), f"nullable {name}: every reference to it admits null instead"


def _make_required(schema: dict[str, Any]) -> None:
    schema.pop("nullable", None)
    if isinstance(schema.get("type"), list):
        schema["type"] = type_of(schema) or "object"


def _nullable_ref(ref: str, version31: bool) -> dict[str, Any]:
    if version31:
        return {"anyOf": [{"$ref": ref}, {"type": "null"}]}
    return {"anyOf": [{"$ref": ref}], "nullable": True}


def _wrap_refs(doc: Doc, refs: set[str], version31: bool) -> None:
    """Each schema `$ref` to one of `refs` becomes a nullable reference, except inside allOf/anyOf/oneOf lists."""

    def visit(node: Any, listed: bool) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, dict) and value.get("$ref") in refs and not listed:
                    node[key] = _nullable_ref(str(value["$ref"]), version31)
                else:
                    visit(value, key in ("allOf", "anyOf", "oneOf"))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                if isinstance(value, dict) and value.get("$ref") in refs and not listed:
                    node[i] = _nullable_ref(str(value["$ref"]), version31)
                else:
                    visit(value, False)

    visit(doc.get("paths"), False)
    visit(doc.get("components"), False)


def inline_collisions(doc: Doc) -> Iterator[tuple[Parts, str]]:
    """Extract inline schemas whose class would share a module with another class; stop on component pairs."""
    version31 = str(doc.get("openapi", "")).startswith("3.1")
    for _round in range(_ROUNDS):
        slots = list(class_slots(doc))
        by_module: dict[str, list[Slot]] = defaultdict(list)
        for slot in slots:
            by_module[slot.module].append(slot)
        clashes = {m: group for m, group in by_module.items() if len(group) > 1 and not _one_enum(group)}
        if not clashes:
            return
        taken = set(by_module)
        for module, group in sorted(clashes.items()):
            components = sorted(s.name for s in group if s.component)
            if len(components) > 1:
                raise NamingError(
                    f"schemas {' and '.join(components)} would both be the class module inspera_api.models.{module}; "
                    "give one of them another name with a [models] pin"
                )
            inline = sorted((s for s in group if not s.component), key=lambda s: pointer(s.parts))
            for n, slot in enumerate(inline, start=1):
                if "$ref" in slot.holder[slot.key]:
                    continue  # one schema shared by two operations, already extracted under the other's name
                name = f"{slot.name}Inline" + (str(n) if n > 1 else "")
                yield slot.parts, _extract(doc, slot, name, taken, version31)
    raise NamingError(f"class names still collide after {_ROUNDS} rounds of extraction; pin the models in [models]")


def _one_enum(group: list[Slot]) -> bool:
    """Enums of one name and the same values are one class to the generator, not a collision."""
    names = {s.name for s in group}
    values = set()
    for slot in group:
        node = slot.holder[slot.key]
        if not is_enum(node):
            return False
        values.add(json.dumps([node.get("enum"), node.get("x-enum-varnames")], sort_keys=True))
    return len(names) == 1 and len(values) == 1


def _extract(doc: Doc, slot: Slot, name: str, taken: set[str], version31: bool) -> str:
    schemas: dict[str, Any] = doc.setdefault("components", {}).setdefault("schemas", {})
    if name in schemas or module_key(name) in taken:
        raise NamingError(
            f"{pointer(slot.parts)}: its class {slot.name} collides, and {name}, the name it would get instead, "
            "is taken too; pin it in [models]"
        )
    taken.add(module_key(name))
    schema = slot.holder[slot.key]
    schema.pop("title", None)  # a component's class is its name
    schema["x-extracted-from"] = pointer(slot.parts)
    ref = SCHEMAS + name
    if is_nullable(schema):
        _make_required(schema)
        slot.holder[slot.key] = _nullable_ref(ref, version31)
    else:
        slot.holder[slot.key] = {"$ref": ref}
    schemas[name] = schema
    return f"{slot.name} is also another class's name: extracted as {name}"

"""Model names are ours: each `[models]` pin names the schema at a role, whatever the vendor calls it.

The schema at a pinned role (an operation's body or response, or a property path from another pin) is renamed
to the pinned name, or extracted into a component of that name when it is inline; every `$ref` follows. The
vendor's name is kept as `x-upstream-name`, the pin's role as `x-pinned-by`, and an extracted schema is marked
`x-upstream-inline` (the drift check reads these three to name what a pin absorbed). Unpinned schemas keep
their vendor name, sanitised into a class name. Runs once over the document: roles are resolved through an
index, refs rewritten in one walk.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .absorbed import Absorbed
from .errors import NamingError
from .names import HTTP_METHODS, ModelRole, NameMap, OperationKey, path_shape

SCHEMAS = "#/components/schemas/"
_BODIES = "#/components/requestBodies/"
_WORD = re.compile(r"[A-Za-z0-9]+")
_JSON = ("application/json",)


def model_name(vendor: str, *, qualified: bool = False) -> str:
    """A stable class name for an unpinned vendor schema name.

    Java package segments (leading dotted parts that start in lower case: `no.inspera.api.v1.`) are dropped
    unless `qualified`; every run of letters and digits becomes a word with its first letter in upper case, the
    rest kept (`ResponseEntity«List«User»»` -> `ResponseEntityListUser`, `Foo DTO` -> `FooDTO`, `foo_bar` ->
    `FooBar`). A name that would start with a digit, or is empty, gets a `Model` prefix.
    """
    parts = vendor.split(".")
    if not qualified:
        while len(parts) > 1 and not parts[0][:1].isupper():
            parts.pop(0)
    words = _WORD.findall(" ".join(parts))
    name = "".join(w[0].upper() + w[1:] for w in words)
    return name if name[:1].isalpha() else f"Model{name}"


@dataclass(frozen=True)
class _Inline:
    """An inline schema found at a role: `holder[key]` is replaced by a `$ref` to the pinned component."""

    holder: Any
    key: str | int

    @property
    def schema(self) -> dict[str, Any]:
        node: dict[str, Any] = self.holder[self.key]
        return node


_Target = str | _Inline  # a vendor component name, or an inline schema


class _Missing(Exception):
    """A pinned role the document no longer has (collected; a regeneration refuses to go on)."""


def pin_models(doc: dict[str, Any], names: NameMap, absorbed: Absorbed) -> None:
    """Rename every pinned schema to its pin and sanitise the others; stop in one line on a conflict."""
    components = doc.get("components")
    if not isinstance(components, dict):
        if not names.models:
            return
        components = doc["components"] = {}
    schemas: dict[str, Any] = components.get("schemas") or {}
    operations = _operations(doc)
    targets: dict[str, _Target] = {}
    copies: dict[str, list[tuple[Any, str | int]]] = {}  # further inline slots of an extracted pin
    for pin, roles in _in_dependency_order(names.models):
        try:
            found = [(r, _resolve(doc, schemas, operations, targets, r)) for r in roles]
        except _Missing as gone:
            absorbed.missing.append(f"[models] {pin}: {gone}")
            continue
        targets[pin], copies[pin] = _agree(pin, found, schemas)

    rename: dict[str, str] = {}
    pinned_by: dict[str, str] = {}
    for pin, target in targets.items():
        if isinstance(target, str):
            if target in pinned_by:
                raise NamingError(f"[models] {pinned_by[target]} and {pin} pin one schema ({target}): keep one")
            pinned_by[target] = pin
            rename[target] = pin
    taken = set(targets)
    for vendor in sorted(schemas, key=lambda v: (model_name(v) != v, v)):  # names already valid go first
        if vendor in rename:
            continue
        if vendor in targets:
            raise NamingError(
                f"[models] {vendor}: the schema at {names.models[vendor][0]} cannot take this name, "
                f"the document has a different schema {vendor}"
            )
        kept = _unpinned_name(vendor, taken, schemas)
        rename[vendor] = kept
        taken.add(kept)
    bodies = components.get("requestBodies")
    body_rename: dict[str, str] = {}
    if isinstance(bodies, dict):  # swagger2openapi names a shared body after its schema
        body_rename = {k: rename[k] for k in bodies if rename.get(k, k) != k and rename[k] not in bodies}
        components["requestBodies"] = {body_rename.get(k, k): v for k, v in bodies.items()}
    _rewrite_refs(doc, rename, body_rename)

    out: dict[str, Any] = {}
    for vendor, schema in schemas.items():
        ours = rename[vendor]
        if ours != vendor and isinstance(schema, dict):
            schema.setdefault("x-upstream-name", vendor)
            if vendor in pinned_by:
                absorbed.schemas.append((vendor, ours, str(names.models[ours][0])))
            else:
                absorbed.sanitised.append((vendor, ours))
        out[ours] = schema
    for pin, target in targets.items():
        if isinstance(target, _Inline):
            out[pin] = target.schema
            target.schema["x-upstream-inline"] = True
            absorbed.extracted.extend((str(r), pin) for r in names.models[pin] if _generator_name(r) != pin)
        if isinstance(out.get(pin), dict):
            out[pin]["x-pinned-by"] = " | ".join(str(r) for r in names.models[pin])
    for pin, target in targets.items():
        if isinstance(target, _Inline):
            for holder, key in [(target.holder, target.key), *copies[pin]]:
                holder[key] = {"$ref": SCHEMAS + pin}
    if out or "schemas" in components:
        components["schemas"] = out
    absorbed.unpinned = _unpinned_roles(doc, out, set(targets), operations)


def _generator_name(role: ModelRole) -> str:
    """The class name the generator itself gives an inline schema under a model (`Parent` + `Prop` + `Item`...);
    extracting it under that same name changes nothing and is not reported."""
    if not role.model:
        return ""
    name = role.model
    for step in role.steps:
        if step == "[]":
            name += "Item"
        elif step == "{}":
            name += "AdditionalProperty"
        else:
            name += "".join(w[0].upper() + w[1:] for w in _WORD.findall(step[1:]))
    return name


def _in_dependency_order(models: Mapping[str, tuple[ModelRole, ...]]) -> Iterator[tuple[str, tuple[ModelRole, ...]]]:
    done: set[str] = set()
    pending = dict(models)
    while pending:
        ready = [n for n, roles in pending.items() if all(not r.model or r.model in done for r in roles)]
        if not ready:
            raise NamingError(f"[models] roles of {', '.join(sorted(pending))} start at each other in a cycle")
        for name in ready:
            done.add(name)
            yield name, pending.pop(name)


def _operations(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for path, item in (doc.get("paths") or {}).items():
        if isinstance(item, dict) and not path.startswith("x-"):
            for method in HTTP_METHODS:
                if isinstance(item.get(method), dict):
                    found[(method.upper(), path_shape(path))] = item[method]
    return found


def _deref(doc: dict[str, Any], node: Any, section: str) -> Any:
    seen: set[str] = set()
    prefix = f"#/components/{section}/"
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith(prefix):
        name = _ref_name(node["$ref"], prefix)
        if name in seen:
            break
        seen.add(name)
        node = ((doc.get("components") or {}).get(section) or {}).get(name)
    return node


def _ref_name(ref: str, prefix: str = SCHEMAS) -> str:
    return ref[len(prefix) :].replace("~1", "/").replace("~0", "~")


def _body_slot(doc: dict[str, Any], op: dict[str, Any], role: ModelRole) -> tuple[Any, str] | None:
    if role.slot == "body":
        holder = _deref(doc, op.get("requestBody"), "requestBodies")
    else:
        holder = _deref(doc, (op.get("responses") or {}).get(role.slot), "responses")
    content = holder.get("content") if isinstance(holder, dict) else None
    if not isinstance(content, dict):
        return None
    media = [k for k in content if k.split(";")[0].strip().lower() in _JSON] or sorted(content)
    for key in media:
        entry = content[key]
        if isinstance(entry, dict) and isinstance(entry.get("schema"), dict):
            return entry, "schema"
    return None


def _component(node: Any) -> str | None:
    """The component a schema is, through a `$ref`, a one-member `allOf` or a nullable `anyOf`/`oneOf`."""
    if not isinstance(node, dict):
        return None
    if isinstance(node.get("$ref"), str) and node["$ref"].startswith(SCHEMAS):
        return _ref_name(node["$ref"])
    if isinstance(node.get("allOf"), list) and len(node["allOf"]) == 1:
        return _component(node["allOf"][0])
    for key in ("anyOf", "oneOf"):
        members = node.get(key)
        if isinstance(members, list):
            real = [m for m in members if not (isinstance(m, dict) and m.get("type") == "null")]
            if len(real) == 1 and len(members) == 2:
                return _component(real[0])
    return None


def _resolve(
    doc: dict[str, Any],
    schemas: dict[str, Any],
    operations: dict[tuple[str, str], dict[str, Any]],
    targets: dict[str, _Target],
    role: ModelRole,
) -> _Target:
    slot: tuple[Any, str | int] | None
    if role.operation is not None:
        op = operations.get(role.operation.shape)
        if op is None:
            raise _Missing(
                f"role {role} disappeared: the document has no operation {_shape(role.operation)}"
            )
        slot = _body_slot(doc, op, role)
        if slot is None:
            raise _Missing(f"role {role} disappeared: {_shape(role.operation)} has no {role.slot} schema")
    else:
        if role.model not in targets:
            raise _Missing(f"role {role} disappeared with the role of {role.model}")
        anchor = targets[role.model]
        slot = (schemas, anchor) if isinstance(anchor, str) else (anchor.holder, anchor.key)
    for step in role.steps:
        slot = _step(schemas, slot, step)
        if slot is None:
            raise _Missing(f"role {role} disappeared: no {step} where the role leads")
    holder: Any = slot[0]
    key = slot[1]
    name = _component(holder[key])
    if name is not None:
        name = _unalias(schemas, name)
        if name not in schemas:
            raise NamingError(f"[models] role {role} leads to a missing schema {name}")
        return name
    node = holder[key]
    if not isinstance(node, dict) or not _is_model(node):
        what = node.get("type", "schema") if isinstance(node, dict) else "value"
        raise _Missing(f"role {role} disappeared: it leads to a {what}, not a model")
    return _Inline(holder, key)


def _unalias(schemas: dict[str, Any], name: str) -> str:
    """Through components that are nothing but a `$ref` to another one."""
    seen = {name}
    while isinstance(schemas.get(name), dict) and set(schemas[name]) == {"$ref"}:
        nxt = _component(schemas[name])
        if nxt is None or nxt in seen:
            break
        seen.add(nxt)
        name = nxt
    return name


def _is_model(node: dict[str, Any]) -> bool:
    return node.get("type") == "object" or any(k in node for k in ("properties", "allOf", "anyOf", "oneOf", "enum"))


def _step(schemas: dict[str, Any], slot: tuple[Any, str | int], step: str) -> tuple[Any, str | int] | None:
    holder, key = slot
    node = holder[key]
    name = _component(node)
    seen: set[str] = set()
    while name is not None and name in schemas and name not in seen:
        seen.add(name)
        holder, key, node = schemas, name, schemas[name]
        name = _component(node)
    if not isinstance(node, dict):
        return None
    if step == "[]":
        return (node, "items") if isinstance(node.get("items"), dict) else None
    if step == "{}":
        return (node, "additionalProperties") if isinstance(node.get("additionalProperties"), dict) else None
    prop = step[1:]
    for part in [node, *(node.get("allOf") or [])]:
        found = _properties_with(schemas, part, prop)
        if found is not None:
            return found, prop
    return None


def _properties_with(schemas: dict[str, Any], node: Any, prop: str) -> dict[str, Any] | None:
    name = _component(node)
    if name is not None and isinstance(schemas.get(name), dict):
        node = schemas[name]
    props = node.get("properties") if isinstance(node, dict) else None
    return props if isinstance(props, dict) and isinstance(props.get(prop), dict) else None


def _canonical(node: Any) -> str:
    return json.dumps(node, sort_keys=True, ensure_ascii=False)


def _agree(
    pin: str, found: list[tuple[ModelRole, _Target]], schemas: dict[str, Any]
) -> tuple[_Target, list[tuple[Any, str | int]]]:
    """All roles of one pin must be one schema (or inline copies of one shape); else stop naming two of them."""
    named = sorted({t for _r, t in found if isinstance(t, str)})
    inline = [(r, t) for r, t in found if isinstance(t, _Inline)]
    shapes = {_canonical(schemas[n]) for n in named} | {_canonical(t.schema) for _r, t in inline}
    if len(named) > 1 or len(shapes) > 1:
        first, second = _differing(found, schemas)
        raise NamingError(f"[models] {pin} resolves to two different schemas: {first} and {second}")
    slots = [(t.holder, t.key) for _r, t in inline]
    if not named and isinstance(schemas.get(pin), dict) and shapes == {_canonical(schemas[pin])}:
        named = [pin]  # inline here, yet the document also has it under the pinned name: the same schema
    if named:
        for holder, key in slots:  # an inline copy of the pinned component becomes a reference to it
            holder[key] = {"$ref": SCHEMAS + named[0].replace("~", "~0").replace("/", "~1")}
        return named[0], []
    return inline[0][1], slots[1:]


def _differing(found: list[tuple[ModelRole, _Target]], schemas: dict[str, Any]) -> tuple[str, str]:
    def label(role: ModelRole, target: _Target) -> str:
        return f"{target} at {role}" if isinstance(target, str) else f"an inline schema at {role}"

    def shape(target: _Target) -> str:
        return _canonical(schemas[target]) if isinstance(target, str) else _canonical(target.schema)

    first_role, first = found[0]
    for role, target in found[1:]:
        if shape(target) != shape(first) or (isinstance(target, str) and isinstance(first, str) and target != first):
            return label(first_role, first), label(role, target)
    return label(first_role, first), label(*found[-1])


def _unpinned_name(vendor: str, taken: set[str], schemas: dict[str, Any]) -> str:
    for qualified in (False, True):
        name = model_name(vendor, qualified=qualified)
        if name not in taken and (name == vendor or name not in schemas):
            return name
    raise NamingError(f"schema {vendor}: its class name {model_name(vendor)} is taken; pin it in [models]")


def _rewrite_refs(doc: dict[str, Any], rename: dict[str, str], bodies: dict[str, str]) -> None:
    """One walk over the document: every schema `$ref` (and discriminator mapping) follows the renames, and
    every request body `$ref` follows `bodies`."""
    moved = {k: v for k, v in rename.items() if k != v}
    if not moved and not bodies:
        return
    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(SCHEMAS) and _ref_name(ref) in moved:
                node["$ref"] = SCHEMAS + moved[_ref_name(ref)]
            elif isinstance(ref, str) and ref.startswith(_BODIES) and _ref_name(ref, _BODIES) in bodies:
                node["$ref"] = _BODIES + bodies[_ref_name(ref, _BODIES)]
            mapping = node.get("mapping") if isinstance(node.get("propertyName"), str) else None
            if isinstance(mapping, dict):
                for value, target in list(mapping.items()):
                    if isinstance(target, str):
                        bare = _ref_name(target) if target.startswith(SCHEMAS) else target
                        if bare in moved:
                            mapping[value] = SCHEMAS + moved[bare]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _unpinned_roles(
    doc: dict[str, Any], schemas: dict[str, Any], pinned: set[str], operations: dict[tuple[str, str], dict[str, Any]]
) -> list[tuple[str, str]]:
    """Each unpinned schema with a role it could be pinned by (an operation's or a pinned model's), or ""."""
    roles: dict[str, str] = {}
    templates = {
        (method.upper(), path_shape(path)): path
        for path, item in (doc.get("paths") or {}).items()
        if isinstance(item, dict)
        for method in HTTP_METHODS
        if isinstance(item.get(method), dict)
    }
    for (method, shape), op in sorted(operations.items()):
        key = OperationKey(method, templates[(method, shape)])
        slots = [("body", op.get("requestBody"))]
        slots += [(str(code), r) for code, r in sorted((op.get("responses") or {}).items())]
        for slot, _holder in slots:
            found = _body_slot(doc, op, ModelRole("", key, slot, "", ()))
            if found is None:
                continue
            for suffix, name in _direct(found[0][found[1]]):
                roles.setdefault(name, f"{key} {slot}{suffix}")
    for pin in sorted(pinned):
        props = schemas.get(pin, {}).get("properties") if isinstance(schemas.get(pin), dict) else None
        for prop, sub in sorted((props or {}).items()):
            for suffix, name in _direct(sub):
                roles.setdefault(name, f"{pin}.{prop}{suffix}")
    return [(name, roles.get(name, "")) for name in sorted(schemas) if name not in pinned]


def _direct(node: Any) -> Iterator[tuple[str, str]]:
    name = _component(node)
    if name is not None:
        yield "", name
    elif isinstance(node, dict) and isinstance(node.get("items"), dict):
        inner = _component(node["items"])
        if inner is not None:
            yield "[]", inner


def _shape(key: OperationKey) -> str:
    return f"{key.method} {path_shape(key.path)}"

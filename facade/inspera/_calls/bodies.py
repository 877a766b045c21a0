"""Strict request bodies: a mapping key that the body's model does not know is an error, not a silent extra field.

The generated models accept any unknown key into `additional_properties` and send it, so a typo (`startTme`) would
reach Inspera unnoticed. `check(model_name, mapping)` compares a body given as a mapping, nested objects and lists of
objects included, with the schema of that name in the packaged openapi.json (the generator's own input), and raises
`InvalidArgumentError` naming the key and the closest known field. Objects whose schema allows additional properties
(free-form maps such as an export's `parameters`) are not restricted.

The known fields of each schema are computed once and cached; a check costs a set lookup per key. Fields the
reconstructed spec does not know yet are sent with `extra_body=` (see `add_extra`).
"""

from __future__ import annotations

import copy
import difflib
import functools
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import InvalidArgumentError

log = logging.getLogger("inspera")
_REF = "#/components/schemas/"


@dataclass
class Shape:
    """What one object schema allows: its field names, whether others are allowed, and its nested objects."""

    names: frozenset[str]
    open: bool
    objects: dict[str, Shape] = field(default_factory=dict)  # field -> shape of its object value
    lists: dict[str, Shape] = field(default_factory=dict)  # field -> shape of each item of its array value


@functools.cache
def shape_of(model_name: str) -> Shape | None:
    """The shape of the component schema `model_name`; None when the spec or the schema is not available."""
    from .specdoc import SpecMissing, document

    try:
        schemas = document().get("components", {}).get("schemas", {})
    except SpecMissing as error:
        log.warning("request bodies given as mappings are not checked for unknown fields: %s", error)
        return None
    if model_name not in schemas:
        return None
    return _Builder(schemas).shape(schemas[model_name])


class _Builder:
    def __init__(self, schemas: Mapping[str, Any]) -> None:
        self._schemas = schemas
        self._done: dict[int, Shape] = {}

    def _resolve(self, node: Any) -> Any:
        for _ in range(32):  # $ref chains are short; a cycle of bare refs would otherwise never end
            if not isinstance(node, Mapping) or "$ref" not in node:
                return node
            ref = str(node["$ref"])
            node = self._schemas.get(ref.removeprefix(_REF)) if ref.startswith(_REF) else None
        return None

    def shape(self, node: Any) -> Shape | None:
        node = self._resolve(node)
        if not isinstance(node, Mapping):
            return None
        if id(node) in self._done:
            return self._done[id(node)]
        properties: dict[str, Any] = dict(node.get("properties") or {})
        for part in node.get("allOf") or ():
            part = self._resolve(part)
            if isinstance(part, Mapping):
                properties.update(part.get("properties") or {})
        extra = node.get("additionalProperties", False)
        is_open = bool(extra) or "oneOf" in node or "anyOf" in node or (not properties and not node.get("allOf"))
        shape = self._done[id(node)] = Shape(frozenset(properties), is_open)
        for name, value in properties.items():
            value = self._resolve(value)
            if not isinstance(value, Mapping):
                continue
            if value.get("type") == "array":
                item = self.shape(value.get("items"))
                if item is not None:
                    shape.lists[name] = item
            elif value.get("type") == "object" or "properties" in value or "allOf" in value:
                child = self.shape(value)
                if child is not None:
                    shape.objects[name] = child
        return shape


def check(model_name: str, body: Mapping[str, Any]) -> None:
    """Raise InvalidArgumentError when `body` (or an object nested in it) has a key its schema does not know."""
    shape = shape_of(model_name)
    if shape is not None:
        _check(model_name, shape, body, "")


def _check(model_name: str, shape: Shape, body: Mapping[str, Any], where: str) -> None:
    if not shape.open:
        for key in body:
            if key not in shape.names:
                raise _unknown(model_name, shape, str(key), where)
    for name, child in shape.objects.items():
        value = body.get(name)
        if isinstance(value, Mapping):
            _check(model_name, child, value, f"{where}{name}.")
    for name, item in shape.lists.items():
        value = body.get(name)
        if isinstance(value, list | tuple):
            for index, entry in enumerate(value):
                if isinstance(entry, Mapping):
                    _check(model_name, item, entry, f"{where}{name}[{index}].")


def closest(key: str, names: frozenset[str]) -> str | None:
    """The known field a misspelt `key` most likely means: same letters in another case or snake_case first."""
    folded = {name.lower(): name for name in names}
    camel = re.sub(r"_([a-z0-9])", lambda match: match.group(1).upper(), key)
    for candidate in (camel, key.lower(), camel.lower()):
        if candidate in names:
            return candidate
        if candidate.lower() in folded:
            return folded[candidate.lower()]
    found = difflib.get_close_matches(key, sorted(names), n=1, cutoff=0.6)
    return found[0] if found else None


def _unknown(model_name: str, shape: Shape, key: str, where: str) -> InvalidArgumentError:
    suggestion = closest(key, shape.names)
    hint = f" (did you mean {where + suggestion!r}?)" if suggestion else ""
    known = ", ".join(sorted(shape.names)) or "none"
    return InvalidArgumentError(
        f"{model_name} has no field {where + key!r}{hint}; it knows: {known}. "
        "Send fields the spec does not know yet with extra_body=",
        field=f"{where}{key}",
        suggestion=f"{where}{suggestion}" if suggestion else None,
    )


def add_extra(instance: Any, extra_body: Mapping[str, Any], *, copy_first: bool) -> Any:
    """`instance` (a copy of it with `copy_first`) with `extra_body` merged into the JSON it sends.

    The keys go to the generated model's `additional_properties`, which its `to_dict()` sends as they are. A key the
    model already sets is refused: the model's value would silently win.
    """
    name = type(instance).__name__
    current = getattr(instance, "additional_properties", None)
    if not isinstance(current, dict):
        raise InvalidArgumentError(f"{name} cannot carry extra fields (its schema forbids additional properties)")
    if not isinstance(extra_body, Mapping) or not all(isinstance(key, str) for key in extra_body):
        raise InvalidArgumentError("extra_body must be a mapping with string keys")
    sent = instance.to_dict()
    repeated = sorted(key for key in extra_body if key in sent and key not in current)
    if repeated:
        raise InvalidArgumentError(
            f"extra_body repeats {', '.join(map(repr, repeated))}, which the {name} body already sets",
            field=repeated[0],
        )
    target = copy.copy(instance) if copy_first else instance
    target.additional_properties = {**current, **extra_body}
    return target

"""Request bodies openapi-python-client 0.29 generates broken code for, rewritten into equivalent ones it can.

An optional JSON body whose schema is a oneOf/anyOf of plain values only (`string | integer`, no model, enum or
date among them) makes the generator's union template emit an `else:` without its `if` (the module does not
import). On the wire such a body is any JSON value of those types; it becomes an untyped body whose description
names the alternatives.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .walk import Parts, operations, resolve_pointer

Doc = dict[str, Any]
_PLAIN = {"string", "integer", "number", "boolean"}
_CONVERTED_FORMATS = {"date", "date-time", "binary", "uuid", "byte"}  # the generator converts these values


def primitive_union_bodies(doc: Doc) -> Iterator[tuple[Parts, str]]:
    """Rewrite each optional JSON body that is a union of plain values; yield (location, detail) for each."""
    for parts, _path, _method, op in operations(doc):
        body = op.get("requestBody")
        if not isinstance(body, dict) or body.get("required") is True or not isinstance(body.get("content"), dict):
            continue
        for media, entry in body["content"].items():
            if not _is_json(media) or not isinstance(entry, dict):
                continue
            members = _plain_union(doc, entry.get("schema"))
            if members is None:
                continue
            entry["schema"] = {"description": "One of: " + ", ".join(members) + "."}
            yield (*parts, "requestBody", "content", media), f"optional body of {' | '.join(members)}"


def _is_json(media: str) -> bool:
    essence = media.split(";", 1)[0].strip().lower()
    return essence == "application/json" or essence.endswith("+json")


def _resolved(doc: Doc, node: Any) -> Any:
    for _ in range(16):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node
        node = resolve_pointer(doc, node["$ref"])
    return None


def _plain_union(doc: Doc, schema: Any) -> list[str] | None:
    """The member types of a oneOf/anyOf of plain values only, else None."""
    schema = _resolved(doc, schema)
    if not isinstance(schema, dict):
        return None
    members = schema.get("oneOf") or schema.get("anyOf")
    if not isinstance(members, list) or len(members) < 2 or "properties" in schema:
        return None
    kinds: list[str] = []
    for member in members:
        target = _resolved(doc, member)
        if not isinstance(target, dict) or "enum" in target or target.get("format") in _CONVERTED_FORMATS:
            return None
        kind = target.get("type")
        if kind not in _PLAIN:
            return None
        kinds.append(str(kind))
    return kinds

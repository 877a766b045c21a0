"""Schema references the generator cannot follow, rewritten into equivalent ones it can.

openapi-python-client 0.29 registers a model for each `#/components/schemas/<Name>` and looks every schema
`$ref` up among those registrations by its literal text (`_property_from_ref`, "Could not find reference in
parsed models or enums"). Valid OpenAPI also points deeper: into a model's property
(`#/components/schemas/Page/properties/items`), into a reusable response, parameter or request body
(`#/components/responses/Error/content/application~1json/schema`), into a path, and it may percent-encode the
pointer (`#/components/schemas/Page%C2%ABItem%C2%BB`). Each such reference is replaced by a copy of the schema
it points at (a reference to a model stays a reference), which is what the reference means.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from .walk import Parts, resolve_pointer, schemas

Doc = dict[str, Any]
_MODEL = "#/components/schemas/"
MAX_DEPTH = 32  # a chain of deep references longer than this is left for the generator to report


def is_model_ref(ref: str) -> bool:
    """`#/components/schemas/<Name>`: the only schema reference the generator resolves."""
    return ref.startswith(_MODEL) and "/" not in ref[len(_MODEL) :] and "%" not in ref


def deep_schema_refs(doc: Doc) -> Iterator[tuple[Parts, str]]:
    """Rewrite every schema `$ref` the generator cannot resolve; yield (location, detail) for each one.

    A copied schema may hold deep references itself, so the walk repeats until none is left (bounded: a schema
    that contains a deep reference to itself cannot be copied out and stays for the generator to report).
    """
    for _ in range(MAX_DEPTH):
        changed = list(_one_pass(doc))
        yield from changed
        if not changed:
            return


def _one_pass(doc: Doc) -> Iterator[tuple[Parts, str]]:
    targets = [(parts, node) for parts, node in schemas(doc) if isinstance(node.get("$ref"), str)]
    for parts, node in targets:
        ref = node.get("$ref")  # gone when this very object was already rewritten at another place
        if not isinstance(ref, str) or not ref.startswith("#") or is_model_ref(ref):
            continue
        decoded = unquote(ref)
        if decoded != ref and is_model_ref(decoded) and resolve_pointer(doc, decoded) is not None:
            node["$ref"] = decoded
            yield parts, f"$ref {ref} is percent-encoded; written as {decoded}"
            continue
        target = _final(doc, ref)
        if target is None:
            continue
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        node.clear()
        node.update(copy.deepcopy(target))
        node.update(siblings)  # 3.1 lets a description sit next to $ref; it describes this use
        yield parts, f"$ref {ref} points inside another object; the schema is copied here"


def _final(doc: Doc, ref: str) -> dict[str, Any] | None:
    """The schema a deep reference ends at, following further deep references; None when it ends nowhere."""
    seen: set[str] = set()
    current = ref
    for _ in range(MAX_DEPTH):
        if current in seen:
            return None
        seen.add(current)
        target = resolve_pointer(doc, unquote(current))
        if not isinstance(target, dict):
            return None
        nested = target.get("$ref")
        if isinstance(nested, str) and len(target) == 1 and not is_model_ref(nested):
            current = nested
            continue
        return target
    return None

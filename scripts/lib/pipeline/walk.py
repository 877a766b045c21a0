"""Finding things in a Swagger 2.0 or OpenAPI 3 document by position: operations, schemas, parameters, $refs.

Locations are tuples of keys (`("paths", "/v1/items", "get", "responses", "200", "schema")`); `locate()`
turns one into what error lines and summaries show: `GET /v1/items` plus the rest, or a JSON pointer.
A Swagger 2.0 non-body parameter, header or `items` object is "schema-like" (it carries type, enum, default,
items itself), so the schema walk yields it too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import unquote

from .names import HTTP_METHODS

Doc = dict[str, Any]
Parts = tuple[str | int, ...]

_SUBSCHEMA_MAPS = ("properties", "patternProperties", "definitions", "$defs")
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_ONE = ("not", "additionalProperties", "items", "contains", "if", "then", "else")


def escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(parts: Sequence[str | int]) -> str:
    return "".join("/" + escape(p) for p in parts) or "/"


def locate(parts: Sequence[str | int]) -> tuple[str, str]:
    """(`METHOD /path` or a JSON pointer, the rest of the location inside that operation, or "").

    The document root has no location: ("", "").
    """
    if not parts:
        return "", ""
    if len(parts) >= 3 and parts[0] == "paths" and str(parts[2]) in HTTP_METHODS:
        rest = "/".join(escape(p) for p in parts[3:])
        return f"{str(parts[2]).upper()} {parts[1]}", rest
    if len(parts) >= 2 and parts[0] == "paths":
        return f"path {parts[1]}", "/".join(escape(p) for p in parts[2:])
    return pointer(parts), ""


def describe(parts: Sequence[str | int], what: str) -> tuple[str, str]:
    """(where, what) for a Problem: the operation or pointer, and the inner location folded into `what`."""
    where, rest = locate(parts)
    return where, f"{rest}: {what}" if rest else what


def get(doc: Any, parts: Sequence[str | int]) -> Any:
    """The node at `parts`, or None when any step is missing."""
    node = doc
    for part in parts:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
            continue
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            continue
        return None
    return node


def resolve_pointer(doc: Doc, ref: str) -> Any:
    """The node a local `#/...` reference points at, or None."""
    if not ref.startswith("#"):
        return None
    if "%" in ref:  # a pointer in a URI fragment may be percent-encoded (RFC 6901, section 6)
        ref = unquote(ref)
    node: Any = doc
    for raw in ref[1:].split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def operations(doc: Doc) -> Iterator[tuple[Parts, str, str, dict[str, Any]]]:
    """(location, path, method, operation) for every operation object."""
    paths = doc.get("paths")
    if not isinstance(paths, dict):
        return
    for path, item in paths.items():
        if not isinstance(item, dict) or str(path).startswith("x-"):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                yield ("paths", path, method), path, method, op


def is_swagger2(doc: Doc) -> bool:
    return isinstance(doc.get("swagger"), str)


def subschemas(parts: Parts, schema: dict[str, Any]) -> Iterator[tuple[Parts, dict[str, Any]]]:
    """`schema` and every schema nested in it (properties, items, allOf, ...); `$ref`s are not followed."""
    yield parts, schema
    for key in _SUBSCHEMA_MAPS:
        children = schema.get(key)
        if isinstance(children, dict):
            for name, child in children.items():
                if isinstance(child, dict):
                    yield from subschemas((*parts, key, name), child)
    for key in _SUBSCHEMA_LISTS:
        children = schema.get(key)
        if isinstance(children, list):
            for i, child in enumerate(children):
                if isinstance(child, dict):
                    yield from subschemas((*parts, key, i), child)
    for key in _SUBSCHEMA_ONE:
        child = schema.get(key)
        if isinstance(child, dict):
            yield from subschemas((*parts, key), child)
        elif key == "items" and isinstance(child, list):  # draft-4 tuple form
            for i, item in enumerate(child):
                if isinstance(item, dict):
                    yield from subschemas((*parts, key, i), item)


def _parameter_schemas(parts: Parts, param: Any, swagger2: bool) -> Iterator[tuple[Parts, dict[str, Any]]]:
    if not isinstance(param, dict) or "$ref" in param:
        return
    if isinstance(param.get("schema"), dict):
        yield from subschemas((*parts, "schema"), param["schema"])
    elif swagger2:
        yield from _schema_like(parts, param)
    yield from _content_schemas((*parts, "content"), param.get("content"))


def _schema_like(parts: Parts, node: dict[str, Any]) -> Iterator[tuple[Parts, dict[str, Any]]]:
    """A Swagger 2.0 parameter/header/items object and its nested `items`."""
    yield parts, node
    items = node.get("items")
    if isinstance(items, dict):
        yield from _schema_like((*parts, "items"), items)


def _content_schemas(parts: Parts, content: Any) -> Iterator[tuple[Parts, dict[str, Any]]]:
    if not isinstance(content, dict):
        return
    for media, entry in content.items():
        if isinstance(entry, dict) and isinstance(entry.get("schema"), dict):
            yield from subschemas((*parts, media, "schema"), entry["schema"])


def _response_schemas(parts: Parts, response: Any, swagger2: bool) -> Iterator[tuple[Parts, dict[str, Any]]]:
    if not isinstance(response, dict) or "$ref" in response:
        return
    if swagger2 and isinstance(response.get("schema"), dict):
        yield from subschemas((*parts, "schema"), response["schema"])
    yield from _content_schemas((*parts, "content"), response.get("content"))
    headers = response.get("headers")
    if isinstance(headers, dict):
        for name, header in headers.items():
            if not isinstance(header, dict) or "$ref" in header:
                continue
            if isinstance(header.get("schema"), dict):
                yield from subschemas((*parts, "headers", name, "schema"), header["schema"])
            elif swagger2:
                yield from _schema_like((*parts, "headers", name), header)


def _named(doc: Doc, parts: Parts) -> Iterator[tuple[str, Any]]:
    section = get(doc, parts)
    if isinstance(section, dict):
        yield from section.items()


def schemas(doc: Doc) -> Iterator[tuple[Parts, dict[str, Any]]]:
    """Every schema (and Swagger 2.0 schema-like object) of the document, with its location."""
    swagger2 = is_swagger2(doc)
    if swagger2:
        for name, schema in _named(doc, ("definitions",)):
            if isinstance(schema, dict):
                yield from subschemas(("definitions", name), schema)
        for name, param in _named(doc, ("parameters",)):
            yield from _parameter_schemas(("parameters", name), param, True)
        for name, response in _named(doc, ("responses",)):
            yield from _response_schemas(("responses", name), response, True)
    else:
        for name, schema in _named(doc, ("components", "schemas")):
            if isinstance(schema, dict):
                yield from subschemas(("components", "schemas", name), schema)
        for name, param in _named(doc, ("components", "parameters")):
            yield from _parameter_schemas(("components", "parameters", name), param, False)
        for name, response in _named(doc, ("components", "responses")):
            yield from _response_schemas(("components", "responses", name), response, False)
        for name, body in _named(doc, ("components", "requestBodies")):
            if isinstance(body, dict):
                yield from _content_schemas(("components", "requestBodies", name, "content"), body.get("content"))
        for name, header in _named(doc, ("components", "headers")):
            if isinstance(header, dict) and isinstance(header.get("schema"), dict):
                yield from subschemas(("components", "headers", name, "schema"), header["schema"])
    paths = doc.get("paths")
    if not isinstance(paths, dict):
        return
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        shared = item.get("parameters")
        for i, param in enumerate(shared if isinstance(shared, list) else []):
            yield from _parameter_schemas(("paths", path, "parameters", i), param, swagger2)
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            base: Parts = ("paths", path, method)
            params = op.get("parameters")
            for i, param in enumerate(params if isinstance(params, list) else []):
                yield from _parameter_schemas((*base, "parameters", i), param, swagger2)
            body = op.get("requestBody")
            if isinstance(body, dict):
                yield from _content_schemas((*base, "requestBody", "content"), body.get("content"))
            responses = op.get("responses")
            if isinstance(responses, dict):
                for code, response in responses.items():
                    yield from _response_schemas((*base, "responses", str(code)), response, swagger2)


_LITERALS = frozenset({"example", "examples", "default", "enum", "const", "x-example"})
_NAME_MAPS = frozenset({"properties", "patternProperties", "definitions", "$defs", "schemas", "paths"})


def refs(node: Any, parts: Parts = ()) -> Iterator[tuple[Parts, str]]:
    """(location of the object holding `$ref`, the reference) for every `$ref` string under `node`."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield parts, ref
        in_name_map = bool(parts) and parts[-1] in _NAME_MAPS
        for key, value in node.items():
            vendor_extension = str(key).startswith("x-") and not str(key).startswith("x-inspera-")
            if not in_name_map and (key in _LITERALS or vendor_extension):
                continue  # literal values and vendor extensions: a "$ref" in an example or an x- field is data
            if isinstance(value, dict | list):
                yield from refs(value, (*parts, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, dict | list):
                yield from refs(value, (*parts, i))

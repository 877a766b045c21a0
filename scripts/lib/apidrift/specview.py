"""Read-only views of a normalised OpenAPI 3 document: operations, local $refs, pointers, schema usage."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

from pipeline.names import HTTP_METHODS, OperationKey

Direction = Literal["request", "response"]
DIRECTIONS: tuple[Direction, ...] = ("request", "response")
SCHEMA_PREFIX = "#/components/schemas/"
# Keys that only document; changes to them never alter generated code.
DOC_KEYS = frozenset({"description", "summary", "title", "example", "examples", "externalDocs", "x-evidence"})
_PATH_PARAM = re.compile(r"\{[^{}]*\}")


def escape(token: str) -> str:
    """One JSON pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer(*tokens: str | int) -> str:
    return "".join("/" + escape(str(t)) for t in tokens)


def path_shape(path: str) -> str:
    """`/v1/test/{testId}` -> `/v1/test/{}`: renaming a path parameter keeps the operation's identity."""
    return _PATH_PARAM.sub("{}", path)


def ref_name(schema: Any) -> str | None:
    """The component name a schema points at, if it is a local schema $ref."""
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX):
            return ref[len(SCHEMA_PREFIX) :]
    return None


def resolve(doc: dict[str, Any], node: Any) -> Any:
    """Follow local $refs to components (parameters, requestBodies, responses) until a real object."""
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and not node["$ref"].startswith(SCHEMA_PREFIX):
        ref = node["$ref"]
        if ref in seen or not ref.startswith("#/"):
            return node
        seen.add(ref)
        target: Any = doc
        for token in ref[2:].split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or token not in target:
                return node
            target = target[token]
        node = target
    return node


def strip_docs(node: Any) -> Any:
    """A copy without documentation keys, for structural equality (field names are kept, even 'description')."""
    if isinstance(node, dict):
        return {
            key: (
                {name: strip_docs(sub) for name, sub in value.items()}
                if key == "properties" and isinstance(value, dict)
                else strip_docs(value)
            )
            for key, value in node.items()
            if key not in DOC_KEYS
        }
    if isinstance(node, list):
        return [strip_docs(v) for v in node]
    return node


@dataclass(frozen=True)
class Parameter:
    location: str  # JSON pointer of the parameter (operation or path item level)
    data: dict[str, Any]

    @property
    def key(self) -> tuple[str, str]:
        return (str(self.data.get("in")), str(self.data.get("name")))

    @property
    def label(self) -> str:
        return f"{self.data.get('in')} parameter '{self.data.get('name')}'"


@dataclass(frozen=True)
class Operation:
    key: OperationKey
    data: dict[str, Any]

    @property
    def location(self) -> str:
        return pointer("paths", self.key.path, self.key.method.lower())


def operations(doc: dict[str, Any]) -> dict[OperationKey, Operation]:
    found: dict[OperationKey, Operation] = {}
    for path, item in (doc.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                key = OperationKey(method.upper(), path)
                found[key] = Operation(key, op)
    return found


def parameters(doc: dict[str, Any], op: Operation) -> dict[tuple[str, str], Parameter]:
    """Path-item parameters overridden by operation parameters, $refs resolved."""
    item = (doc.get("paths") or {}).get(op.key.path) or {}
    merged: dict[tuple[str, str], Parameter] = {}
    sources = ((pointer("paths", op.key.path), item.get("parameters")), (op.location, op.data.get("parameters")))
    for base, listed in sources:
        for index, raw in enumerate(listed or []):
            param = resolve(doc, raw)
            if isinstance(param, dict) and "name" in param and "in" in param:
                entry = Parameter(f"{base}/parameters/{index}", param)
                merged[entry.key] = entry
    return merged


def security(doc: dict[str, Any], op: Operation) -> frozenset[frozenset[str]]:
    """Effective security alternatives: each a set of scheme names (an empty set means anonymous)."""
    listed = op.data.get("security", doc.get("security")) or []
    return frozenset(frozenset(str(name) for name in (req or {})) for req in listed if isinstance(req, dict))


def _refs(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        name = ref_name(node)
        if name is not None:
            found.add(name)
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)


def _closure(doc: dict[str, Any], roots: set[str]) -> set[str]:
    schemas = (doc.get("components") or {}).get("schemas") or {}
    seen: set[str] = set()
    todo = sorted(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        more: set[str] = set()
        _refs(schemas[name], more)
        todo.extend(sorted(more - seen))
    return seen


def schema_usage(doc: dict[str, Any]) -> dict[str, dict[Direction, set[OperationKey]]]:
    """For each named schema, the operations that send it (request) and receive it (response)."""
    usage: dict[str, dict[Direction, set[OperationKey]]] = defaultdict(lambda: {"request": set(), "response": set()})
    for key, op in operations(doc).items():
        request_roots: set[str] = set()
        response_roots: set[str] = set()
        for param in parameters(doc, op).values():
            _refs(param.data, request_roots)
        _refs(resolve(doc, op.data.get("requestBody")), request_roots)
        for response in (op.data.get("responses") or {}).values():
            _refs(resolve(doc, response), response_roots)
        for name in _closure(doc, request_roots):
            usage[name]["request"].add(key)
        for name in _closure(doc, response_roots):
            usage[name]["response"].add(key)
    return dict(usage)


def is_success(status: str) -> bool:
    return status.startswith("2")

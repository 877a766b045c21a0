"""Normalisation as small named transforms over an OpenAPI 3 document.

Each transform mutates the document in place and carries a one-line reason. They run in the
order of TRANSFORMS; tests exercise each one on an inline fragment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .names import HTTP_METHODS, NameMap, OperationKey, StableName

Doc = dict[str, Any]

TENANT_SERVER = {
    "url": "https://{tenant}/api",
    "description": "Each Inspera tenant has its own host; every path is relative to /api on it.",
    "variables": {"tenant": {"default": "your-tenant.inspera.no"}},
}
_STRUCTURED_TYPES = {"object", "array"}
_BINARY_MEDIA = ("application/pdf", "application/zip", "application/x-zip-compressed")
_PARAM_ORDER = {"path": 0, "query": 1, "header": 2, "cookie": 3}


@dataclass
class Context:
    names: NameMap
    warnings: list[str] = field(default_factory=list)
    assigned: dict[OperationKey, StableName] = field(default_factory=dict)


@dataclass(frozen=True)
class Transform:
    name: str
    why: str
    apply: Callable[[Doc, Context], None]


TRANSFORMS: list[Transform] = []


def transform(name: str, why: str) -> Callable[[Callable[[Doc, Context], None]], Callable[[Doc, Context], None]]:
    def register(fn: Callable[[Doc, Context], None]) -> Callable[[Doc, Context], None]:
        TRANSFORMS.append(Transform(name, why, fn))
        return fn

    return register


def iter_operations(doc: Doc) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in doc.get("paths", {}).items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                yield path, method, op


def walk_schema(schema: Any, visit: Callable[[dict[str, Any]], None]) -> None:
    """Visit a schema and its inline sub-schemas; `$ref`s are not followed."""
    if not isinstance(schema, dict):
        return
    visit(schema)
    for key in ("items", "not", "additionalProperties"):
        walk_schema(schema.get(key), visit)
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, []) or []:
            walk_schema(sub, visit)
    for sub in (schema.get("properties") or {}).values():
        walk_schema(sub, visit)


# --------------------------------------------------------------------------------------------


@transform(
    "relative_to_api_base",
    "Facade and name map address paths relative to https://<tenant>/api whatever basePath/host "
    "the vendor publishes; the host in a published document is the apidoc host, not the tenant.",
)
def relative_to_api_base(doc: Doc, ctx: Context) -> None:
    servers = doc.get("servers") or []
    server_path = urlsplit(servers[0].get("url", "")).path.rstrip("/") if servers else ""
    paths = doc.get("paths", {})
    if not server_path.endswith("/api") and paths and all(p == "/api" or p.startswith("/api/") for p in paths):
        doc["paths"] = {(p[len("/api") :] or "/"): item for p, item in paths.items()}
    doc["servers"] = [TENANT_SERVER]


def keep_upstream_identity(doc: Doc) -> None:
    """Move upstream operationIds and tags aside, before validation and conversion.

    Vendors renumber operationIds (`getSubmissions5`) and publish duplicates, which both
    openapi-spec-validator and the generator choke on; kept as x-upstream-operation-id they
    still feed apidoc deep links, but no code is ever named after them. Works on Swagger 2.0
    and OpenAPI 3 alike (same paths/method layout).
    """
    for _path, _method, op in iter_operations(doc):
        if "operationId" in op:
            op.setdefault("x-upstream-operation-id", op.pop("operationId"))
        if "tags" in op:
            op.setdefault("x-upstream-tags", list(op["tags"]))


@transform(
    "assign_stable_names",
    "The generator names modules after operationId and groups after the first tag; setting both "
    "from (method, path) + openapi/names.toml makes inspera_api.api.<group>.<function> stable.",
)
def assign_stable_names(doc: Doc, ctx: Context) -> None:
    for path, method, op in iter_operations(doc):
        name = ctx.names.resolve(method, path)
        key = OperationKey(method.upper(), path)
        ctx.assigned[key] = name
        op["operationId"] = name.function
        op["tags"] = [name.group]
        if not name.from_map:
            ctx.warnings.append(f"{key}: not in openapi/names.toml, using fallback name {name.qualified}")
    stale = ctx.names.stale_keys(ctx.assigned)
    if stale:
        listed = ", ".join(str(k) for k in stale[:5]) + (" …" if len(stale) > 5 else "")
        ctx.warnings.append(f"openapi/names.toml names {len(stale)} operation(s) absent from the document: {listed}")
    groups = sorted({n.group for n in ctx.assigned.values()})
    doc["tags"] = [{"name": g} for g in groups]


@transform(
    "explicit_success_response",
    "swagger-core writes only a schemaless `default` for methods returning Response; the "
    "generator then emits only *_detailed and never parses a body, so make it an explicit 200.",
)
def explicit_success_response(doc: Doc, ctx: Context) -> None:
    for _path, _method, op in iter_operations(doc):
        responses = op.setdefault("responses", {})
        if any(str(code).startswith("2") for code in responses):
            continue
        if "default" in responses:
            responses["200"] = responses.pop("default")
        else:
            responses["200"] = {"description": "Success (no response described upstream)."}


def _content_maps(doc: Doc) -> Iterator[dict[str, Any]]:
    for _path, _method, op in iter_operations(doc):
        body = op.get("requestBody")
        if isinstance(body, dict) and isinstance(body.get("content"), dict):
            yield body["content"]
        for response in (op.get("responses") or {}).values():
            if isinstance(response, dict) and isinstance(response.get("content"), dict):
                yield response["content"]
    components = doc.get("components", {})
    for section in ("responses", "requestBodies"):
        for item in (components.get(section) or {}).values():
            if isinstance(item, dict) and isinstance(item.get("content"), dict):
                yield item["content"]


def _is_structured(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    return (
        "$ref" in schema
        or schema.get("type") in _STRUCTURED_TYPES
        or any(k in schema for k in ("properties", "items", "allOf", "oneOf", "anyOf"))
    )


@transform(
    "normalise_media_types",
    "The generator silently omits `*/*`, PDF and ZIP responses: a structured `*/*` schema is "
    "JSON (swagger-core's default produces), anything else and PDF/ZIP become binary bodies.",
)
def normalise_media_types(doc: Doc, ctx: Context) -> None:
    for content in _content_maps(doc):
        if "*/*" in content:
            media = content.pop("*/*")
            schema = media.get("schema") if isinstance(media, dict) else None
            target = "application/json" if _is_structured(schema) else "application/octet-stream"
            if target == "application/octet-stream":
                media = {"schema": {"type": "string", "format": "binary"}}
            content.setdefault(target, media)
        for binary in _BINARY_MEDIA:
            if binary in content:
                content[binary] = {"schema": {"type": "string", "format": "binary"}}


def _schema_refs(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            _schema_refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _schema_refs(value, found)


def _closure(doc: Doc, roots: set[str]) -> set[str]:
    schemas = doc.get("components", {}).get("schemas", {}) or {}
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        more: set[str] = set()
        _schema_refs(schemas[name], more)
        todo.extend(more - seen)
    return seen


def _loosen(schema: dict[str, Any]) -> None:
    values = schema.pop("enum", None)
    if values is None:
        return
    schema.pop("x-enum-varnames", None)
    schema["x-known-values"] = list(values)
    if "type" not in schema and values and all(isinstance(v, str) for v in values):
        schema["type"] = "string"
    note = "Known values: " + ", ".join(str(v) for v in values) + " (others may appear)."
    desc = schema.get("description", "")
    schema["description"] = f"{desc} {note}".strip() if desc else note


@transform(
    "loosen_response_enums",
    "Generated enums are strict: one new vendor value (e.g. an export status) would break parsing "
    "of the whole response. Enums the server owns become strings with x-known-values; "
    "request-only enums stay strict.",
)
def loosen_response_enums(doc: Doc, ctx: Context) -> None:
    request_roots: set[str] = set()
    response_roots: set[str] = set()
    for _path, _method, op in iter_operations(doc):
        _schema_refs(op.get("parameters"), request_roots)
        _schema_refs(op.get("requestBody"), request_roots)
        _schema_refs(op.get("responses"), response_roots)
        for response in (op.get("responses") or {}).values():
            for media in ((response or {}).get("content") or {}).values():
                walk_schema((media or {}).get("schema"), _loosen)
    for item in doc.get("paths", {}).values():
        _schema_refs((item or {}).get("parameters"), request_roots)
    components = doc.get("components", {})
    _schema_refs(components.get("parameters"), request_roots)
    _schema_refs(components.get("requestBodies"), request_roots)
    _schema_refs(components.get("responses"), response_roots)
    for section in ("responses",):
        for response in (components.get(section) or {}).values():
            for media in ((response or {}).get("content") or {}).values():
                walk_schema((media or {}).get("schema"), _loosen)
    requested = _closure(doc, request_roots)
    returned = _closure(doc, response_roots)
    for name, schema in (components.get("schemas") or {}).items():
        if name in requested and name not in returned:
            continue
        if name in requested:
            ctx.warnings.append(f"schema {name} is used by requests and responses: its enums were loosened")
        walk_schema(schema, _loosen)


@transform(
    "bearer_security",
    "Swagger 2.0 cannot say 'bearer', so vendors publish an apiKey named Authorization; state the "
    "real scheme so mocks, schemathesis and readers see a bearer token.",
)
def bearer_security(doc: Doc, ctx: Context) -> None:
    schemes = doc.get("components", {}).get("securitySchemes", {}) or {}
    for name, scheme in list(schemes.items()):
        if (
            isinstance(scheme, dict)
            and scheme.get("type") == "apiKey"
            and scheme.get("in") == "header"
            and str(scheme.get("name", "")).lower() == "authorization"
        ):
            schemes[name] = {
                "type": "http",
                "scheme": "bearer",
                "description": scheme.get("description", "Bearer access token."),
            }


@transform(
    "sort_parameters",
    "Parameter order shapes generated signatures; sorting by (location, name) keeps them "
    "independent of the order the vendor's document happens to list them in.",
)
def sort_parameters(doc: Doc, ctx: Context) -> None:
    def key(param: Any) -> tuple[int, str]:
        if isinstance(param, dict) and "$ref" in param:
            return (9, str(param["$ref"]))
        if not isinstance(param, dict):
            return (10, "")
        return (_PARAM_ORDER.get(str(param.get("in")), 8), str(param.get("name", "")))

    for item in doc.get("paths", {}).values():
        if isinstance(item, dict) and isinstance(item.get("parameters"), list):
            item["parameters"].sort(key=key)
    for _path, _method, op in iter_operations(doc):
        if isinstance(op.get("parameters"), list):
            op["parameters"].sort(key=key)


@transform(
    "canonical_order",
    "Byte-identical output whatever the upstream order: `required` lists are sorted here and "
    "every object key is sorted when the document is written.",
)
def canonical_order(doc: Doc, ctx: Context) -> None:
    def visit(node: Any) -> None:
        if isinstance(node, dict):
            required = node.get("required")
            if isinstance(required, list) and all(isinstance(r, str) for r in required):
                node["required"] = sorted(set(required))
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(doc)


def normalise(doc: Doc, names: NameMap) -> tuple[Doc, Context]:
    """Apply every transform, in order, to a copy of `doc`."""
    import copy

    out = copy.deepcopy(doc)
    ctx = Context(names=names)
    for step in TRANSFORMS:
        step.apply(out, ctx)
    return out, ctx

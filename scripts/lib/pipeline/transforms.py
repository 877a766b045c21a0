"""Normalisation as small named transforms over an OpenAPI 3 document.

Each transform mutates the document in place and carries a one-line reason. They run in the
order of TRANSFORMS; tests exercise each one on an inline fragment.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .absorbed import Absorbed
from .findings import Workaround
from .generator_bodies import primitive_union_bodies as rewrite_union_bodies
from .generator_names import inline_collisions, nullable_models, schema_titles
from .generator_refs import deep_schema_refs as rewrite_deep_refs
from .links import place_links
from .names import HTTP_METHODS, NameMap, OperationKey, StableName
from .pathvars import rename_path_variables
from .pins import pin_models
from .repairs import PART_SCHEMA, STATUS_RANGE
from .walk import resolve_pointer, schemas

Doc = dict[str, Any]

TENANT_SERVER = {
    "url": "https://{tenant}/api",
    "description": "Each Inspera tenant has its own host; every path is relative to /api on it.",
    "variables": {"tenant": {"default": "your-tenant.inspera.no"}},
}
_STRUCTURED_TYPES = {"object", "array"}
_BINARY = {"type": "string", "format": "binary"}
_OCTET = "application/octet-stream"
_FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")
_PARAM_ORDER = {"path": 0, "query": 1, "header": 2, "cookie": 3}


@dataclass
class Context:
    names: NameMap
    warnings: list[str] = field(default_factory=list)
    assigned: dict[OperationKey, StableName] = field(default_factory=dict)
    workarounds: list[Workaround] = field(default_factory=list)
    # raw media type -> what the generator should treat it as (its `content_type_overrides`), for this document
    overrides: dict[str, str] = field(default_factory=dict)
    absorbed: Absorbed = field(default_factory=Absorbed)

    def worked_around(self, name: str, parts: tuple[str | int, ...], detail: str) -> None:
        self.workarounds.append(Workaround(name, parts, detail))


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
    for path, item in (doc.get("paths") or {}).items():
        if not isinstance(item, dict) or path.startswith("x-"):
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


# -- vendor repairs carried through the conversion, and generator reference workarounds (see generator_refs.py)


@transform(
    "restore_status_ranges",
    "Swagger 2.0 has no 4XX keys, so the non_http_response_key repair parks a range response under a free code "
    "of its class, marked; after the conversion it goes back under its range key, which OpenAPI 3 defines.",
)
def restore_status_ranges(doc: Doc, ctx: Context) -> None:
    for _path, _method, op in iter_operations(doc):
        responses = op.get("responses")
        if not isinstance(responses, dict) or not any(
            isinstance(r, dict) and STATUS_RANGE in r for r in responses.values()
        ):
            continue
        restored: dict[str, Any] = {}
        for code, response in responses.items():
            cls = response.pop(STATUS_RANGE, None) if isinstance(response, dict) else None
            restored[str(cls) if isinstance(cls, str) else code] = response
        op["responses"] = restored


@transform(
    "deep_schema_refs",
    "The generator resolves only `#/components/schemas/<Name>` references; a valid reference into a property, "
    "a reusable response or parameter, or a percent-encoded one stops it. Each becomes a copy of its target.",
)
def deep_schema_refs(doc: Doc, ctx: Context) -> None:
    for parts, detail in rewrite_deep_refs(doc):
        ctx.worked_around("deep_schema_ref", parts, detail)


@transform(
    "primitive_union_bodies",
    "An optional JSON body that is a oneOf/anyOf of plain values (`string | integer`) makes the generator emit a "
    "module that does not import; it becomes an untyped body whose description names the alternatives.",
)
def primitive_union_bodies(doc: Doc, ctx: Context) -> None:
    for parts, detail in rewrite_union_bodies(doc):
        ctx.worked_around("primitive_union_body", parts, detail)


# --------------------------------------------------------------------------------------------


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
        if isinstance(op.get("tags"), list):
            op.setdefault("x-upstream-tags", list(op["tags"]))


@transform(
    "path_variable_names",
    "Keys of openapi/names.toml match paths by shape (`GET /v1/test/{}`); the variables take the names written in "
    "the key, so generated keyword arguments stay put when the vendor renames `{testId}`.",
)
def path_variable_names(doc: Doc, ctx: Context) -> None:
    rename_path_variables(doc, ctx.names, ctx.absorbed)


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


@transform(
    "operation_links",
    "Nothing in the vendor's document says where an id comes from, so tools that follow OpenAPI links (schemathesis' "
    "stateful phase, documentation viewers) cannot chain calls; our table, keyed by stable function names and wire "
    "field names, adds them.",
)
def operation_links(doc: Doc, ctx: Context) -> None:
    operations = {str(op["operationId"]): (path, op) for path, _method, op in iter_operations(doc)
                  if isinstance(op.get("operationId"), str)}
    ctx.warnings.extend(place_links(operations))


def _is_structured(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    return (
        "$ref" in schema
        or schema.get("type") in _STRUCTURED_TYPES
        or any(k in schema for k in ("properties", "items", "allOf", "oneOf", "anyOf"))
    )


def _essence(media: str) -> str:
    """`application/json;charset=UTF-8` -> `application/json` (lower case, parameters dropped)."""
    return media.split(";", 1)[0].strip().lower()


def _is_json(media: str) -> bool:
    essence = _essence(media)
    return essence == "application/json" or essence.endswith("+json")


def _pick(keys: list[str], preferred: str) -> str:
    exact = [k for k in keys if _essence(k) == preferred and ";" not in k]
    return exact[0] if exact else sorted(keys)[0]


def _described_binary(entry: Any) -> dict[str, Any]:
    schema = dict(_BINARY)
    old = entry.get("schema") if isinstance(entry, dict) else None
    if isinstance(old, dict) and isinstance(old.get("description"), str):
        schema["description"] = old["description"]
    return {"schema": schema}


def _star_media(content: dict[str, Any]) -> None:
    if "*/*" not in content:
        return
    entry = content.pop("*/*")
    schema = entry.get("schema") if isinstance(entry, dict) else None
    target = "application/json" if _is_structured(schema) else _OCTET
    content.setdefault(target, entry if target == "application/json" else _described_binary(entry))


def _request_content(content: dict[str, Any], parts: tuple[str | int, ...], ctx: Context) -> None:
    _star_media(content)
    keys = list(content)
    json_keys = [k for k in keys if _is_json(k)]
    form_keys = [k for k in keys if _essence(k) in _FORMS]
    octet_keys = [k for k in keys if _essence(k) == _OCTET]
    if json_keys or form_keys or octet_keys:
        if json_keys:
            kept = [_pick(json_keys, "application/json")]
        elif form_keys:
            kept = [_pick(form_keys, "multipart/form-data")]
        else:
            kept = [_pick(octet_keys, _OCTET)]
        dropped = [k for k in keys if k not in kept and not _is_json(k) and _essence(k) not in _FORMS]
        for key in keys:
            if key not in kept:
                del content[key]
        if dropped:
            ctx.worked_around(
                "prefer_json_alternative",
                parts,
                f"request body sent as {kept[0]}; {', '.join(sorted(dropped))} not offered",
            )
        if _essence(kept[0]) == _OCTET:
            content[kept[0]] = _described_binary(content[kept[0]])
        elif not isinstance((content[kept[0]] or {}).get("schema"), dict):
            # A media type without a schema is legal; the generator drops the operation for it.
            content[kept[0]] = {**(content[kept[0]] or {}), "schema": {} if json_keys else {"type": "object"}}
            ctx.worked_around("body_without_schema", parts, f"request body {kept[0]} has no schema: any value")
        return
    if not keys:
        return
    chosen = sorted(keys)[0]  # text, XML, YAML, a vendor type: sent as bytes with that Content-Type
    entry = content[chosen]
    content.clear()
    key = chosen
    if _essence(chosen).startswith("text/") and ";" not in chosen:
        key = f"{chosen}; charset=utf-8"  # responses keep bare text/* keys, so this override touches bodies only
    content[key] = _described_binary(entry)
    ctx.overrides[key] = _OCTET
    others = f" ({', '.join(k for k in keys if k != chosen)} not offered)" if len(keys) > 1 else ""
    ctx.worked_around("non_json_body_as_bytes", parts, f"request body of type {chosen} is taken as bytes{others}")


def _response_content(content: dict[str, Any], parts: tuple[str | int, ...], ctx: Context) -> None:
    _star_media(content)
    keys = list(content)
    if not keys:
        return
    json_keys = [k for k in keys if _is_json(k)]
    if json_keys:
        kept = _pick(json_keys, "application/json")
        dropped = sorted(k for k in keys if not _is_json(k))
        for key in keys:
            if key != kept:
                del content[key]
        if dropped:
            ctx.worked_around(
                "prefer_json_alternative", parts, f"response parsed as {kept}; {', '.join(dropped)} not parsed"
            )
        return
    text_keys = sorted(k for k in keys if _essence(k).startswith("text/"))
    if text_keys:
        chosen = text_keys[0]
        entry = content[chosen] if isinstance(content[chosen], dict) else {}
        old = entry.get("schema") if isinstance(entry.get("schema"), dict) else None
        schema: dict[str, Any] = {"type": "string"}
        if old is not None and isinstance(old.get("description"), str):
            schema["description"] = old["description"]
        content.clear()
        content[_essence(chosen)] = {**{k: v for k, v in entry.items() if k != "schema"}, "schema": schema}
        if old is not None and (old.get("type") != "string" or "format" in old or "$ref" in old):
            ctx.worked_around("text_response_as_str", parts, f"{chosen} response is returned as text")
        return
    chosen = _pick(keys, _OCTET)
    content.clear()
    content[_OCTET] = _described_binary({})
    if _essence(chosen) != _OCTET:
        ctx.worked_around("non_json_response_as_bytes", parts, f"{chosen} response is returned as bytes")


@transform(
    "media_types",
    "openapi-python-client parses JSON, sends JSON, forms and octet-streams, and silently omits or crashes on "
    "anything else (`*/*`, XML, YAML, PDF, vendor types, text bodies, text/html with a model). One media type is "
    "kept per body: JSON when offered; otherwise text responses become str and everything else bytes, with the "
    "vendor's Content-Type still sent.",
)
def media_types(doc: Doc, ctx: Context) -> None:
    for path, method, op in iter_operations(doc):
        base: tuple[str | int, ...] = ("paths", path, method)
        body = op.get("requestBody")
        if isinstance(body, dict) and isinstance(body.get("content"), dict):
            _request_content(body["content"], (*base, "requestBody"), ctx)
        for code, response in (op.get("responses") or {}).items():
            if isinstance(response, dict) and isinstance(response.get("content"), dict):
                _response_content(response["content"], (*base, "responses", str(code)), ctx)
    components = doc.get("components") or {}
    for name, response in (components.get("responses") or {}).items():
        if isinstance(response, dict) and isinstance(response.get("content"), dict):
            _response_content(response["content"], ("components", "responses", name), ctx)
    for name, body in (components.get("requestBodies") or {}).items():
        if isinstance(body, dict) and isinstance(body.get("content"), dict):
            _request_content(body["content"], ("components", "requestBodies", name), ctx)


@transform(
    "response_ref_chains",
    "A reusable response that is itself a $ref to another one is legal, but the generator omits such responses "
    "(no parsed body); the chain is replaced by a copy of the response it ends at.",
)
def response_ref_chains(doc: Doc, ctx: Context) -> None:
    named = (doc.get("components") or {}).get("responses")
    if not isinstance(named, dict):
        return
    for name, response in list(named.items()):
        seen = {name}
        target = response
        while isinstance(target, dict) and isinstance(target.get("$ref"), str):
            ref = target["$ref"]
            key = ref.removeprefix("#/components/responses/")
            if not ref.startswith("#/components/responses/") or key in seen or key not in named:
                break
            seen.add(key)
            target = named[key]
        if target is not response and isinstance(target, dict) and "$ref" not in target:
            named[name] = copy.deepcopy(target)
            ctx.worked_around(
                "response_ref_chain", ("components", "responses", name), f"{name} refers to another response"
            )


@transform(
    "restore_multipart_parts",
    "The several_body_parameters repair turned extra springfox body parameters into formData parts so that "
    "swagger2openapi keeps them; each part gets back its real schema (a model part is sent as JSON).",
)
def restore_multipart_parts(doc: Doc, ctx: Context) -> None:
    def restore(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in list(node.items()):
                if isinstance(value, dict) and PART_SCHEMA in value:
                    part = value.pop(PART_SCHEMA)
                    schema = _components_refs(part) if isinstance(part, dict) else {}
                    if isinstance(value.get("description"), str) and "description" not in schema:
                        schema["description"] = value["description"]
                    node[key] = schema
                else:
                    restore(value)
        elif isinstance(node, list):
            for value in node:
                restore(value)

    restore(doc.get("paths"))
    restore(doc.get("components"))


def _components_refs(node: Any) -> Any:
    if isinstance(node, dict):
        out = {k: _components_refs(v) for k, v in node.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            out["$ref"] = "#/components/schemas/" + ref[len("#/definitions/") :]
        return out
    if isinstance(node, list):
        return [_components_refs(v) for v in node]
    return node


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
    "pinned_model_names",
    "The generator names classes after the vendor's schema names (Java DTO classes); the `[models]` pins of "
    "openapi/names.toml name the schema at each role instead, and unpinned names are sanitised.",
)
def pinned_model_names(doc: Doc, ctx: Context) -> None:
    pin_models(doc, ctx.names, ctx.absorbed)


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
    shared = []
    for name, schema in (components.get("schemas") or {}).items():
        if name in requested and name not in returned:
            continue
        if name in requested:
            shared.append(name)
        walk_schema(schema, _loosen)
    if shared:
        listed = ", ".join(sorted(shared)[:5]) + (f" and {len(shared) - 5} more" if len(shared) > 5 else "")
        ctx.warnings.append(
            f"{len(shared)} schema(s) used by requests and responses had their enums loosened: {listed}"
        )


_HEADER_SENDABLE = {"string", "integer", "number", "boolean"}


def _parameter_holders(doc: Doc) -> Iterator[tuple[tuple[str | int, ...], list[Any]]]:
    for path, item in (doc.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("parameters"), list):
            yield ("paths", path), item["parameters"]
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict) and isinstance(op.get("parameters"), list):
                yield ("paths", path, method), op["parameters"]


@transform(
    "header_parameters_as_strings",
    "The generator drops an operation with a header parameter it cannot format (date, date-time, arrays, "
    "objects, untyped); a header is text on the wire, so such a parameter becomes a string and its description "
    "says what to send.",
)
def header_parameters_as_strings(doc: Doc, ctx: Context) -> None:
    named = (doc.get("components") or {}).get("parameters") or {}
    holders = [*_parameter_holders(doc), (("components", "parameters"), list(named.values()))]
    for parts, params in holders:
        for i, param in enumerate(params):
            if not isinstance(param, dict) or param.get("in") != "header" or not isinstance(param.get("schema"), dict):
                continue
            schema = param["schema"]
            target = resolve_pointer(doc, schema["$ref"]) if isinstance(schema.get("$ref"), str) else schema
            target = target if isinstance(target, dict) else {}
            kind, fmt = target.get("type"), target.get("format")
            if kind in _HEADER_SENDABLE and not (kind == "string" and fmt in ("date", "date-time")):
                continue
            if kind == "array":
                hint = "comma-separated values"
            elif fmt in ("date", "date-time"):
                hint = f"an RFC 3339 {fmt}" if fmt == "date" else "an RFC 3339 date-time (or what the server documents)"
            else:
                hint = "a text value"
            original = fmt or kind or ("a model" if "$ref" in schema else "untyped")
            param["schema"] = {"type": "string", "description": f"Sent as {hint} (upstream type: {original})."}
            where = (*parts, "parameters", i) if parts[0] == "paths" else (*parts, str(param.get("name")))
            ctx.worked_around(
                "header_parameter_as_string", where, f"header {param.get('name')} ({original}) is a string"
            )


def _member_keys(values: list[Any]) -> list[str]:
    """The Python member names openapi-python-client 0.29 derives for string enum values (normalised)."""
    keys = []
    for i, value in enumerate(values):
        raw = value.upper() if isinstance(value, str) and value[:1].isalpha() else f"VALUE_{i}"
        keys.append(re.sub(r"[^0-9A-Z]+", "_", raw).strip("_"))
    return keys


@transform(
    "enum_member_names",
    "Enum values that differ only in case or punctuation (`asc`/`ASC`, `a-b`/`a_b`) map to one Python member "
    "name: the generator crashes or silently keeps one. Such enums get explicit, numbered member names.",
)
def enum_member_names(doc: Doc, ctx: Context) -> None:
    for parts, schema in schemas(doc):
        values = schema.get("enum")
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values) or "x-enum-varnames" in schema:
            continue
        keys = _member_keys(values)
        if len(set(keys)) == len(keys):
            continue
        seen: dict[str, int] = {}
        names = []
        for key in keys:
            seen[key] = seen.get(key, 0) + 1
            names.append(key if seen[key] == 1 else f"{key}_{seen[key]}")
        schema["x-enum-varnames"] = names
        ctx.worked_around("enum_member_names", parts, f"enum values {', '.join(values[:4])} share Python names")


@transform(
    "schema_titles",
    "The generator names a class after a schema's `title` when there is one, and vendors pick titles as freely as "
    "schema names; the title is kept as `x-upstream-title` and the class is named by its position.",
)
def schema_title_names(doc: Doc, ctx: Context) -> None:
    for parts, detail in schema_titles(doc):
        ctx.worked_around("schema_title", parts, detail)


@transform(
    "nullable_model_names",
    "A nullable inline model (or one in a nullable array) is named `..._type_0` by the generator, and a nullable "
    "component's module is never written; titles give back the names of the non-nullable document, and a "
    "component's null moves to the references to it.",
)
def nullable_model_names(doc: Doc, ctx: Context) -> None:
    for parts, detail in nullable_models(doc):
        ctx.worked_around("nullable_model_name", parts, detail)


@transform(
    "inline_model_collisions",
    "The generator names an inline model after its parent and property (`Shelf.position` -> `ShelfPosition`) and "
    "stops when a component (or another inline model) has that class or module name; the inline one is extracted "
    "as `<name>Inline`. Runs after pinned_model_names, so pinned names are never touched.",
)
def inline_model_collisions(doc: Doc, ctx: Context) -> None:
    for parts, detail in inline_collisions(doc):
        ctx.worked_around("inline_model_collision", parts, detail)


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
    out = copy.deepcopy(doc)
    ctx = Context(names=names)
    for step in TRANSFORMS:
        step.apply(out, ctx)
    return out, ctx

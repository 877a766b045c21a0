"""A small API in Swagger 2.0 and OpenAPI 3 form, plus form-aware edits for building drift spec pairs."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

Form = Literal["swagger", "openapi"]
FORMS: tuple[Form, ...] = ("swagger", "openapi")
Doc = dict[str, Any]
Edit = Callable[[Doc, Form], None]

_SCHEMAS: dict[str, Any] = {
    "Item": {
        "type": "object",
        "required": ["id", "name"],
        "properties": {
            "id": {"type": "integer", "format": "int64"},
            "name": {"type": "string", "description": "Display name."},
            "status": {"type": "string", "enum": ["OPEN", "CLOSED"]},
            "tags": {"type": "array", "items": {"type": "string"}},
        },
    },
    "ItemRequest": {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string"},
            "kind": {"type": "string", "enum": ["A", "B"]},
            "note": {"type": "string"},
        },
    },
    "Error": {"type": "object", "properties": {"message": {"type": "string"}}},
}


def _ref(form: Form, name: str) -> dict[str, str]:
    prefix = "#/definitions/" if form == "swagger" else "#/components/schemas/"
    return {"$ref": prefix + name}


def _param(form: Form, name: str, where: str, required: bool, kind: str, **extra: Any) -> dict[str, Any]:
    if form == "swagger":
        return {"name": name, "in": where, "required": required, "type": kind, **extra}
    return {"name": name, "in": where, "required": required, "schema": {"type": kind, **extra}}


def _response(form: Form, description: str, schema: dict[str, Any] | None) -> dict[str, Any]:
    if schema is None:
        return {"description": description}
    if form == "swagger":
        return {"description": description, "schema": schema}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def base(form: Form) -> Doc:
    """Three item operations, an anonymous one and a bearer scheme, in the requested form."""
    item_id = _param(form, "itemId", "path", True, "integer", format="int64")
    get_item: dict[str, Any] = {
        "operationId": "getItem",
        "tags": ["items"],
        "summary": "Read one item.",
        "parameters": [item_id, _param(form, "expand", "query", False, "string")],
        "responses": {
            "200": _response(form, "The item.", _ref(form, "Item")),
            "404": _response(form, "No such item.", _ref(form, "Error")),
        },
    }
    create_item: dict[str, Any] = {
        "operationId": "createItem",
        "tags": ["items"],
        "responses": {
            "200": _response(form, "Updated.", _ref(form, "Item")),
            "201": _response(form, "Created.", _ref(form, "Item")),
        },
    }
    delete_item = {
        "operationId": "deleteItem",
        "tags": ["items"],
        "parameters": [copy.deepcopy(item_id)],
        "responses": {"204": {"description": "Deleted."}},
    }
    public = {"operationId": "ping", "tags": ["misc"], "security": [], "responses": {"200": {"description": "Up."}}}
    doc: Doc = {
        "info": {"title": "Drift fixture", "version": "1"},
        "security": [{"Bearer": []}],
        "paths": {
            "/v1/items": {"post": create_item},
            "/v1/items/{itemId}": {"get": get_item, "delete": delete_item},
            "/v1/ping": {"get": public},
        },
    }
    bearer = {"type": "apiKey", "in": "header", "name": "Authorization"}
    if form == "swagger":
        doc.update(swagger="2.0", basePath="/api", produces=["application/json"], consumes=["application/json"])
        doc["securityDefinitions"] = {"Bearer": bearer}
        doc["definitions"] = copy.deepcopy(_SCHEMAS)
        create_item["parameters"] = [
            {"name": "body", "in": "body", "required": True, "schema": _ref(form, "ItemRequest")}
        ]
    else:
        doc.update(openapi="3.0.3", servers=[{"url": "https://tenant.example/api"}])
        doc["components"] = {"schemas": copy.deepcopy(_SCHEMAS), "securitySchemes": {"Bearer": bearer}}
        create_item["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(form, "ItemRequest")}},
        }
    return doc


# -- form-aware accessors ------------------------------------------------------------------


def schemas(doc: Doc, form: Form) -> dict[str, Any]:
    found: dict[str, Any] = doc["definitions"] if form == "swagger" else doc["components"]["schemas"]
    return found


def operation(doc: Doc, path: str, method: str) -> dict[str, Any]:
    found: dict[str, Any] = doc["paths"][path][method]
    return found


def parameter(doc: Doc, path: str, method: str, name: str) -> dict[str, Any]:
    return next(p for p in operation(doc, path, method)["parameters"] if p["name"] == name)


def parameter_schema(doc: Doc, form: Form, path: str, method: str, name: str) -> dict[str, Any]:
    param = parameter(doc, path, method, name)
    return param if form == "swagger" else param["schema"]  # Swagger 2.0 keeps type keys on the parameter


def add_parameter(
    doc: Doc, form: Form, path: str, method: str, name: str, *, required: bool, kind: str = "string"
) -> None:
    operation(doc, path, method).setdefault("parameters", []).append(_param(form, name, "query", required, kind))


def remove_parameter(doc: Doc, path: str, method: str, name: str) -> None:
    op = operation(doc, path, method)
    op["parameters"] = [p for p in op["parameters"] if p["name"] != name]


def body_required(doc: Doc, form: Form, path: str, method: str, required: bool) -> None:
    op = operation(doc, path, method)
    if form == "swagger":
        next(p for p in op["parameters"] if p["in"] == "body")["required"] = required
    else:
        op["requestBody"]["required"] = required


def remove_body(doc: Doc, form: Form, path: str, method: str) -> None:
    op = operation(doc, path, method)
    if form == "swagger":
        op["parameters"] = [p for p in op.get("parameters", []) if p["in"] != "body"]
    else:
        op.pop("requestBody")


def add_response(doc: Doc, form: Form, path: str, method: str, status: str, schema: str | None) -> None:
    ref = _ref(form, schema) if schema else None
    operation(doc, path, method)["responses"][status] = _response(form, f"Status {status}.", ref)


def response_media(doc: Doc, form: Form, path: str, method: str, media: list[str]) -> None:
    """Offer every response body of the operation in exactly these media types."""
    op = operation(doc, path, method)
    if form == "swagger":
        op["produces"] = media
        return
    for response in op["responses"].values():
        content = response.get("content")
        if content:
            schema = next(iter(content.values()))["schema"]
            response["content"] = {m: {"schema": copy.deepcopy(schema)} for m in media}


def rename_schema(doc: Doc, form: Form, old: str, new: str) -> None:
    table = schemas(doc, form)
    table[new] = table.pop(old)
    prefix = "#/definitions/" if form == "swagger" else "#/components/schemas/"

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("$ref") == prefix + old:
                node["$ref"] = prefix + new
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(doc)


def scheme(doc: Doc, form: Form) -> dict[str, Any]:
    found: dict[str, Any] = doc["securityDefinitions"] if form == "swagger" else doc["components"]["securitySchemes"]
    return found["Bearer"]


def nullable(schema: dict[str, Any], form: Form) -> None:
    schema["x-nullable" if form == "swagger" else "nullable"] = True


# -- the cases -------------------------------------------------------------------------------


def _nothing(doc: Doc, form: Form) -> None:
    return None


@dataclass(frozen=True)
class Case:
    """Old = base + `old` edit, new = base + `new` edit.

    `rule` (with `severity`) must be reported; `also` lists every other rule the edit legitimately triggers.
    """

    name: str
    rule: str
    severity: str
    new: Edit
    old: Edit = _nothing
    also: frozenset[str] = field(default_factory=frozenset)
    include_docs: bool = False

    def documents(self, form: Form) -> tuple[Doc, Doc]:
        old, new = base(form), base(form)
        self.old(old, form)
        self.new(new, form)
        return old, new

    @property
    def expected(self) -> set[str]:
        return {self.rule, *self.also}


ITEM = "/v1/items/{itemId}"
ITEMS = "/v1/items"


def _rename_path(doc: Doc, form: Form) -> None:
    item = doc["paths"].pop(ITEM)
    for op in item.values():
        for param in op["parameters"]:
            if param["name"] == "itemId":
                param["name"] = "id"
    doc["paths"]["/v1/items/{id}"] = item


def _add_operation(path: str, variable: str = "") -> Edit:
    def edit(doc: Doc, form: Form) -> None:
        doc["paths"][path] = {"get": {"operationId": "extra", "responses": {"200": {"description": "Ok."}}}}
        if variable:
            doc["paths"][path]["get"]["parameters"] = [_param(form, variable, "path", True, "integer")]

    return edit


def _inline_item(doc: Doc, form: Form) -> None:
    """The vendor writes the Item schema out where it is used instead of naming it."""
    item = schemas(doc, form).pop("Item")
    prefix = "#/definitions/" if form == "swagger" else "#/components/schemas/"

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, dict) and value.get("$ref") == prefix + "Item":
                    node[key] = copy.deepcopy(item)
                else:
                    visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(doc)


def _inline_place(doc: Doc, form: Form) -> None:
    """Item gets an inline `place` object: its generated class is ItemPlace."""
    schemas(doc, form)["Item"]["properties"]["place"] = {"type": "object", "properties": {"shelf": {"type": "string"}}}


def _place_taken(doc: Doc, form: Form) -> None:
    """The vendor adds a schema named ItemPlace: the inline object's class must yield the name."""
    _inline_place(doc, form)
    schemas(doc, form)["ItemPlace"] = {"type": "object", "properties": {"aisle": {"type": "string"}}}


def _ping_body(doc: Doc, form: Form) -> None:
    """The anonymous ping starts answering a JSON body where it answered none."""
    schema = {"type": "object", "properties": {"status": {"type": "string"}}}
    response = operation(doc, "/v1/ping", "get")["responses"]["200"]
    if form == "swagger":
        response["schema"] = schema
    else:
        response["content"] = {"application/json": {"schema": schema}}


CASES: tuple[Case, ...] = (
    Case("operation removed", "operation-removed", "breaking", lambda d, f: d["paths"][ITEM].pop("delete")),
    Case("path variable renamed upstream", "path-variables-renamed-upstream", "info", _rename_path),
    Case(
        "path parameter of an unmapped path renamed",
        "operation-renamed",
        "breaking",
        _add_operation("/v1/extra/{id}", "id"),
        old=_add_operation("/v1/extra/{extraId}", "extraId"),
        also=frozenset({"parameter-removed", "parameter-added-required"}),
    ),
    Case(
        "new operation takes a mapped name",
        "operation-name-collision",
        "breaking",
        _add_operation("/v1/items/archive"),
        also=frozenset({"operation-added"}),
    ),
    Case("operation added", "operation-added", "info", _add_operation("/v1/extra")),
    Case(
        "operation deprecated",
        "operation-deprecated",
        "warning",
        lambda d, f: operation(d, ITEM, "get").__setitem__("deprecated", True),
    ),
    Case(
        "required parameter added",
        "parameter-added-required",
        "breaking",
        lambda d, f: add_parameter(d, f, ITEM, "get", "locale", required=True),
    ),
    Case(
        "parameter became required",
        "parameter-became-required",
        "breaking",
        lambda d, f: parameter(d, ITEM, "get", "expand").__setitem__("required", True),
    ),
    Case("parameter removed", "parameter-removed", "breaking", lambda d, f: remove_parameter(d, ITEM, "get", "expand")),
    Case(
        "optional parameter added",
        "parameter-added-optional",
        "info",
        lambda d, f: add_parameter(d, f, ITEM, "get", "locale", required=False),
    ),
    Case(
        "parameter type changed",
        "type-changed",
        "breaking",
        lambda d, f: parameter_schema(d, f, ITEM, "get", "expand").__setitem__("type", "integer"),
    ),
    Case(
        "request body became required",
        "request-body-required",
        "breaking",
        lambda d, f: body_required(d, f, ITEMS, "post", True),
        old=lambda d, f: body_required(d, f, ITEMS, "post", False),
    ),
    # An unused model is loosened by normalisation like a response model: its strict enum goes too.
    Case(
        "request body removed",
        "request-body-removed",
        "breaking",
        lambda d, f: remove_body(d, f, ITEMS, "post"),
        also=frozenset({"type-changed"}),
    ),
    Case(
        "optional request body added",
        "request-body-added-optional",
        "info",
        lambda d, f: body_required(d, f, ITEMS, "post", False),
        old=lambda d, f: remove_body(d, f, ITEMS, "post"),
        also=frozenset({"type-changed"}),
    ),
    Case(
        "required request field added",
        "request-property-added-required",
        "breaking",
        lambda d, f: (
            schemas(d, f)["ItemRequest"]["properties"].__setitem__("owner", {"type": "string"}),
            schemas(d, f)["ItemRequest"]["required"].append("owner"),
        ),
    ),
    Case(
        "request field became required",
        "request-property-became-required",
        "breaking",
        lambda d, f: schemas(d, f)["ItemRequest"]["required"].append("note"),
    ),
    Case(
        "request field removed",
        "request-property-removed",
        "breaking",
        lambda d, f: schemas(d, f)["ItemRequest"]["properties"].pop("note"),
    ),
    Case(
        "optional request field added",
        "request-property-added-optional",
        "info",
        lambda d, f: schemas(d, f)["ItemRequest"]["properties"].__setitem__("owner", {"type": "string"}),
    ),
    Case(
        "request enum value removed",
        "request-enum-value-removed",
        "breaking",
        lambda d, f: schemas(d, f)["ItemRequest"]["properties"]["kind"]["enum"].remove("B"),
    ),
    Case(
        "request enum value added",
        "request-enum-value-added",
        "info",
        lambda d, f: schemas(d, f)["ItemRequest"]["properties"]["kind"]["enum"].append("C"),
    ),
    Case(
        "response field removed",
        "response-property-removed",
        "breaking",
        lambda d, f: schemas(d, f)["Item"]["properties"].pop("tags"),
    ),
    Case(
        "response field became optional",
        "response-property-became-optional",
        "breaking",
        lambda d, f: schemas(d, f)["Item"]["required"].remove("name"),
    ),
    Case(
        "response field became nullable",
        "response-property-became-nullable",
        "breaking",
        lambda d, f: nullable(schemas(d, f)["Item"]["properties"]["name"], f),
    ),
    Case(
        "response field added",
        "response-property-added",
        "info",
        lambda d, f: schemas(d, f)["Item"]["properties"].__setitem__("owner", {"type": "string"}),
    ),
    Case(
        "response field type changed",
        "type-changed",
        "breaking",
        lambda d, f: schemas(d, f)["Item"]["properties"]["id"].__setitem__("type", "string"),
    ),
    Case(
        "response enum value added",
        "response-enum-value-added",
        "warning",
        lambda d, f: schemas(d, f)["Item"]["properties"]["status"]["enum"].append("ARCHIVED"),
    ),
    Case(
        "response enum value removed",
        "response-enum-value-removed",
        "info",
        lambda d, f: schemas(d, f)["Item"]["properties"]["status"]["enum"].remove("CLOSED"),
    ),
    Case(
        "success status removed",
        "success-status-removed",
        "breaking",
        lambda d, f: operation(d, ITEMS, "post")["responses"].pop("201"),
    ),
    Case(
        "error status removed",
        "error-status-removed",
        "info",
        lambda d, f: operation(d, ITEM, "get")["responses"].pop("404"),
    ),
    Case(
        "response status added",
        "response-status-added",
        "info",
        lambda d, f: add_response(d, f, ITEMS, "post", "409", "Error"),
    ),
    Case(  # JSON gone, XML left: the generated function returns bytes instead of a model
        "response media type removed",
        "media-type-removed",
        "breaking",
        lambda d, f: response_media(d, f, ITEM, "get", ["application/xml"]),
        also=frozenset({"media-type-added"}),
    ),
    Case(  # a response that had no body gets one (an XML alternative next to JSON would change nothing)
        "response body added",
        "media-type-added",
        "info",
        _ping_body,
    ),
    Case(
        "schema removed",
        "schema-removed",
        "breaking",
        _nothing,
        old=lambda d, f: schemas(d, f).__setitem__(
            "Legacy", {"type": "object", "properties": {"x": {"type": "string"}}}
        ),
    ),
    Case("schema renamed", "schema-renamed", "breaking", lambda d, f: rename_schema(d, f, "Error", "Problem")),
    Case(
        "pinned schema renamed upstream",
        "schema-renamed-upstream",
        "info",
        lambda d, f: rename_schema(d, f, "Item", "no.vendor.ItemDTO"),
    ),
    Case(
        "inline model renamed by a new schema",
        "inline-model-renamed",
        "breaking",
        _place_taken,
        old=_inline_place,
        also=frozenset({"schema-added", "type-changed"}),  # Item.place's type is now the other class
    ),
    Case("pinned schema inlined upstream", "schema-inlined-upstream", "info", _inline_item),
    Case(
        "schema added",
        "schema-added",
        "info",
        lambda d, f: schemas(d, f).__setitem__("Extra", {"type": "object", "properties": {"x": {"type": "string"}}}),
    ),
    Case(
        "anonymous operation now needs credentials",
        "security-changed",
        "breaking",
        lambda d, f: operation(d, "/v1/ping", "get").pop("security"),
    ),
    Case(
        "security scheme changed",
        "security-changed",
        "breaking",
        lambda d, f: scheme(d, f).update({"in": "query", "name": "access_token"}),
    ),
    Case(
        "operation no longer needs credentials",
        "security-relaxed",
        "info",
        lambda d, f: operation(d, ITEM, "get").__setitem__("security", []),
    ),
    Case(
        "description changed",
        "docs-changed",
        "info",
        lambda d, f: schemas(d, f)["Item"]["properties"]["name"].__setitem__("description", "Shown in lists."),
        include_docs=True,
    ),
    Case(
        "upstream operationId renumbered",
        "upstream-id-changed",
        "info",
        lambda d, f: operation(d, ITEM, "get").__setitem__("operationId", "getItem2"),
        include_docs=True,
    ),
)

# Rules reported only with --include-docs: the same edits must report nothing without it.
DOCS_CASES = tuple(case for case in CASES if case.include_docs)
NAMES = {
    "groups": {"/v1/items": "items"},
    "operations": {"GET /v1/items/{itemId}": {"group": "items", "function": "get_items_archive_v1"}},
    "models": {"Item": ["GET /v1/items/{itemId} 200", "POST /v1/items 200", "POST /v1/items 201"]},
}

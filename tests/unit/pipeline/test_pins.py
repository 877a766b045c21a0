"""Model names pinned by role and path variables matched by shape: each rename kind and each conflict on a fragment."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pipeline.errors import NamingError
from pipeline.names import ModelRole, NameMap
from pipeline.pins import model_name
from pipeline.transforms import Context, normalise

REF = "#/components/schemas/"
ITEM = {"type": "object", "properties": {"id": {"type": "integer"}, "title": {"type": "string"}}}
OPERATIONS = {
    "GET /items/{itemId}": {"group": "items", "function": "get_item"},
    "GET /items": {"group": "items", "function": "list_items"},
    "POST /items": {"group": "items", "function": "create_item"},
}


def document(paths: dict[str, Any], schemas: dict[str, Any], **components: Any) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://tenant.example/api"}],
        "paths": paths,
        "components": {"schemas": schemas, **components},
    }


def ok(schema: dict[str, Any]) -> dict[str, Any]:
    return {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}


def body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}, "required": True}


def ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


def id_param(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


def run(doc: dict[str, Any], models: dict[str, Any]) -> tuple[dict[str, Any], Context]:
    return normalise(doc, NameMap.from_dict({"operations": OPERATIONS, "models": models}))


def vendor_items(item_name: str = "ItemDTO", page_name: str = "ItemPageDTO") -> dict[str, Any]:
    page = {"type": "object", "properties": {"results": {"type": "array", "items": ref(item_name)}}}
    return document(
        {
            "/items/{id}": {"get": {"parameters": [id_param("id")], "responses": ok(ref(item_name))}},
            "/items": {
                "get": {"responses": ok(ref(page_name))},
                "post": {"requestBody": body(ref(item_name)), "responses": ok(ref(item_name))},
            },
        },
        {item_name: copy.deepcopy(ITEM), page_name: page},
    )


MODELS = {"Item": "GET /items/{itemId} 200", "ItemPage": "GET /items 200", "ItemRequest": "POST /items body"}


# -- the sanitising rule for unpinned names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vendor", "name"),
    [
        ("TestMetadata", "TestMetadata"),
        ("OAuthError", "OAuthError"),
        ("no.inspera.api.v1.Foo", "Foo"),
        ("no.inspera.api.v1.Outer.Inner", "OuterInner"),
        ("ResponseEntity«List«User»»", "ResponseEntityListUser"),
        ("Foo DTO", "FooDTO"),
        ("foo_bar", "FooBar"),
        ("Page<Item>", "PageItem"),
        ("2fa-config", "Model2faConfig"),
        ("«»", "Model"),
    ],
)
def test_unpinned_names_are_sanitised_into_class_names(vendor: str, name: str) -> None:
    assert model_name(vendor) == name


def test_the_qualified_form_keeps_the_package() -> None:
    assert model_name("no.inspera.api.v1.Foo", qualified=True) == "NoInsperaApiV1Foo"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("GET /items", "expected 'METHOD /path body|STATUS'"),
        ("GET /items 200 results", "cannot read"),
        ("Item", "no property"),
        ("item.results", "expected 'METHOD /path STATUS' or 'Model.property'"),
    ],
)
def test_bad_roles_are_refused(text: str, message: str) -> None:
    with pytest.raises(NamingError, match=message):
        ModelRole.parse(text)


def test_a_role_must_start_at_a_pinned_model() -> None:
    with pytest.raises(NamingError, match="Page, which is not pinned"):
        NameMap.from_dict({"models": {"Item": "Page.results[]"}})


# -- renames -------------------------------------------------------------------------------------------------


def test_a_referenced_schema_takes_the_pinned_name_and_every_ref_follows() -> None:
    doc, ctx = run(vendor_items(), {"Item": "GET /items/{itemId} 200", "ItemPage": "GET /items 200"})
    schemas = doc["components"]["schemas"]
    assert sorted(schemas) == ["Item", "ItemPage"]
    assert schemas["Item"]["x-upstream-name"] == "ItemDTO"
    assert schemas["ItemPage"]["properties"]["results"]["items"] == ref("Item")
    assert doc["paths"]["/items"]["post"]["requestBody"]["content"]["application/json"]["schema"] == ref("Item")
    assert "schema ItemDTO -> Item (pinned by GET /items/{itemId} 200)" in ctx.absorbed.lines()


def test_a_java_package_name_unpinned_is_sanitised_and_reported() -> None:
    doc, ctx = run(vendor_items("no.inspera.api.v1.Item", "ResponseEntity«Page«Item»»"), {})
    assert sorted(doc["components"]["schemas"]) == ["Item", "ResponseEntityPageItem"]
    assert ("ResponseEntity«Page«Item»»", "ResponseEntityPageItem") in ctx.absorbed.sanitised
    assert ctx.absorbed.pin_lines() == ['Item = "GET /items/{itemId} 200"', 'ResponseEntityPageItem = "GET /items 200"']


def test_unpinned_schemas_come_with_lines_ready_to_paste() -> None:
    _doc, ctx = run(vendor_items(), {"ItemPage": "GET /items 200"})
    assert ctx.absorbed.pin_lines() == ['ItemDTO = "GET /items/{itemId} 200"']


def test_an_inline_response_is_extracted_under_its_pin() -> None:
    doc = vendor_items()
    doc["paths"]["/items/{id}"]["get"]["responses"] = ok(copy.deepcopy(ITEM))
    out, ctx = run(doc, {"Item": "GET /items/{itemId} 200"})
    assert out["components"]["schemas"]["Item"] == {
        **ITEM,
        "x-upstream-inline": True,
        "x-pinned-by": "GET /items/{itemId} 200",
    }
    assert out["paths"]["/items/{itemId}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == ref(
        "Item"
    )
    assert "inline schema at GET /items/{itemId} 200 -> Item" in ctx.absorbed.lines()


def test_nested_property_pins_reach_into_arrays_of_inline_schemas() -> None:
    page = {"type": "object", "properties": {"results": {"type": "array", "items": copy.deepcopy(ITEM)}}}
    doc = document({"/items": {"get": {"responses": ok(page)}}}, {})
    out, ctx = run(doc, {"ItemPage": "GET /items 200", "Hit": "ItemPage.results[]"})
    schemas = out["components"]["schemas"]
    assert schemas["Hit"]["properties"] == ITEM["properties"] and schemas["Hit"]["x-upstream-inline"] is True
    assert schemas["ItemPage"]["properties"]["results"]["items"] == ref("Hit")
    assert {line for line in ctx.absorbed.lines() if line.startswith("inline")} == {
        "inline schema at GET /items 200 -> ItemPage",
        "inline schema at ItemPage.results[] -> Hit",
    }


def test_map_values_and_nested_properties() -> None:
    holder = {
        "type": "object",
        "properties": {"meta": {"type": "object", "properties": {"byName": {"additionalProperties": ref("V")}}}},
    }
    doc = document({"/items": {"get": {"responses": ok(ref("Holder"))}}}, {"Holder": holder, "V": ITEM})
    out, _ctx = run(doc, {"Box": "GET /items 200", "Entry": "Box.meta.byName{}"})
    assert sorted(out["components"]["schemas"]) == ["Box", "Entry"]


def test_a_generator_named_inline_schema_pinned_under_its_own_name_is_not_reported() -> None:
    page = {"type": "object", "properties": {"results": {"type": "array", "items": copy.deepcopy(ITEM)}}}
    doc = document({"/items": {"get": {"responses": ok(ref("Page"))}}}, {"Page": page})
    _out, ctx = run(doc, {"Page": "GET /items 200", "PageResultsItem": "Page.results[]"})
    assert ctx.absorbed.lines() == []


def test_an_allof_wrapper_and_a_nullable_anyof_lead_to_the_schema_they_wrap() -> None:
    doc = vendor_items()
    doc["openapi"] = "3.1.0"
    doc["paths"]["/items/{id}"]["get"]["responses"] = ok({"allOf": [ref("ItemDTO")], "description": "the item"})
    doc["paths"]["/items"]["post"]["requestBody"] = body({"anyOf": [ref("ItemDTO"), {"type": "null"}]})
    out, _ctx = run(doc, {"Item": ["GET /items/{itemId} 200", "POST /items body"]})
    assert "Item" in out["components"]["schemas"] and "ItemDTO" not in out["components"]["schemas"]


def test_identical_inline_copies_of_one_pin_become_one_component() -> None:
    doc = vendor_items()
    doc["paths"]["/items/{id}"]["get"]["responses"] = ok(copy.deepcopy(ITEM))
    doc["paths"]["/items"]["post"]["requestBody"] = body(copy.deepcopy(ITEM))
    out, _ctx = run(doc, {"Item": ["GET /items/{itemId} 200", "POST /items body", "POST /items 200"]})
    assert out["paths"]["/items"]["post"]["requestBody"]["content"]["application/json"]["schema"] == ref("Item")
    assert "ItemDTO" not in out["components"]["schemas"]


def test_a_shared_request_body_follows_its_schema() -> None:
    doc = vendor_items()
    doc["components"]["requestBodies"] = {"ItemDTO": body(ref("ItemDTO"))}
    doc["paths"]["/items"]["post"]["requestBody"] = {"$ref": "#/components/requestBodies/ItemDTO"}
    out, _ctx = run(doc, {"Item": "POST /items body"})
    assert out["components"]["requestBodies"] == {"Item": body(ref("Item"))}
    assert out["paths"]["/items"]["post"]["requestBody"] == {"$ref": "#/components/requestBodies/Item"}


# -- path variables --------------------------------------------------------------------------------------------


def test_path_variables_take_the_names_of_the_key_in_path_and_operation_parameters() -> None:
    doc = document(
        {
            "/items/{assessmentRunId}": {
                "parameters": [id_param("assessmentRunId")],
                "get": {"responses": ok(ITEM)},
                "delete": {"parameters": [id_param("assessmentRunId")], "responses": ok(ITEM)},
            }
        },
        {},
    )
    out, ctx = run(doc, {})
    item = out["paths"]["/items/{itemId}"]
    assert item["x-upstream-path"] == "/items/{assessmentRunId}"
    assert item["parameters"][0]["name"] == "itemId" and item["delete"]["parameters"][0]["name"] == "itemId"
    assert ctx.assigned[next(iter(ctx.assigned))].function == "get_item"
    assert "path /items/{assessmentRunId} -> /items/{itemId}" in ctx.absorbed.lines()


def test_a_shared_path_parameter_is_copied_not_renamed_in_place() -> None:
    doc = document(
        {
            "/items/{id}": {"get": {"parameters": [{"$ref": "#/components/parameters/Id"}], "responses": ok(ITEM)}},
            "/other/{id}": {"get": {"parameters": [{"$ref": "#/components/parameters/Id"}], "responses": ok(ITEM)}},
        },
        {},
        parameters={"Id": id_param("id")},
    )
    out, _ctx = run(doc, {})
    assert out["paths"]["/items/{itemId}"]["get"]["parameters"] == [id_param("itemId")]
    assert out["paths"]["/other/{id}"]["get"]["parameters"] == [{"$ref": "#/components/parameters/Id"}]
    assert out["components"]["parameters"]["Id"]["name"] == "id"


def test_swagger_2_input_shares_the_step(tmp_path: Any) -> None:
    from pipeline.convert import to_openapi3
    from pipeline.layout import Layout

    swagger = {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "basePath": "/api",
        "paths": {
            "/items/{assessmentRunId}": {
                "get": {
                    "operationId": "getUsingGET_3",
                    "parameters": [{"name": "assessmentRunId", "in": "path", "required": True, "type": "integer"}],
                    "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/no.inspera.Item"}}},
                }
            }
        },
        "definitions": {"no.inspera.Item": ITEM},
    }
    out, ctx = run(to_openapi3(swagger, "swagger-2.0", Layout()), {"Item": "GET /items/{} 200"})
    assert sorted(out["components"]["schemas"]) == ["Item"]
    assert list(out["paths"]) == ["/items/{itemId}"]
    assert ctx.assigned[next(iter(ctx.assigned))].qualified == "items.get_item"


# -- conflicts: one line each ----------------------------------------------------------------------------------


def test_two_document_paths_of_one_shape_stop_the_run() -> None:
    doc = document({"/items/{a}": {"get": {"responses": ok(ITEM)}}, "/items/{b}": {"put": {"responses": ok(ITEM)}}}, {})
    with pytest.raises(NamingError, match=r"paths /items/\{a\} and /items/\{b\} have the same shape /items/\{\}"):
        run(doc, {})


def test_two_keys_of_one_shape_are_refused() -> None:
    with pytest.raises(NamingError, match="name the variables of one path differently"):
        NameMap.from_dict(
            {
                "operations": {
                    "GET /items/{id}": {"group": "g", "function": "a"},
                    "PUT /items/{itemId}": {"group": "g", "function": "b"},
                }
            }
        )


def test_two_pins_on_one_schema_stop_the_run() -> None:
    with pytest.raises(NamingError, match=r"\[models\] Item and Thing pin one schema \(ItemDTO\)"):
        run(vendor_items(), {"Item": "GET /items/{itemId} 200", "Thing": "POST /items body"})


def test_one_pin_on_two_different_schemas_stops_the_run() -> None:
    doc = vendor_items()
    doc["components"]["schemas"]["OtherDTO"] = {"type": "object", "properties": {"x": {"type": "string"}}}
    doc["paths"]["/items"]["post"]["requestBody"] = body(ref("OtherDTO"))
    with pytest.raises(NamingError, match=r"Item resolves to two different schemas: ItemDTO at GET .* and OtherDTO"):
        run(doc, {"Item": ["GET /items/{itemId} 200", "POST /items body"]})


def test_a_pinned_name_taken_by_another_schema_is_refused() -> None:
    doc = vendor_items()
    doc["components"]["schemas"]["Item"] = {"type": "object", "properties": {"x": {"type": "string"}}}
    with pytest.raises(NamingError, match="the document has a different schema Item"):
        run(doc, {"Item": "GET /items/{itemId} 200"})


def test_a_role_that_disappeared_is_recorded_and_so_are_the_roles_below_it() -> None:
    _doc, ctx = run(vendor_items(), {"Gone": "DELETE /items/{itemId} 200", "Below": "Gone.parts[]"})
    assert ctx.absorbed.missing == [
        "[models] Gone: role DELETE /items/{itemId} 200 disappeared: the document has no operation DELETE /items/{}",
        "[models] Below: role Gone.parts[] disappeared with the role of Gone",
    ]


def test_a_role_that_leads_to_a_string_is_a_role_that_disappeared() -> None:
    doc = document({"/items": {"get": {"responses": ok({"type": "string"})}}}, {})
    _doc, ctx = run(doc, {"Text": "GET /items 200"})
    assert ctx.absorbed.missing == ["[models] Text: role GET /items 200 disappeared: it leads to a string, not a model"]


def test_roles_in_a_cycle_are_refused() -> None:
    with pytest.raises(NamingError, match="in a cycle"):
        run(vendor_items(), {"A": "B.x", "B": "A.y"})


def test_stale_keys_are_found_by_shape() -> None:
    doc = document({"/items/{assessmentRunId}": {"get": {"responses": ok(ITEM)}}}, {})
    _out, ctx = run(doc, {})
    stale = [w for w in ctx.warnings if "absent from the document" in w]
    assert stale == ["openapi/names.toml names 2 operation(s) absent from the document: GET /items, POST /items"]

"""The generator's class names, predicted (generator_classes.py) and kept positional and unique (generator_names.py)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from openapi_python_client import strings
from pipeline.errors import NamingError
from pipeline.generator_classes import class_name, class_slots, module_key, pascal
from pipeline.generator_names import inline_collisions, nullable_models, schema_titles
from pipeline.layout import Layout
from pipeline.names import NameMap
from pipeline.transforms import TRANSFORMS, Context, inline_model_collisions

from tests.support.classes import generated_classes

Doc = dict[str, Any]
S = "#/components/schemas/"


def obj(props: Doc, **extra: Any) -> Doc:
    return {"type": "object", "properties": props, **extra}


def doc(schemas: Doc, paths: Doc | None = None, version: str = "3.0.3") -> Doc:
    return {"openapi": version, "info": {"title": "t", "version": "1"}, "paths": paths or {},
            "components": {"schemas": schemas}}


def ok(schema: Doc) -> Doc:
    return {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}


def names(document: Doc) -> dict[str, str]:
    """JSON pointer of each class's schema -> its class name."""
    return {"/".join(str(p) for p in slot.parts): slot.name for slot in class_slots(document)}


@pytest.mark.parametrize(
    "value",
    ["Shelf", "shelf_position", "Shelf_Position", "shelfPosition", "HTTPStatus", "ResponseEntityListUser", "Model2fa",
     "fooBAR", "post_shelves_body", "response_200", "tags_item", "AdditionalProperty", "x-y.z", "List", "id",
     "ÆrligNavn", "already_Snake_Case"],
)
def test_our_names_are_the_generators(value: str) -> None:
    assert pascal(value) == strings.pascal_case(value)
    assert class_name(value) == strings.ClassName(value, "field_")
    assert module_key(class_name(value)) == strings.PythonIdentifier(class_name(value), "field_").rstrip("_")


def test_the_prediction_is_exactly_what_the_generator_made_of_our_snapshot() -> None:
    layout = Layout()
    normalised = json.loads(layout.normalised.read_text(encoding="utf-8"))
    assert set(names(normalised).values()) == generated_classes(layout.generated_package)


def test_class_names_derive_from_position() -> None:
    shelf = obj({
        "position": obj(
            {"row": {"type": "integer"}, "tags": {"type": "array", "items": obj({"x": {"type": "string"}})}}
        ),
        "byName": {"type": "object", "additionalProperties": obj({"n": {"type": "integer"}})},
        "kind": {"type": "string", "enum": ["a", "b"]},
        "either": {"oneOf": [obj({"a": {"type": "string"}}), obj({"b": {"type": "string"}})]},
        "ref": {"$ref": S + "Other"},
    })
    paths = {"/s": {"post": {
        "operationId": "post_shelves",
        "parameters": [{"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["asc"]}}],
        "requestBody": {"content": {"application/json": {"schema": obj({"opts": obj({})})}}},
        "responses": ok({"type": "array", "items": obj({"id": {"type": "integer"}})}),
    }}}
    found = set(names(doc({"Shelf": shelf, "Other": obj({})}, paths)).values())
    assert found == {
        "Shelf", "Other", "ShelfPosition", "ShelfPositionTagsItem", "ShelfByName", "ShelfByNameAdditionalProperty",
        "ShelfKind", "ShelfEitherType0", "ShelfEitherType1", "PostShelvesSort", "PostShelvesBody",
        "PostShelvesBodyOpts", "PostShelvesResponse200Item",
    }


def test_vendor_titles_no_longer_name_classes() -> None:
    d = doc({"Shelf": obj({"position": obj({}, title="Place"), "u": {"anyOf": [obj({}, title="A"), {"type": "null"}]}},
                          title="ShelfDTO")})
    assert "ShelfDTO" in names(d).values()
    found = list(schema_titles(d))
    assert len(found) == 3
    assert set(names(d).values()) == {"Shelf", "ShelfPosition", "ShelfUType0"}
    assert d["components"]["schemas"]["Shelf"]["x-upstream-title"] == "ShelfDTO"


def _nested(nullable: Any) -> Doc:
    """Nested inline objects, arrays of them, a map of them and an allOf model, each marked by `nullable`."""
    def mark(schema: Doc) -> Doc:
        return nullable(schema)

    inner = mark(obj({"row": {"type": "integer"},
                      "tags": mark({"type": "array", "items": mark(obj({"label": {"type": "string"}}))})}))
    merged = mark({"allOf": [{"$ref": S + "Base"}, obj({"extra": {"type": "string"}})]})
    shelf = obj({"position": inner, "meta": mark(obj({"owner": mark(obj({"name": {"type": "string"}}))})),
                 "byName": {"type": "object", "additionalProperties": mark(obj({"n": {"type": "integer"}}))},
                 "merged": merged, "kind": mark({"type": "string", "enum": ["a", "b"]})})
    paths = {"/s": {"post": {"operationId": "post_shelves",
                             "requestBody": {"content": {"application/json": {"schema": obj({"opts": mark(obj({}))})}}},
                             "responses": ok(mark(obj({"made": mark(obj({"id": {"type": "integer"}}))})))}}}
    return doc({"Shelf": shelf, "Base": obj({"id": {"type": "integer"}})}, paths)


def _nullable30(schema: Doc) -> Doc:
    return {**schema, "nullable": True}


def _nullable31(schema: Doc) -> Doc:
    if "type" in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return {**schema, "nullable": True}


@pytest.mark.parametrize("nullable", [_nullable30, _nullable31])
def test_nullable_inline_models_keep_the_names_of_the_non_nullable_document(nullable: Any) -> None:
    plain = names(_nested(lambda s: s))
    marked = _nested(nullable)
    before = names(marked)
    assert before != plain and any("Type0" in n for n in before.values())  # what the generator alone would do
    found = list(nullable_models(marked))
    assert names(marked) == plain
    assert found and all("keeps the name" in detail for _parts, detail in found)
    assert list(nullable_models(marked)) == []  # nothing left to do


def test_a_model_or_null_union_keeps_the_models_name() -> None:
    union = {"anyOf": [obj({"row": {"type": "integer"}}), {"type": "null"}]}
    d = doc({"Shelf": obj({"position": union, "either": {"oneOf": [obj({}), obj({"a": {"type": "string"}})]}})},
            version="3.1.0")
    assert "ShelfPositionType0" in names(d).values()
    assert len(list(nullable_models(d))) == 1
    assert set(names(d).values()) == {"Shelf", "ShelfPosition", "ShelfEitherType0", "ShelfEitherType1"}
    assert list(nullable_models(d)) == []


def test_a_nullable_component_moves_its_null_to_the_references() -> None:
    d = doc({"Shelf": obj({"n": {"type": "integer"}}, nullable=True),
             "Box": obj({"shelf": {"$ref": S + "Shelf"}, "all": {"allOf": [{"$ref": S + "Shelf"}]}})})
    found = list(nullable_models(d))
    schemas = d["components"]["schemas"]
    assert "nullable" not in schemas["Shelf"]
    assert schemas["Box"]["properties"]["shelf"] == {"anyOf": [{"$ref": S + "Shelf"}], "nullable": True}
    assert schemas["Box"]["properties"]["all"] == {"allOf": [{"$ref": S + "Shelf"}]}
    assert [p for p, _d in found] == [("components", "schemas", "Shelf")]


def _shelf(position_component: str = "ShelfPosition") -> Doc:
    return doc({"Shelf": obj({"position": obj({"row": {"type": "integer"}})}),
                position_component: obj({"col": {"type": "string"}})})


@pytest.mark.parametrize("component", ["ShelfPosition", "ShelfPOSITION"])
def test_an_inline_model_named_like_a_component_is_extracted(component: str) -> None:
    d = _shelf(component)
    found = list(inline_collisions(d))
    schemas = d["components"]["schemas"]
    assert [p for p, _d in found] == [("components", "schemas", "Shelf", "properties", "position")]
    assert schemas["Shelf"]["properties"]["position"] == {"$ref": S + "ShelfPositionInline"}
    assert schemas["ShelfPositionInline"]["properties"] == {"row": {"type": "integer"}}
    assert schemas[component]["properties"] == {"col": {"type": "string"}}
    assert len({module_key(n) for n in names(d).values()}) == len(names(d))
    assert list(inline_collisions(d)) == []


def test_the_extracted_name_depends_on_the_position_only() -> None:
    first, second = _shelf(), _shelf()
    second["components"]["schemas"] = {"Zebra": obj({}), **second["components"]["schemas"], "Aardvark": obj({})}
    list(inline_collisions(first))
    list(inline_collisions(second))
    assert first["components"]["schemas"]["Shelf"] == second["components"]["schemas"]["Shelf"]


def test_two_inline_schemas_of_one_name_are_numbered_in_document_order() -> None:
    shelf = obj({"position": {"type": "array", "items": obj({"a": {"type": "string"}})},
                 "positionItem": obj({"b": {"type": "string"}})})
    d = doc({"Shelf": shelf})
    list(inline_collisions(d))
    props = d["components"]["schemas"]["Shelf"]["properties"]
    assert props["position"]["items"] == {"$ref": S + "ShelfPositionItemInline"}
    assert props["positionItem"] == {"$ref": S + "ShelfPositionItemInline2"}


def test_bodies_and_responses_collide_with_components_too() -> None:
    body = {"content": {"application/json": {"schema": obj({"a": {"type": "string"}})}}}
    paths = {"/s": {"post": {"operationId": "post_shelves", "requestBody": body,
                             "responses": ok(obj({"b": {"type": "string"}}))}}}
    d = doc({"PostShelvesBody": obj({}), "post_shelves_response_200": obj({})}, paths)
    list(inline_collisions(d))
    op = d["paths"]["/s"]["post"]
    assert op["requestBody"]["content"]["application/json"]["schema"] == {"$ref": S + "PostShelvesBodyInline"}
    answer = op["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer == {"$ref": S + "PostShelvesResponse200Inline"}


def test_a_nullable_inline_model_is_extracted_with_a_nullable_reference() -> None:
    d = doc({"Shelf": obj({"position": obj({"row": {"type": "integer"}}, nullable=True)}), "ShelfPosition": obj({})})
    list(nullable_models(d))  # in the pipeline's order: first the name of the non-nullable document, then this
    list(inline_collisions(d))
    schemas = d["components"]["schemas"]
    assert schemas["Shelf"]["properties"]["position"] == {"anyOf": [{"$ref": S + "ShelfPositionInline"}],
                                                          "nullable": True}
    assert "nullable" not in schemas["ShelfPositionInline"] and "title" not in schemas["ShelfPositionInline"]


def test_enums_of_one_name_and_values_are_one_class_not_a_collision() -> None:
    kind = {"type": "string", "enum": ["a", "b"]}
    d = doc({"ShelfKind": dict(kind), "Shelf": obj({"kind": dict(kind)})})
    before = json.dumps(d, sort_keys=True)
    assert list(inline_collisions(d)) == []
    assert json.dumps(d, sort_keys=True) == before


def test_two_components_in_one_module_stop_in_one_line() -> None:
    d = doc({"ShelfPosition": obj({}), "ShelfPOSITION": obj({})})
    with pytest.raises(NamingError, match=r"ShelfPOSITION and ShelfPosition.*shelf_position.*\[models\] pin"):
        list(inline_collisions(d))


def test_an_extracted_name_that_is_taken_stops_in_one_line() -> None:
    d = _shelf()
    d["components"]["schemas"]["ShelfPositionInline"] = obj({})
    with pytest.raises(NamingError, match="ShelfPositionInline, the name it would get instead, is taken"):
        list(inline_collisions(d))


def test_the_transform_runs_after_the_pins_and_reports_a_workaround() -> None:
    order = [t.name for t in TRANSFORMS]
    assert order.index("pinned_model_names") < order.index("schema_titles") < order.index("nullable_model_names")
    assert order.index("nullable_model_names") < order.index("inline_model_collisions")
    ctx = Context(names=NameMap.from_dict({"operations": {}, "groups": {}}))
    d = _shelf()
    inline_model_collisions(copy.deepcopy(d), ctx)
    assert [w.name for w in ctx.workarounds] == ["inline_model_collision"]
    assert "extracted as ShelfPositionInline" in ctx.workarounds[0].detail


def test_path_level_and_shared_parameters_are_named_after_each_operation() -> None:
    sort = {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}}
    paths = {"/s": {
        "parameters": [sort],
        "get": {"operationId": "list_shelves", "responses": {"200": {"description": "OK"}}},
        "delete": {"operationId": "drop_shelves", "parameters": [{"$ref": "#/components/parameters/Mode"}],
                   "responses": {"200": {"description": "OK"}}},
    }}
    d = doc({}, paths)
    d["components"]["parameters"] = {"Mode": {"name": "mode", "in": "query", "schema": {"enum": ["x"]}}}
    assert sorted(slot.name for slot in class_slots(d)) == ["DropShelvesMode", "DropShelvesSort", "ListShelvesSort"]

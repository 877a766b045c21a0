"""A corpus of API documents in the style Java servers publish, written here construct by construct.

Each document reproduces, in fragments of our own, what real published documents of one family contain
(swagger-core 1.5 JAX-RS resources, springfox 2.x controllers, springdoc 1.x/2.x, OpenAPI 3.1 writers) and
the defects those generators are known for. No third-party document is copied; every construct is named
where it appears, so a failing test says which one broke.

`VALID` documents must regenerate with no operation lost; `DEFECTIVE` ones must regenerate with the listed
repairs reported; `REFUSED` ones must stop with one line naming the place.
"""

from __future__ import annotations

import copy
from typing import Any

Doc = dict[str, Any]


def _swagger(paths: Doc, definitions: Doc | None = None, **extra: Any) -> Doc:
    doc: Doc = {
        "swagger": "2.0",
        "info": {"title": "Corpus", "version": "1.0"},
        "host": "api.example.org",
        "basePath": "/api",
        "schemes": ["https"],
        "paths": paths,
    }
    if definitions:
        doc["definitions"] = definitions
    doc.update(extra)
    return doc


def _openapi(version: str, paths: Doc, schemas: Doc | None = None, **extra: Any) -> Doc:
    doc: Doc = {
        "openapi": version,
        "info": {"title": "Corpus", "version": "1.0"},
        "servers": [{"url": "https://api.example.org/api"}],
        "paths": paths,
        "components": {"schemas": schemas or {}},
    }
    doc.update(extra)
    return doc


ID = {"name": "id", "in": "path", "required": True, "type": "integer", "format": "int64"}
ID3 = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "format": "int64"}}


def _ok(schema: Doc | None = None, description: str = "successful operation") -> Doc:
    response: Doc = {"description": description}
    if schema is not None:
        response["schema"] = schema
    return response


def _ok3(media: str, schema: Doc) -> Doc:
    return {"200": {"description": "OK", "content": {media: {"schema": schema}}}}


def _discovery(operation_id: str) -> Doc:
    return {
        "tags": ["discovery"],
        "operationId": operation_id,
        "produces": ["application/json"],
        "responses": {"200": _ok({"$ref": "#/definitions/ApiResponse"})},
    }


# --------------------------------------------------------------------------------------------------------------
# swagger-core 1.5, JAX-RS resources (the family Inspera's own apidoc most likely belongs to)


def swagger_core_jaxrs() -> Doc:
    pet = {"$ref": "#/definitions/Pet"}
    both = ["application/json", "application/xml"]  # swagger-core's default for a resource with @Produces({json, xml})
    paths = {
        "/v1/pets": {
            "post": {
                "tags": ["pet"],
                "operationId": "addPet",
                "consumes": both,
                "produces": both,
                "parameters": [{"in": "body", "name": "body", "required": True, "schema": pet}],
                "responses": {"200": _ok(pet), "405": {"description": "Invalid input"}},
            },
            "get": {
                "tags": ["pet"],
                "operationId": "findPets",
                "produces": both,
                "parameters": [
                    {  # an array query parameter with enum items and `multi`
                        "name": "status",
                        "in": "query",
                        "type": "array",
                        "collectionFormat": "multi",
                        "items": {"type": "string", "enum": ["available", "pending", "sold"], "default": "available"},
                    },
                    {"name": "X-Request-Id", "in": "header", "type": "string", "x-example": "abc"},
                ],
                "responses": {"200": _ok({"type": "array", "items": pet})},
                "deprecated": True,
            },
        },
        "/v1/pets/{id}": {
            "get": {
                "tags": ["pet"],
                "operationId": "getPetById",
                "produces": both,
                "parameters": [ID],
                "responses": {
                    "200": {  # a response header in date-time format
                        "description": "successful operation",
                        "schema": pet,
                        "headers": {"X-Expires-After": {"type": "string", "format": "date-time"}},
                    },
                    "404": {"description": "Pet not found"},
                },
            },
            "delete": {  # JAX-RS methods returning Response publish only a schemaless default
                "tags": ["pet"],
                "operationId": "deletePet",
                "parameters": [ID, {"name": "api_key", "in": "header", "required": False, "type": "string"}],
                "responses": {"default": {"description": "successful operation"}},
            },
            "head": {"tags": ["pet"], "operationId": "petExists", "parameters": [ID], "responses": {"200": _ok()}},
        },
        "/v1/pets/{id}/photo": {
            "post": {  # a multipart upload: formData `type: file` plus a text field
                "tags": ["pet"],
                "operationId": "uploadPhoto",
                "consumes": ["multipart/form-data"],
                "produces": ["application/json"],
                "parameters": [
                    ID,
                    {"name": "additionalMetadata", "in": "formData", "required": False, "type": "string"},
                    {"name": "file", "in": "formData", "required": False, "type": "file"},
                ],
                "responses": {"200": _ok({"$ref": "#/definitions/ApiResponse"})},
            },
            "get": {  # a Swagger 2.0 `type: file` response schema (openapi-spec-validator 0.8 rejects it)
                "tags": ["pet"],
                "operationId": "downloadPhoto",
                "produces": ["image/png", "image/jpeg"],
                "parameters": [ID],
                "responses": {"200": _ok({"type": "file"})},
            },
        },
        "/v1/pets/{id}/report": {
            "get": {  # PDF and zip answers, JSON error model
                "tags": ["pet"],
                "operationId": "report",
                "produces": ["application/pdf"],
                "parameters": [ID],
                "responses": {"200": _ok({"type": "file"}), "400": _ok({"$ref": "#/definitions/ApiResponse"}, "bad")},
            }
        },
        "/v1/pets/{id}/note": {
            "put": {  # a body offered only as text/plain, answered as text
                "tags": ["pet"],
                "operationId": "setNote",
                "consumes": ["text/plain"],
                "produces": ["text/plain"],
                "parameters": [ID, {"in": "body", "name": "body", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _ok({"type": "string"})},
            }
        },
        "/v1/store/inventory": {
            "get": {  # a map of int32, and an apiKey security requirement
                "tags": ["store"],
                "operationId": "getInventory",
                "produces": ["application/json"],
                "parameters": [],
                "responses": {
                    "200": _ok({"type": "object", "additionalProperties": {"type": "integer", "format": "int32"}})
                },
                "security": [{"api_key": []}],
            }
        },
        "/v1/store/orders": {
            "post": {  # XML only, both ways
                "tags": ["store"],
                "operationId": "placeOrderXml",
                "consumes": ["application/xml"],
                "produces": ["application/xml"],
                "parameters": [
                    {"in": "body", "name": "body", "required": True, "schema": {"$ref": "#/definitions/Order"}}
                ],
                "responses": {"200": _ok({"$ref": "#/definitions/Order"})},
            }
        },
        "/v1/store/orders/{id}": {
            "get": {  # a vendor media type and a YAML alternative, no JSON
                "tags": ["store"],
                "operationId": "getOrderVendor",
                "produces": ["application/vnd.example.order+xml", "application/x-yaml"],
                "parameters": [ID],
                "responses": {"200": _ok({"$ref": "#/definitions/Order"})},
            },
            "options": {
                "tags": ["store"],
                "operationId": "orderOptions",
                "parameters": [ID],
                "responses": {"200": _ok()},
            },
        },
        # Discovery endpoints in the style of API-group servers: trailing-slash twins and a version segment that
        # does not open the path (each pair once collided on one fallback name)
        "/apis/pets.example.org/": {"get": _discovery("listGroupVersions")},
        "/apis/pets.example.org/v1/": {"get": _discovery("listGroupResources")},
        "/apis/pets.example.org/v1/pets": {"get": _discovery("listPetsInGroup")},
        "/apis/pets.example.org/v1beta1/pets": {"get": _discovery("listPetsInGroupBeta")},
        "/v1/store": {"get": _discovery("storeIndex")},
        "/v1/store/": {"get": _discovery("storeIndexSlash")},
        "/v1/user/login": {
            "get": {
                "tags": ["user"],
                "operationId": "loginUser",
                "produces": ["*/*"],  # swagger-core's fallback when a resource declares nothing
                "parameters": [
                    {"name": "username", "in": "query", "required": True, "type": "string"},
                    {"name": "password", "in": "query", "required": True, "type": "string", "format": "password"},
                ],
                "responses": {"200": _ok({"type": "string"})},
            }
        },
    }
    definitions = {
        "Pet": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "id": {"type": "integer", "format": "int64"},
                "name": {"type": "string", "example": "doggie"},
                "status": {"type": "string", "enum": ["available", "pending", "sold"]},
                "tags": {"type": "array", "xml": {"name": "tag", "wrapped": True}, "items": {"type": "string"}},
                "born": {"type": "string", "format": "date"},
            },
            "xml": {"name": "Pet"},
        },
        "Order": {
            "type": "object",
            "properties": {
                "id": {"type": "integer", "format": "int64"},
                "shipDate": {"type": "string", "format": "date-time"},
                "complete": {"type": "boolean", "default": False},
            },
        },
        "ApiResponse": {"type": "object", "properties": {"code": {"type": "integer", "format": "int32"}}},
    }
    security = {"api_key": {"type": "apiKey", "name": "api_key", "in": "header"}}
    return _swagger(paths, definitions, securityDefinitions=security)


# --------------------------------------------------------------------------------------------------------------
# springfox 2.x, Spring MVC controllers (valid constructs only)


def springfox_valid() -> Doc:
    item = {"$ref": "#/definitions/Item"}
    paths = {
        "/v1/items": {
            "get": {
                "tags": ["item-controller"],
                "operationId": "listUsingGET",
                "produces": ["*/*"],  # springfox's default produces
                "parameters": [
                    {"name": "page", "in": "query", "required": False, "type": "integer", "format": "int32"},
                    {"name": "name", "in": "query", "required": False, "type": "string", "pattern": "^[\\p{L} .'-]+$"},
                ],
                "responses": {
                    "200": _ok({"type": "array", "items": item}, "OK"),
                    "401": {"description": "Unauthorized"},
                },
            },
            "post": {
                "tags": ["item-controller"],
                "operationId": "createUsingPOST",
                "consumes": ["application/json;charset=UTF-8"],
                "produces": ["application/hal+json"],
                "parameters": [{"in": "body", "name": "item", "required": True, "schema": item}],
                "responses": {"200": _ok(item, "OK"), "201": {"description": "Created"}},
            },
        },
        "/v2/items": {  # the same resource in a new version: the /v1 names must not move
            "get": {
                "tags": ["item-controller-v-2"],
                "operationId": "listUsingGET_1",
                "produces": ["application/vnd.example.items.v2+json"],
                "parameters": [
                    {  # a date-time header parameter
                        "name": "If-Modified-Since",
                        "in": "header",
                        "required": False,
                        "type": "string",
                        "format": "date-time",
                    }
                ],
                "responses": {"200": _ok({"type": "array", "items": item}, "OK")},
            }
        },
        "/v1/items/{id}": {
            "get": {
                "tags": ["item-controller"],
                "operationId": "getUsingGET",
                "produces": ["application/json", "application/xml"],
                "parameters": [ID],
                "responses": {"200": _ok(item, "OK"), "404": {"description": "Not Found"}},
            },
            "patch": {
                "tags": ["item-controller"],
                "operationId": "patchUsingPATCH",
                "consumes": ["application/merge-patch+json"],
                "parameters": [ID, {"in": "body", "name": "patch", "required": True, "schema": {"type": "object"}}],
                "responses": {"200": _ok(item, "OK"), "204": {"description": "No Content"}},
            },
        },
        "/actuator/health": {
            "get": {  # Spring Boot actuator: a GET with an (optional) body and a vendor +json type
                "tags": ["operation-handler"],
                "operationId": "handleUsingGET",
                "produces": ["application/vnd.spring-boot.actuator.v2+json", "application/json"],
                "parameters": [
                    {
                        "in": "body",
                        "name": "body",
                        "required": False,
                        "schema": {"type": "object", "additionalProperties": {"type": "string"}},
                    }
                ],
                "responses": {"200": _ok({"type": "object"}, "OK")},
            }
        },
        "/error": {
            "get": {  # BasicErrorController: text/html answered with a ModelAndView model
                "tags": ["basic-error-controller"],
                "operationId": "errorHtmlUsingGET",
                "produces": ["text/html"],
                "responses": {"200": _ok({"$ref": "#/definitions/ModelAndView"}, "OK")},
            },
            "head": {
                "tags": ["basic-error-controller"],
                "operationId": "errorHtmlUsingHEAD",
                "produces": ["text/html"],
                "responses": {"200": _ok({"$ref": "#/definitions/ModelAndView"}, "OK")},
            },
        },
        "/v1/items/export.csv": {
            "get": {
                "tags": ["item-controller"],
                "operationId": "exportUsingGET",
                "produces": ["text/csv"],
                "responses": {"200": _ok({"type": "string", "format": "byte"}, "OK")},
            }
        },
    }
    definitions = {
        "Item": {
            "type": "object",
            "title": "Item",
            "properties": {
                "id": {"type": "integer", "format": "int64"},
                "code": {"type": "string", "pattern": "^\\p{Lu}{2}-\\d+$"},  # a Java regex class
                "sort": {"type": "string", "enum": ["asc", "ASC", "desc"]},  # values differing only in case
                "created": {"type": "string", "format": "date-time"},
            },
        },
        "ModelAndView": {
            "type": "object",
            "title": "ModelAndView",
            "properties": {
                "empty": {"type": "boolean"},
                "status": {"type": "string", "enum": ["100 CONTINUE", "200 OK", "302 FOUND", "302 MOVED_TEMPORARILY"]},
                "viewName": {"type": "string"},
            },
        },
    }
    return _swagger(paths, definitions, basePath="/")


# --------------------------------------------------------------------------------------------------------------
# springdoc 1.x (OpenAPI 3.0.1)


def springdoc_30() -> Doc:
    paths = {
        "/api/v1/books": {
            "get": {
                "tags": ["book-controller"],
                "operationId": "findAll",
                "parameters": [  # springdoc's Pageable: one required object parameter in the query
                    {
                        "name": "pageable",
                        "in": "query",
                        "required": True,
                        "schema": {"$ref": "#/components/schemas/Pageable"},
                    },
                    {"name": "SESSION", "in": "cookie", "required": False, "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {"*/*": {"schema": {"$ref": "#/components/schemas/PageBook"}}},
                    }
                },
            },
            "post": {
                "tags": ["book-controller"],
                "operationId": "create",
                "requestBody": {
                    "required": True,
                    "content": {  # JSON and XML alternatives
                        "application/json": {"schema": {"$ref": "#/components/schemas/Book"}},
                        "application/xml": {"schema": {"$ref": "#/components/schemas/Book"}},
                    },
                },
                "responses": {
                    "201": {
                        "description": "Created",
                        "content": {"*/*": {"schema": {"$ref": "#/components/schemas/Book"}}},
                    },
                    "400": {
                        "description": "Bad",
                        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    },
                },
            },
        },
        "/api/v1/books/{id}/cover": {
            "put": {
                "tags": ["book-controller"],
                "operationId": "uploadCover",
                "parameters": [ID3],
                "requestBody": {
                    "content": {  # a multipart body with a binary file and a JSON part
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {
                                    "file": {"type": "string", "format": "binary"},
                                    "meta": {"$ref": "#/components/schemas/Book"},
                                },
                            }
                        }
                    }
                },
                "responses": {"204": {"description": "No Content"}},
            },
            "get": {
                "tags": ["book-controller"],
                "operationId": "cover",
                "parameters": [
                    ID3,
                    {"name": "If-None-Match", "in": "header", "schema": {"type": "array", "items": {"type": "string"}}},
                ],
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {"image/png": {"schema": {"type": "string", "format": "binary"}}},
                    }
                },
            },
        },
        "/api/v1/books/{id}/summary": {
            "get": {
                "tags": ["book-controller"],
                "operationId": "summary",
                "parameters": [ID3],
                "responses": _ok3("text/plain", {"type": "string"}),
            },
            "post": {
                "tags": ["book-controller"],
                "operationId": "setSummary",
                "parameters": [ID3],
                "requestBody": {"content": {"text/plain;charset=UTF-8": {"schema": {"type": "string"}}}},
                "responses": {"200": {"description": "OK"}},
            },
        },
        "/api/v1/books/{id}/tags": {
            "put": {  # a media type without a schema (legal), answered through a chain of reusable responses
                "tags": ["book-controller"],
                "operationId": "setTags",
                "parameters": [ID3],
                "requestBody": {"content": {"application/json": {}}},
                "responses": {"200": {"$ref": "#/components/responses/Updated"}},
            }
        },
        "/api/v1/books/{id}/title": {
            "put": {  # valid references the generator cannot follow: into a property, a response, a parameter
                "tags": ["book-controller"],
                "operationId": "setTitle",
                "parameters": [
                    ID3,
                    {"name": "genre", "in": "query", "schema": {"$ref": "#/components/parameters/Genre/schema"}},
                ],
                "requestBody": {
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Book/properties/title"}}}
                },
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/responses/BookAnswer/content/application~1json/schema"}
                            }
                        },
                    },
                    "4XX": {  # a status range (legal in OpenAPI 3)
                        "description": "Client error",
                        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    },
                },
            }
        },
        "/api/v1/books/{id}/rating": {
            "put": {  # an optional body that is one of two plain values
                "tags": ["book-controller"],
                "operationId": "rate",
                "parameters": [ID3],
                "requestBody": {
                    "content": {"application/json": {"schema": {"oneOf": [{"type": "integer"}, {"type": "string"}]}}}
                },
                "responses": {"204": {"description": "No Content"}},
            }
        },
        "/api/v1/books/{id}/shelf": {
            "get": {  # a model alias whose target is a property of another model
                "tags": ["book-controller"],
                "operationId": "shelf",
                "parameters": [ID3],
                "responses": _ok3("application/json", {"$ref": "#/components/schemas/Placement"}),
            }
        },
        "/api/v1/books/import": {
            "post": {
                "tags": ["book-controller"],
                "operationId": "importYaml",
                "requestBody": {"content": {"application/x-yaml": {"schema": {"type": "object"}}}},
                "responses": _ok3("application/octet-stream", {"type": "string"}),
            }
        },
    }
    schemas = {
        "Book": {
            "type": "object",
            "properties": {
                "id": {"type": "integer", "format": "int64", "readOnly": True},
                "title": {"type": "string", "maxLength": 200},
                "genre": {"type": "string", "enum": ["FICTION", "NON_FICTION"]},
                "published": {"type": "string", "format": "date"},
            },
        },
        "Pageable": {
            "type": "object",
            "properties": {
                "page": {"minimum": 0, "type": "integer", "format": "int32"},
                "size": {"minimum": 1, "type": "integer", "format": "int32"},
                "sort": {"type": "array", "items": {"type": "string"}},
            },
        },
        "PageBook": {
            "type": "object",
            "properties": {
                "content": {"type": "array", "items": {"$ref": "#/components/schemas/Book"}},
                "totalElements": {"type": "integer", "format": "int64"},
            },
        },
        "Problem": {"type": "object", "properties": {"title": {"type": "string"}, "status": {"type": "integer"}}},
        "Shelf": {
            "type": "object",
            "properties": {"position": {"type": "object", "properties": {"row": {"type": "integer"}}}},
        },
        "Placement": {"$ref": "#/components/schemas/Shelf/properties/position"},
    }
    doc = _openapi("3.0.1", paths, schemas)
    doc["components"]["parameters"] = {
        "Genre": {"name": "genre", "in": "query", "schema": {"type": "string", "enum": ["FICTION", "NON_FICTION"]}}
    }
    doc["components"]["responses"] = {
        "BookAnswer": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Book"}}},
        },
        "Updated": {"$ref": "#/components/responses/BookAnswer"},
    }
    return doc


# --------------------------------------------------------------------------------------------------------------
# OpenAPI 3.1 (springdoc 2.x / swagger-core 2.2 with 3.1 output)


def openapi_31() -> Doc:
    paths = {
        "/v1/authors": {
            "get": {
                "operationId": "listAuthors",
                "parameters": [
                    {"name": "q", "in": "query", "schema": {"type": ["string", "null"], "examples": ["tolkien"]}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "exclusiveMinimum": 0}},
                ],
                "responses": _ok3(
                    "application/json", {"type": "array", "items": {"$ref": "#/components/schemas/Author"}}
                ),
            },
            "post": {
                "operationId": "createAuthor",
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Author"}}}},
                "responses": {
                    "201": {
                        "description": "Created",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Author"}}},
                    }
                },
            },
        },
        "/v2/authors/{id}": {
            "get": {
                "operationId": "getAuthorV2",
                "parameters": [ID3],
                "responses": _ok3(
                    "application/json", {"$ref": "#/components/schemas/Author", "description": "the author"}
                ),
            }
        },
    }
    schemas = {
        "Author": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "id": {"type": "integer", "format": "int64"},
                "name": {"type": "string", "pattern": "^\\p{L}[\\p{L} ]*$"},
                "nickname": {"type": ["string", "null"]},
                "kind": {"const": "author"},
                "born": {"type": "string", "format": "date", "examples": ["1892-01-03"]},
            },
        }
    }
    doc = _openapi("3.1.0", paths, schemas)
    doc["info"]["summary"] = "3.1 allows a summary and an SPDX license identifier"
    doc["info"]["license"] = {"name": "Apache 2.0", "identifier": "Apache-2.0"}
    doc["webhooks"] = {
        "authorCreated": {
            "post": {
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Author"}}}},
                "responses": {"200": {"description": "OK"}},
            }
        }
    }
    return doc


def swagger_20() -> Doc:
    """One Swagger 2.0 document with the swagger-core and the springfox constructs (one generator run for both)."""
    doc = swagger_core_jaxrs()
    springfox = springfox_valid()
    doc["paths"].update(springfox["paths"])
    doc["definitions"].update(springfox["definitions"])
    return doc


def _shelf_properties(ref: str) -> Doc:
    """A DTO with nested inline objects (no schema of their own), as hand-tuned and Map-based Java DTOs publish."""
    return {
        "id": {"type": "integer", "format": "int64"},
        "position": {  # its class would be `ShelfPosition`, which is also a component's name below
            "type": "object",
            "properties": {
                "row": {"type": "integer", "format": "int32"},
                "labels": {"type": "array", "items": {"type": "object", "properties": {"text": {"type": "string"}}}},
            },
        },
        "audit": {
            "type": "object",
            "properties": {
                "createdBy": {"type": "object", "properties": {"login": {"type": "string"}}},
                "tags": {"type": "array", "items": {"type": "string"}},
            },
        },
        "byLocale": {  # a Map<String, LocalisedName>
            "type": "object",
            "additionalProperties": {"type": "object", "properties": {"name": {"type": "string"}}},
        },
        "status": {"type": "string", "enum": ["OPEN", "CLOSED"]},
        "section": {"$ref": ref + "Section"},
    }


def springfox_inline_dtos() -> Doc:
    """Swagger 2.0 (springfox 2.9): generic wrappers `ResponseEntity«…»`, `Page«…»`, nested inline DTOs, and an
    inline object whose derived class name is another definition's (`Shelf.position` and `ShelfPosition`)."""
    ref = "#/definitions/"
    page = {"$ref": ref + "Page«Shelf»"}
    paths = {
        "/v1/shelves": {
            "get": {
                "tags": ["shelf-controller"],
                "operationId": "listUsingGET_3",
                "produces": ["*/*"],
                "parameters": [{"name": "page", "in": "query", "type": "integer", "format": "int32"}],
                "responses": {"200": _ok(page, "OK")},
            },
            "post": {
                "tags": ["shelf-controller"],
                "operationId": "createUsingPOST_3",
                "consumes": ["application/json"],
                "produces": ["*/*"],
                "parameters": [{"in": "body", "name": "shelf", "required": True, "schema": {"$ref": ref + "Shelf"}}],
                "responses": {"200": _ok({"$ref": ref + "ResponseEntity«Shelf»"}, "OK")},
            },
        },
        "/v1/shelves/{id}/position": {
            "get": {
                "tags": ["shelf-controller"],
                "operationId": "positionUsingGET",
                "produces": ["application/json"],
                "parameters": [ID],
                "responses": {"200": _ok({"$ref": ref + "ShelfPosition"}, "OK")},
            },
            "put": {  # an inline body object, named by the generator after our function name
                "tags": ["shelf-controller"],
                "operationId": "movePositionUsingPUT",
                "consumes": ["application/json"],
                "produces": ["application/json"],
                "parameters": [
                    ID,
                    {
                        "in": "body",
                        "name": "move",
                        "required": True,
                        "schema": {
                            "type": "object",
                            "properties": {
                                "to": {"type": "object", "properties": {"row": {"type": "integer", "format": "int32"}}}
                            },
                        },
                    },
                ],
                "responses": {"200": _ok({"type": "object", "properties": {"moved": {"type": "boolean"}}}, "OK")},
            },
        },
    }
    definitions = {
        "Shelf": {"type": "object", "title": "Shelf", "properties": _shelf_properties(ref)},
        "ShelfPosition": {
            "type": "object",
            "title": "ShelfPosition",  # springfox 2.9 may repeat a definition's name as its `title`
            "properties": {"aisle": {"type": "string"}, "level": {"type": "integer", "format": "int32"}},
        },
        "Section": {"type": "object", "properties": {"code": {"type": "string"}}},
        "Page«Shelf»": {
            "type": "object",
            "title": "Page«Shelf»",
            "properties": {
                "content": {"type": "array", "items": {"$ref": ref + "Shelf"}},
                "totalElements": {"type": "integer", "format": "int64"},
                "sort": {"type": "object", "properties": {"sorted": {"type": "boolean"}}},
            },
        },
        "ResponseEntity«Shelf»": {
            "type": "object",
            "title": "ResponseEntity«Shelf»",
            "properties": {
                "body": {"$ref": ref + "Shelf"},
                "statusCode": {"type": "string", "enum": ["OK", "CREATED", "ACCEPTED"]},
                "statusCodeValue": {"type": "integer", "format": "int32"},
            },
        },
    }
    return _swagger(paths, definitions)


def springdoc_inline_dtos() -> Doc:
    """OpenAPI 3.0 (springdoc 1.x/2.x): `allOf` wrappers around references, schema titles (`@Schema(title=…)`),
    nested inline DTOs, an inline response and an inline object whose class name is a component's."""
    ref = "#/components/schemas/"
    paths = {
        "/v1/shelves": {
            "get": {
                "tags": ["shelf-controller"],
                "operationId": "list",
                "responses": _ok3("application/json", {"$ref": ref + "PageShelfDto"}),
            },
            "post": {
                "tags": ["shelf-controller"],
                "operationId": "create",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": ref + "Shelf"}}}},
                "responses": _ok3(
                    "application/json",
                    {  # an inline answer whose class the generator names `<Function>Response200`
                        "type": "object",
                        "properties": {
                            "shelf": {"allOf": [{"$ref": ref + "Shelf"}], "description": "the stored shelf"},
                            "warnings": {"type": "array", "items": {"type": "object", "properties": {
                                "code": {"type": "string"}}}},
                        },
                    },
                ),
            },
        },
        "/v1/shelves/{id}/position": {
            "get": {
                "tags": ["shelf-controller"],
                "operationId": "position",
                "parameters": [ID3],
                "responses": _ok3("application/json", {"$ref": ref + "ShelfPosition"}),
            }
        },
    }
    schemas = {
        "Shelf": {"type": "object", "title": "Shelf of the library", "properties": _shelf_properties(ref)},
        "ShelfPosition": {"type": "object", "properties": {"aisle": {"type": "string"}}},
        "Section": {"type": "object", "title": "Section", "properties": {"code": {"type": "string"}}},
        "PageShelfDto": {
            "type": "object",
            "properties": {
                "content": {"type": "array", "items": {"$ref": ref + "Shelf"}},
                "pageable": {"type": "object", "properties": {"pageNumber": {"type": "integer", "format": "int32"}}},
                "first": {"allOf": [{"$ref": ref + "Shelf"}]},
            },
        },
    }
    return _openapi("3.0.1", paths, schemas)


def nullable(doc: Doc) -> Doc:
    """A copy with every property of every schema marked nullable, as springfox (`x-nullable: true`) and springdoc
    (`nullable: true`) write boxed Java fields; a property that is a bare `$ref` is left alone (its siblings would
    be ignored)."""
    out = copy.deepcopy(doc)
    flag = "x-nullable" if "swagger" in out else "nullable"
    stack: list[Any] = [out.get("paths"), out.get("definitions"), (out.get("components") or {}).get("schemas")]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for prop in (node.get("properties") or {}).values():
                if isinstance(prop, dict) and "$ref" not in prop:
                    prop[flag] = True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return out


VALID = {
    "swagger-2.0": swagger_20,  # swagger-core 1.5 (JAX-RS) and springfox 2.x
    "openapi-3.0": springdoc_30,  # springdoc 1.x, written as YAML by the test
    "openapi-3.1": openapi_31,
    "swagger-2.0-inline-dtos": lambda: nullable(springfox_inline_dtos()),  # springfox marks boxed fields nullable
    "openapi-3.0-inline-dtos": lambda: nullable(springdoc_inline_dtos()),
}


# --------------------------------------------------------------------------------------------------------------
# Known defects


def springfox_defects() -> Doc:
    """springfox 2.8/2.9 as published: each defect once, on an operation that is otherwise fine."""
    http_status = {  # Spring's HttpStatus enum through a ResponseEntity model: aliases repeat a value
        "type": "string",
        "enum": ["200 OK", "302 FOUND", "302 FOUND", "413 PAYLOAD_TOO_LARGE", "413 PAYLOAD_TOO_LARGE"],
    }
    paths = {
        "/v1/students/{id}{?age,gender}": {  # enableUrlTemplating(true)
            "get": {
                "tags": ["student-controller"],
                "operationId": "findUsingGET",
                "produces": ["*/*"],
                "parameters": [
                    {"name": "id", "in": "path", "required": False, "type": "string", "allowEmptyValue": False},
                    {"name": "age", "in": "query", "required": False, "type": "integer", "format": "int32"},
                ],
                "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Student"}}},
            }
        },
        "/v1/students/{id}/card": {
            "post": {  # several @RequestPart parameters published as body parameters
                "tags": ["student-controller"],
                "operationId": "cardUsingPOST",
                "consumes": ["multipart/form-data"],
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "type": "string"},
                    {"in": "body", "name": "meta", "required": True, "schema": {"$ref": "#/definitions/Student"}},
                    {"in": "body", "name": "notes", "required": False, "schema": {"type": "string"}},
                    {"name": "photo", "in": "formData", "required": False, "type": "file"},
                    {  # a List<MultipartFile>, its items carrying the parameter's description
                        "name": "attachments",
                        "in": "formData",
                        "required": False,
                        "type": "array",
                        "items": {"type": "file", "description": "an attachment"},
                    },
                ],
                "responses": {"200": {"schema": {"$ref": "#/definitions/ResponseEntity"}}},  # no description
            }
        },
        "/v1/classes/{classId}/students": {
            "get": {  # a template variable with no parameter, and a default outside its enum
                "tags": ["class-controller"],
                "operationId": "studentsUsingGET",
                "parameters": [
                    {"name": "order", "in": "query", "type": "string", "enum": ["ASC", "DESC"], "default": "asc"}
                ],
                "responses": {
                    "200": {
                        "description": "OK",
                        "schema": {"type": "array", "items": {"$ref": "#/definitions/Student"}},
                    },
                    "-1": {"description": "unset"},  # response codes that are no status, and a range
                    "0": {"description": "unknown"},
                    "400-599": {"description": "An error", "schema": {"$ref": "#/definitions/ApiError"}},
                },
            }
        },
        "/v1/bugs/{?name}": {  # an RFC 6570 query template after a slash
            "get": {
                "tags": ["bug-controller"],
                "operationId": "bugsUsingGET",
                "responses": {"200": {"description": "OK", "schema": {"type": "array", "items": {"type": "string"}}}},
            }
        },
        "/v1/classes/{classId}": {
            "get": {
                "tags": ["class-controller"],
                "operationId": "classUsingGET",
                "parameters": [
                    {"name": "classId", "in": "path", "required": True, "type": "string"},
                    {"name": "legacyId", "in": "path", "required": True, "type": "string"},  # not in the template
                ],
                "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Classroom"}}},  # undefined
            }
        },
    }
    definitions = {
        "Student": {
            "type": "object",
            "properties": {
                "id": {"type": "string", "allowEmptyValue": False},
                "name": {"type": "string", "allowEmptyValue": False, "pattern": "^[\\p{L} ]+$"},
                "level": {"type": "string", "enum": ["A", "B"], "default": "NONE"},
                "avatar": {"type": "file"},  # java.io.File field
            },
        },
        "ResponseEntity": {
            "type": "object",
            "properties": {"statusCode": http_status, "statusCodeValue": {"type": "integer", "format": "int32"}},
        },
        "ApiError": {"type": "object", "properties": {"message": {"type": "string"}}},
    }
    doc = _swagger(paths, definitions)
    doc["info"]["logo"] = {"url": "https://example.org/logo.png"}  # an extension without its x- prefix
    doc["securityDefinitions"] = {  # an OAuth scheme that also says where the token goes
        "oauth": {
            "type": "oauth2",
            "flow": "implicit",
            "authorizationUrl": "https://example.org/auth",
            "scopes": {},
            "in": "header",
        }
    }
    return doc


def springdoc_defects() -> Doc:
    """OpenAPI 3.0 documents with the same families of defects (springdoc, hand-merged documents)."""
    paths = {
        "/api/v1/orders/{orderId}": {
            "get": {
                "operationId": "getOrder",
                "parameters": [{"name": "orderId", "in": "path", "required": False, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}},
                    "4xx": {  # a lower-case range key
                        "description": "Client error",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}},
                    },
                },
                "produce": ["application/json"],  # a misspelt field without x-
            }
        },
        "/api/v1/orders/{orderId}/lines/{lineId}": {
            "delete": {
                "operationId": "deleteLine",
                "parameters": [{"name": "orderId", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"204": {"description": "No Content"}},
            }
        },
        "/api/v1/orders": {
            "get": {
                "operationId": "listOrders",
                "parameters": [{"name": "state", "in": "query", "schema": {"$ref": "#/components/schemas/State"}}],
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Order"}}
                            }
                        },
                    }
                },
            }
        },
    }
    schemas = {
        "Order": {
            "type": "object",
            "properties": {
                "id": {"type": "string"},
                "state": {"$ref": "#/components/schemas/State"},
                "customer": {"$ref": "#/components/schemas/Customer"},  # never defined
            },
        },
        "State": {"type": "string", "enum": ["NEW", "PAID", "PAID"], "default": "OPEN"},
    }
    doc = _openapi("3.0.1", paths, schemas)
    doc["components"]["securitySchemes"] = {  # a bearer scheme that also says `in: header`
        "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT", "in": "header", "name": "Authorization"}
    }
    doc["security"] = [{"bearer": []}]
    return doc


DEFECTIVE = {
    "springfox-defects": (
        springfox_defects,
        {
            "query_template_in_path",
            "several_body_parameters",
            "optional_path_parameter",
            "undeclared_path_parameter",
            "unused_path_parameter",
            "response_without_description",
            "dangling_ref",
            "allow_empty_value_in_schema",
            "duplicate_enum_values",
            "invalid_default",
            "file_type_in_model",
            "file_array_in_form",
            "keyword_in_items",
            "non_http_response_key",
            "security_scheme_location",
            "unknown_field",
        },
    ),
    "springdoc-defects": (
        springdoc_defects,
        {
            "optional_path_parameter",
            "undeclared_path_parameter",
            "response_without_description",
            "dangling_ref",
            "duplicate_enum_values",
            "invalid_default",
            "non_http_response_key",
            "security_scheme_location",
            "unknown_field",
        },
    ),
}


# --------------------------------------------------------------------------------------------------------------
# What cannot be repaired without guessing


def _with(doc: Doc, change: Any) -> Doc:
    out = copy.deepcopy(doc)
    change(out)
    return out


def refused() -> dict[str, tuple[Doc, str, str]]:
    """name -> (document, where the line must point, words it must contain)."""
    base = _swagger(
        {
            "/v1/a/{id}": {"get": {"parameters": [dict(ID)], "responses": {"200": {"description": "OK"}}}},
            "/v1/b": {"get": {"responses": {"200": {"description": "OK"}}}},
        }
    )
    return {
        "parameters-as-object": (
            _with(base, lambda d: d["paths"]["/v1/b"]["get"].__setitem__("parameters", {"q": {"in": "query"}})),
            "GET /v1/b",
            "parameters is an object",
        ),
        "template-collision": (
            _with(
                base,
                lambda d: d["paths"].update(
                    {
                        "/v1/b{?x}": {"get": {"responses": {"200": {"description": "OK"}}}},
                    }
                ),
            ),
            "GET /v1/b",
            "both become GET /v1/b",
        ),
        "bodies-without-multipart": (
            _with(
                base,
                lambda d: d["paths"]["/v1/b"].__setitem__(
                    "post",
                    {
                        "consumes": ["application/json"],
                        "parameters": [
                            {"in": "body", "name": "a", "schema": {"type": "object"}},
                            {"in": "body", "name": "b", "schema": {"type": "object"}},
                        ],
                        "responses": {"200": {"description": "OK"}},
                    },
                ),
            ),
            "POST /v1/b",
            "which one is the body cannot be decided",
        ),
        "template-parameter-mismatch": (
            _with(
                base,
                lambda d: d["paths"].update(
                    {"/v1/c/{itemId}": {"get": {"parameters": [dict(ID)], "responses": {"200": {"description": "OK"}}}}}
                ),
            ),
            "GET /v1/c/{itemId}",
            "which belongs to which cannot be decided",
        ),
        "dangling-parameter": (
            _with(
                base, lambda d: d["paths"]["/v1/b"]["get"].__setitem__("parameters", [{"$ref": "#/parameters/Paging"}])
            ),
            "GET /v1/b",
            "#/parameters/Paging points at nothing",
        ),
        "dangling-parameter-type": (
            _with(
                base,
                lambda d: d["paths"]["/v1/b"]["get"].__setitem__(
                    "parameters",
                    [{"name": "ids", "in": "query", "type": "array", "items": {"$ref": "#/definitions/Ids"}}],
                ),
            ),
            "GET /v1/b",
            "how to send the parameter cannot be known",
        ),
        "external-ref": (
            _with(
                base,
                lambda d: d["paths"]["/v1/b"]["get"]["responses"]["200"].__setitem__(
                    "schema", {"$ref": "models.json#/Thing"}
                ),
            ),
            "GET /v1/b",
            "points into another document",
        ),
    }

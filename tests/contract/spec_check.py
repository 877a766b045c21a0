"""Validates real HTTP exchanges and export files against openapi/openapi.json with openapi-core."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_schema_validator import OAS30Validator
from werkzeug.datastructures import Headers, ImmutableMultiDict

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def load_spec() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(SPEC_PATH.read_text())
    return document


def spec_operations(spec: dict[str, Any]) -> set[tuple[str, str]]:
    return {(m.upper(), p) for p, item in spec["paths"].items() for m in item if m in HTTP_METHODS}


class _Request:
    def __init__(self, request: httpx.Request) -> None:
        url = urlsplit(str(request.url))
        self.host_url = f"{url.scheme}://{url.netloc}"
        self.path = url.path
        self.method = request.method.lower()
        self.body: bytes | None = request.content or None
        self.content_type = request.headers.get("content-type", "application/json")
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qs(url.query, keep_blank_values=True)),
            header=Headers(dict(request.headers)),
            cookie=ImmutableMultiDict({}),
        )


class _Response:
    def __init__(self, response: httpx.Response) -> None:
        self.data = response.content
        self.status_code = response.status_code
        self.content_type = response.headers.get("content-type", "")
        self.headers = Headers(dict(response.headers))


class SpecChecker:
    """Checks each exchange with the simulator against the spec and remembers which operations it saw."""

    def __init__(self, spec: dict[str, Any], base_url: str) -> None:
        served = copy.deepcopy(spec)
        served["servers"] = [{"url": base_url}]
        self.spec = served
        self.openapi = OpenAPI.from_dict(served)

    def check(self, response: httpx.Response) -> httpx.Response:
        """Raise if the request or the response disagrees with the spec; returns the response for chaining."""
        request = _Request(response.request)
        if response.status_code < 400:
            self.openapi.validate_request(request)  # type: ignore[arg-type]
        self.openapi.validate_response(request, _Response(response))  # type: ignore[arg-type]
        return response

    def check_document(self, document: Any, schema_name: str) -> None:
        """Validate an export file (or any JSON value) against one of the spec's component schemas."""
        schema = {"$ref": f"#/components/schemas/{schema_name}", "components": self.spec["components"]}
        OAS30Validator(schema).validate(document)

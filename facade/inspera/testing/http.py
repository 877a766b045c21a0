"""Small request/response helpers shared by the simulator's route modules."""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from .model import Test
from .state import SimulatorState


class HTTPFailure(Exception):
    """Raised by helpers to answer with an error document."""

    def __init__(self, status: int, error: str, description: str = "") -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.description = description

    def response(self) -> JSONResponse:
        body = {"error": self.error}
        if self.description:
            body["description"] = self.description
        return JSONResponse(body, status_code=self.status)


def not_found(what: str) -> HTTPFailure:
    return HTTPFailure(404, "Not found", what)


def bad_request(description: str) -> HTTPFailure:
    return HTTPFailure(400, "Bad request", description)


async def json_object(request: Request) -> dict[str, Any]:
    raw = await request.body()
    try:
        value = json.loads(raw)
    except ValueError:
        raise bad_request("the body is not valid JSON") from None
    if not isinstance(value, dict):
        raise bad_request("the body must be a JSON object")
    return value


def list_of(body: dict[str, Any], key: str, kind: type = dict) -> list[Any]:
    value = body.get(key)
    if not isinstance(value, list) or not all(isinstance(item, kind) for item in value):
        raise bad_request(f"'{key}' must be a list of {kind.__name__} values")
    return value


def flag(request: Request, name: str) -> bool:
    return request.query_params.get(name, "").lower() == "true"


def path_int(request: Request, name: str) -> int:
    value: int = request.path_params[name]
    return value


_BASE64URL = re.compile(r"[A-Za-z0-9_-]+={0,2}")


def external_system(request: Request) -> str:
    """The `externalSystem` query parameter: who owns an external test id (Inspera's default is API)."""
    return request.query_params.get("externalSystem", "API")


def test_or_404(state: SimulatorState, request: Request) -> Test:
    """The test named by the path: Inspera's id, or with isExternal=true the external id of `externalSystem`
    (base64url-encoded when b64encodedExternalTestId=true)."""
    test_id: int | str = request.path_params["testId"]
    external = flag(request, "isExternal")
    if external and flag(request, "b64encodedExternalTestId"):
        test_id = _decode_external_id(str(test_id))
    test = state.find_test(test_id, external=external, system=external_system(request))
    if test is None:
        raise not_found(f"no test {test_id}")
    return test


def _decode_external_id(encoded: str) -> str:
    # An id that does not decode names no test: 404, the answer the spec documents for an unknown test.
    failure = not_found("no test: testId is not base64url-encoded although b64encodedExternalTestId=true")
    if not _BASE64URL.fullmatch(encoded):
        raise failure
    try:
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise failure from None


def token_expiry(request: Request) -> float:
    expiry: float = request.scope["inspera.token_expiry"]
    return expiry

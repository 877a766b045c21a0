"""Small request/response helpers shared by the simulator's route modules."""

from __future__ import annotations

import json
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


def test_or_404(state: SimulatorState, request: Request) -> Test:
    test_id = path_int(request, "testId")
    test = state.find_test(test_id, external=flag(request, "isExternal"))
    if test is None:
        raise not_found(f"no test {test_id}")
    return test


def token_expiry(request: Request) -> float:
    expiry: float = request.scope["inspera.token_expiry"]
    return expiry

"""Status-to-error mapping, malformed bodies and the error hierarchy."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from inspera import APIError, InsperaError, NotFoundError
from inspera.errors import (
    BadRequestError,
    ConflictError,
    InternalServerError,
    PermissionDeniedError,
    UnexpectedResponseError,
    error_class,
)

from .fakes import FakeInspera, resolve


async def test_404_carries_method_path_template_vendor_fields_and_request_id(client: Any, fake: FakeInspera) -> None:
    with pytest.raises(NotFoundError) as caught:
        fake.route("GET", "/v1/test/5", lambda _: httpx.Response(
            404, json={"error": "not_found", "description": "no test 5"}, headers={"X-Request-Id": "abc-123"}
        ))
        await resolve(client.tests.get(5))
    error = caught.value
    assert (error.method, error.path, error.status) == ("GET", "/v1/test/{testId}", 404)
    assert (error.error, error.description, error.request_id) == ("not_found", "no test 5", "abc-123")
    assert str(error) == "GET /v1/test/{testId} failed with HTTP 404: not_found: no test 5"
    assert isinstance(error, APIError) and isinstance(error, InsperaError)


@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, BadRequestError), (403, PermissionDeniedError), (409, ConflictError), (418, APIError),
     (501, InternalServerError)],
)
async def test_statuses_map_to_classes(client: Any, fake: FakeInspera, status: int, cls: type[APIError]) -> None:
    fake.route("GET", "/v1/users/3", lambda _: httpx.Response(status, text="<html>oops</html>"))
    with pytest.raises(cls) as caught:
        await resolve(client.users.get(3))
    assert type(caught.value) is cls
    assert caught.value.error is None and caught.value.path == "/v1/users/{userId}"


async def test_a_success_body_that_does_not_fit_the_model_is_typed(client: Any, fake: FakeInspera) -> None:
    fake.route("GET", "/v1/users/3", lambda _: httpx.Response(200, text="not json"))
    with pytest.raises(UnexpectedResponseError, match=r"GET /v1/users/\{userId\}"):
        await resolve(client.users.get(3))


async def test_wrong_arguments_are_a_type_error_not_a_response_error(client: Any) -> None:
    from inspera._calls.invoke import ainvoke, invoke
    from inspera_api.api.tests import get_test

    with pytest.raises(TypeError, match="get_test"):
        if hasattr(client, "aclose"):
            await ainvoke(client, get_test, testid=1)
        else:
            invoke(client, get_test, testid=1)


def test_error_class_covers_5xx() -> None:
    assert error_class(599) is InternalServerError
    assert error_class(404) is NotFoundError

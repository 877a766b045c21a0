from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.test_create_request import TestCreateRequest
from ...models.test_create_response import TestCreateResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: TestCreateRequest,
    external_system: str | Unset = "API",
    is_external: bool | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["externalSystem"] = external_system

    params["isExternal"] = is_external

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/test",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | TestCreateResponse | None:
    if response.status_code == 200:
        response_200 = TestCreateResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = cast(Any, None)
        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ErrorResponse | TestCreateResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TestCreateRequest,
    external_system: str | Unset = "API",
    is_external: bool | Unset = UNSET,
) -> Response[Any | ErrorResponse | TestCreateResponse]:
    """Create a test from a template, or update the test with the same externalTestId

    Args:
        external_system (str | Unset):  Default: 'API'.
        is_external (bool | Unset):
        body (TestCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | TestCreateResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        external_system=external_system,
        is_external=is_external,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: TestCreateRequest,
    external_system: str | Unset = "API",
    is_external: bool | Unset = UNSET,
) -> Any | ErrorResponse | TestCreateResponse | None:
    """Create a test from a template, or update the test with the same externalTestId

    Args:
        external_system (str | Unset):  Default: 'API'.
        is_external (bool | Unset):
        body (TestCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | TestCreateResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        external_system=external_system,
        is_external=is_external,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TestCreateRequest,
    external_system: str | Unset = "API",
    is_external: bool | Unset = UNSET,
) -> Response[Any | ErrorResponse | TestCreateResponse]:
    """Create a test from a template, or update the test with the same externalTestId

    Args:
        external_system (str | Unset):  Default: 'API'.
        is_external (bool | Unset):
        body (TestCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | TestCreateResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        external_system=external_system,
        is_external=is_external,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TestCreateRequest,
    external_system: str | Unset = "API",
    is_external: bool | Unset = UNSET,
) -> Any | ErrorResponse | TestCreateResponse | None:
    """Create a test from a template, or update the test with the same externalTestId

    Args:
        external_system (str | Unset):  Default: 'API'.
        is_external (bool | Unset):
        body (TestCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | TestCreateResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            external_system=external_system,
            is_external=is_external,
        )
    ).parsed

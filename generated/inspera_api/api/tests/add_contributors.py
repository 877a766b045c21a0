from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.contributors_request import ContributorsRequest
from ...models.error_response import ErrorResponse
from ...models.operation_result import OperationResult
from ...types import Response


def _get_kwargs(
    test_id: int,
    *,
    body: ContributorsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/test/{test_id}/contributors".format(
            test_id=quote(str(test_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | OperationResult | None:
    if response.status_code == 200:
        response_200 = OperationResult.from_dict(response.json())

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
) -> Response[Any | ErrorResponse | OperationResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    test_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ContributorsRequest,
) -> Response[Any | ErrorResponse | OperationResult]:
    """Assign contributors (graders, monitors) with roles and committees

    Args:
        test_id (int):
        body (ContributorsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | OperationResult]
    """

    kwargs = _get_kwargs(
        test_id=test_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    test_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ContributorsRequest,
) -> Any | ErrorResponse | OperationResult | None:
    """Assign contributors (graders, monitors) with roles and committees

    Args:
        test_id (int):
        body (ContributorsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | OperationResult
    """

    return sync_detailed(
        test_id=test_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    test_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ContributorsRequest,
) -> Response[Any | ErrorResponse | OperationResult]:
    """Assign contributors (graders, monitors) with roles and committees

    Args:
        test_id (int):
        body (ContributorsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | OperationResult]
    """

    kwargs = _get_kwargs(
        test_id=test_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    test_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ContributorsRequest,
) -> Any | ErrorResponse | OperationResult | None:
    """Assign contributors (graders, monitors) with roles and committees

    Args:
        test_id (int):
        body (ContributorsRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | OperationResult
    """

    return (
        await asyncio_detailed(
            test_id=test_id,
            client=client,
            body=body,
        )
    ).parsed

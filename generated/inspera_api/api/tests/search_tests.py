from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.test_search_response import TestSearchResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    external_system: str | Unset = "API",
    external_test_id: str | Unset = UNSET,
    query: str | Unset = UNSET,
    title: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["externalSystem"] = external_system

    params["externalTestID"] = external_test_id

    params["query"] = query

    params["title"] = title

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/test/search",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | TestSearchResponse | None:
    if response.status_code == 200:
        response_200 = TestSearchResponse.from_dict(response.json())

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

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ErrorResponse | TestSearchResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    external_system: str | Unset = "API",
    external_test_id: str | Unset = UNSET,
    query: str | Unset = UNSET,
    title: str | Unset = UNSET,
) -> Response[Any | ErrorResponse | TestSearchResponse]:
    """Search tests by external id, title or filter query

    Args:
        external_system (str | Unset):  Default: 'API'.
        external_test_id (str | Unset):
        query (str | Unset):
        title (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | TestSearchResponse]
    """

    kwargs = _get_kwargs(
        external_system=external_system,
        external_test_id=external_test_id,
        query=query,
        title=title,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    external_system: str | Unset = "API",
    external_test_id: str | Unset = UNSET,
    query: str | Unset = UNSET,
    title: str | Unset = UNSET,
) -> Any | ErrorResponse | TestSearchResponse | None:
    """Search tests by external id, title or filter query

    Args:
        external_system (str | Unset):  Default: 'API'.
        external_test_id (str | Unset):
        query (str | Unset):
        title (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | TestSearchResponse
    """

    return sync_detailed(
        client=client,
        external_system=external_system,
        external_test_id=external_test_id,
        query=query,
        title=title,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    external_system: str | Unset = "API",
    external_test_id: str | Unset = UNSET,
    query: str | Unset = UNSET,
    title: str | Unset = UNSET,
) -> Response[Any | ErrorResponse | TestSearchResponse]:
    """Search tests by external id, title or filter query

    Args:
        external_system (str | Unset):  Default: 'API'.
        external_test_id (str | Unset):
        query (str | Unset):
        title (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | TestSearchResponse]
    """

    kwargs = _get_kwargs(
        external_system=external_system,
        external_test_id=external_test_id,
        query=query,
        title=title,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    external_system: str | Unset = "API",
    external_test_id: str | Unset = UNSET,
    query: str | Unset = UNSET,
    title: str | Unset = UNSET,
) -> Any | ErrorResponse | TestSearchResponse | None:
    """Search tests by external id, title or filter query

    Args:
        external_system (str | Unset):  Default: 'API'.
        external_test_id (str | Unset):
        query (str | Unset):
        title (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | TestSearchResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            external_system=external_system,
            external_test_id=external_test_id,
            query=query,
            title=title,
        )
    ).parsed

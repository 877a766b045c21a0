from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.user import User
from ...types import UNSET, Response, Unset


def _get_kwargs(
    auth_type: str,
    external_id: str,
    *,
    include_student: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["includeStudent"] = include_student

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/users/external/{auth_type}/{external_id}".format(
            auth_type=quote(str(auth_type), safe=""),
            external_id=quote(str(external_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | list[User] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = User.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Any | ErrorResponse | list[User]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    auth_type: str,
    external_id: str,
    *,
    client: AuthenticatedClient | Client,
    include_student: bool | Unset = UNSET,
) -> Response[Any | ErrorResponse | list[User]]:
    """Find users by an external identity

    Args:
        auth_type (str):
        external_id (str):
        include_student (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | list[User]]
    """

    kwargs = _get_kwargs(
        auth_type=auth_type,
        external_id=external_id,
        include_student=include_student,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    auth_type: str,
    external_id: str,
    *,
    client: AuthenticatedClient | Client,
    include_student: bool | Unset = UNSET,
) -> Any | ErrorResponse | list[User] | None:
    """Find users by an external identity

    Args:
        auth_type (str):
        external_id (str):
        include_student (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | list[User]
    """

    return sync_detailed(
        auth_type=auth_type,
        external_id=external_id,
        client=client,
        include_student=include_student,
    ).parsed


async def asyncio_detailed(
    auth_type: str,
    external_id: str,
    *,
    client: AuthenticatedClient | Client,
    include_student: bool | Unset = UNSET,
) -> Response[Any | ErrorResponse | list[User]]:
    """Find users by an external identity

    Args:
        auth_type (str):
        external_id (str):
        include_student (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | list[User]]
    """

    kwargs = _get_kwargs(
        auth_type=auth_type,
        external_id=external_id,
        include_student=include_student,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    auth_type: str,
    external_id: str,
    *,
    client: AuthenticatedClient | Client,
    include_student: bool | Unset = UNSET,
) -> Any | ErrorResponse | list[User] | None:
    """Find users by an external identity

    Args:
        auth_type (str):
        external_id (str):
        include_student (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | list[User]
    """

    return (
        await asyncio_detailed(
            auth_type=auth_type,
            external_id=external_id,
            client=client,
            include_student=include_student,
        )
    ).parsed

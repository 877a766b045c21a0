from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exchange_token_grant_type import ExchangeTokenGrantType
from ...models.o_auth_error import OAuthError
from ...models.token_response import TokenResponse
from ...types import UNSET, Response


def _get_kwargs(
    *,
    client_id: str,
    grant_type: ExchangeTokenGrantType,
    code: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["code"] = code

    params: dict[str, Any] = {}

    params["client_id"] = client_id

    json_grant_type = grant_type.value
    params["grant_type"] = json_grant_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/authenticate/token/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OAuthError | TokenResponse | None:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = OAuthError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = OAuthError.from_dict(response.json())

        return response_401

    if response.status_code == 409:
        response_409 = OAuthError.from_dict(response.json())

        return response_409

    if response.status_code == 429:
        response_429 = OAuthError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = OAuthError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OAuthError | TokenResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    client_id: str,
    grant_type: ExchangeTokenGrantType,
    code: str,
) -> Response[OAuthError | TokenResponse]:
    """Exchange the API key (code) and client_id for an access token

    Args:
        client_id (str):
        grant_type (ExchangeTokenGrantType):
        code (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthError | TokenResponse]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        grant_type=grant_type,
        code=code,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    client_id: str,
    grant_type: ExchangeTokenGrantType,
    code: str,
) -> OAuthError | TokenResponse | None:
    """Exchange the API key (code) and client_id for an access token

    Args:
        client_id (str):
        grant_type (ExchangeTokenGrantType):
        code (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthError | TokenResponse
    """

    return sync_detailed(
        client=client,
        client_id=client_id,
        grant_type=grant_type,
        code=code,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    client_id: str,
    grant_type: ExchangeTokenGrantType,
    code: str,
) -> Response[OAuthError | TokenResponse]:
    """Exchange the API key (code) and client_id for an access token

    Args:
        client_id (str):
        grant_type (ExchangeTokenGrantType):
        code (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthError | TokenResponse]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        grant_type=grant_type,
        code=code,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    client_id: str,
    grant_type: ExchangeTokenGrantType,
    code: str,
) -> OAuthError | TokenResponse | None:
    """Exchange the API key (code) and client_id for an access token

    Args:
        client_id (str):
        grant_type (ExchangeTokenGrantType):
        code (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthError | TokenResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            client_id=client_id,
            grant_type=grant_type,
            code=code,
        )
    ).parsed

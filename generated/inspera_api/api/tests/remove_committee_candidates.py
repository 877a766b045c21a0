from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.committee_remove_request import CommitteeRemoveRequest
from ...models.error_response import ErrorResponse
from ...models.operation_result import OperationResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    test_id: str,
    *,
    body: CommitteeRemoveRequest,
    b_64_encoded_external_test_id: bool | Unset = False,
    external_system: str | Unset = "API",
    is_external: bool | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["b64encodedExternalTestId"] = b_64_encoded_external_test_id

    params["externalSystem"] = external_system

    params["isExternal"] = is_external

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/test/{test_id}/committees/candidates/remove".format(
            test_id=quote(str(test_id), safe=""),
        ),
        "params": params,
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
    test_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CommitteeRemoveRequest,
    b_64_encoded_external_test_id: bool | Unset = False,
    external_system: str | Unset = "API",
    is_external: bool | Unset = UNSET,
) -> Response[Any | ErrorResponse | OperationResult]:
    """Remove candidates from a committee

    Args:
        test_id (str):
        b_64_encoded_external_test_id (bool | Unset):  Default: False.
        external_system (str | Unset):  Default: 'API'.
        is_external (bool | Unset):
        body (CommitteeRemoveRequest): Body not captured from the documentation; field names are
            inferred.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | OperationResult]
    """

    kwargs = _get_kwargs(
        test_id=test_id,
        body=body,
        b_64_encoded_external_test_id=b_64_encoded_external_test_id,
        external_system=external_system,
        is_external=is_external,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    test_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CommitteeRemoveRequest,
    b_64_encoded_external_test_id: bool | Unset = False,
    external_system: str | Unset = "API",
    is_external: bool | Unset = UNSET,
) -> Any | ErrorResponse | OperationResult | None:
    """Remove candidates from a committee

    Args:
        test_id (str):
        b_64_encoded_external_test_id (bool | Unset):  Default: False.
        external_system (str | Unset):  Default: 'API'.
        is_external (bool | Unset):
        body (CommitteeRemoveRequest): Body not captured from the documentation; field names are
            inferred.

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
        b_64_encoded_external_test_id=b_64_encoded_external_test_id,
        external_system=external_system,
        is_external=is_external,
    ).parsed


async def asyncio_detailed(
    test_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CommitteeRemoveRequest,
    b_64_encoded_external_test_id: bool | Unset = False,
    external_system: str | Unset = "API",
    is_external: bool | Unset = UNSET,
) -> Response[Any | ErrorResponse | OperationResult]:
    """Remove candidates from a committee

    Args:
        test_id (str):
        b_64_encoded_external_test_id (bool | Unset):  Default: False.
        external_system (str | Unset):  Default: 'API'.
        is_external (bool | Unset):
        body (CommitteeRemoveRequest): Body not captured from the documentation; field names are
            inferred.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | OperationResult]
    """

    kwargs = _get_kwargs(
        test_id=test_id,
        body=body,
        b_64_encoded_external_test_id=b_64_encoded_external_test_id,
        external_system=external_system,
        is_external=is_external,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    test_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CommitteeRemoveRequest,
    b_64_encoded_external_test_id: bool | Unset = False,
    external_system: str | Unset = "API",
    is_external: bool | Unset = UNSET,
) -> Any | ErrorResponse | OperationResult | None:
    """Remove candidates from a committee

    Args:
        test_id (str):
        b_64_encoded_external_test_id (bool | Unset):  Default: False.
        external_system (str | Unset):  Default: 'API'.
        is_external (bool | Unset):
        body (CommitteeRemoveRequest): Body not captured from the documentation; field names are
            inferred.

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
            b_64_encoded_external_test_id=b_64_encoded_external_test_id,
            external_system=external_system,
            is_external=is_external,
        )
    ).parsed

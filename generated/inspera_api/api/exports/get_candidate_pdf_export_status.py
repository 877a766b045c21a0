from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.export_job_status import ExportJobStatus
from ...types import Response


def _get_kwargs(
    test_id: int,
    user_id: int,
    job_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/candidates/pdf/{test_id}/{user_id}/{job_id}".format(
            test_id=quote(str(test_id), safe=""),
            user_id=quote(str(user_id), safe=""),
            job_id=quote(str(job_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | ExportJobStatus | None:
    if response.status_code == 200:
        response_200 = ExportJobStatus.from_dict(response.json())

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
) -> Response[Any | ErrorResponse | ExportJobStatus]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    test_id: int,
    user_id: int,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | ErrorResponse | ExportJobStatus]:
    """Status of a candidate PDF export

    Args:
        test_id (int):
        user_id (int):
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | ExportJobStatus]
    """

    kwargs = _get_kwargs(
        test_id=test_id,
        user_id=user_id,
        job_id=job_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    test_id: int,
    user_id: int,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | ErrorResponse | ExportJobStatus | None:
    """Status of a candidate PDF export

    Args:
        test_id (int):
        user_id (int):
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | ExportJobStatus
    """

    return sync_detailed(
        test_id=test_id,
        user_id=user_id,
        job_id=job_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    test_id: int,
    user_id: int,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | ErrorResponse | ExportJobStatus]:
    """Status of a candidate PDF export

    Args:
        test_id (int):
        user_id (int):
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | ExportJobStatus]
    """

    kwargs = _get_kwargs(
        test_id=test_id,
        user_id=user_id,
        job_id=job_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    test_id: int,
    user_id: int,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | ErrorResponse | ExportJobStatus | None:
    """Status of a candidate PDF export

    Args:
        test_id (int):
        user_id (int):
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | ExportJobStatus
    """

    return (
        await asyncio_detailed(
            test_id=test_id,
            user_id=user_id,
            job_id=job_id,
            client=client,
        )
    ).parsed

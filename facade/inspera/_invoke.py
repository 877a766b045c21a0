"""The seam every facade call goes through: call a generated endpoint module, return its model or raise.

    from inspera._invoke import invoke, ainvoke
    model = invoke(client, inspera_api.api.tests.get_test, test_id=1)          # Inspera
    model = await ainvoke(client, inspera_api.api.tests.get_test, test_id=1)   # AsyncInspera

`invoke` calls `endpoint.sync_detailed(client=client.api, **kwargs)` (`ainvoke`: `asyncio_detailed`), so auth,
refresh, retries and timeouts apply. A 2xx returns the parsed model (None for operations without a body model);
anything else raises the matching `inspera.errors.APIError` subclass carrying method, path template, status,
vendor error/description and request id. Network failures raise `InsperaConnectionError` /
`InsperaTimeoutError`; a 2xx body that does not fit the model raises `UnexpectedResponseError`.

Companion hooks on both clients, for helpers built on the facade (e.g. `inspera.exports`):
`client._plain_http()` / `client._aplain_http()` return the facade-owned httpx client that sends no credentials
but shares TLS, proxy, timeout and retry settings (for signed-URL downloads; do not close it), and
`client._token_ttl()` returns the seconds the current token stays valid (None before the first exchange).
"""

from __future__ import annotations

import functools
import inspect
import json
from types import ModuleType
from typing import Any, Protocol
from urllib.parse import unquote

import httpx

from ._token import request_id
from .errors import (
    InsperaConnectionError,
    InsperaError,
    InsperaTimeoutError,
    RateLimitError,
    UnexpectedResponseError,
    error_class,
    vendor_fields,
)


class _HasApi(Protocol):
    @property
    def api(self) -> Any: ...


def invoke(client: _HasApi, endpoint: ModuleType, /, **kwargs: Any) -> Any:
    """Call `endpoint.sync_detailed` through `client.api`; return the parsed model or raise a typed error."""
    _check_arguments(endpoint, kwargs)
    try:
        response = endpoint.sync_detailed(client=client.api, **kwargs)
    except InsperaError:
        raise
    except httpx.TransportError as error:
        raise _network_error(endpoint, error) from error
    except (ValueError, KeyError, TypeError) as error:
        raise _shape_error(endpoint, error) from None
    return _result(endpoint, response)


async def ainvoke(client: _HasApi, endpoint: ModuleType, /, **kwargs: Any) -> Any:
    """Call `endpoint.asyncio_detailed` through `client.api`; return the parsed model or raise a typed error."""
    _check_arguments(endpoint, kwargs)
    try:
        response = await endpoint.asyncio_detailed(client=client.api, **kwargs)
    except InsperaError:
        raise
    except httpx.TransportError as error:
        raise _network_error(endpoint, error) from error
    except (ValueError, KeyError, TypeError) as error:
        raise _shape_error(endpoint, error) from None
    return _result(endpoint, response)


def _check_arguments(endpoint: ModuleType, kwargs: dict[str, Any]) -> None:
    """Raise TypeError for wrong argument names up front, so it is not mistaken for a malformed response."""
    build = endpoint._get_kwargs
    names = _keyword_names(build)
    if names is not None and kwargs.keys() <= names[0] and names[1] <= kwargs.keys():
        return  # the common case, decided by two set comparisons instead of a fresh signature per call
    try:
        inspect.signature(build).bind(**kwargs)
    except TypeError as error:
        raise TypeError(f"{endpoint.__name__.rsplit('.', 1)[-1]}: {error}") from None


@functools.cache
def _keyword_names(build: Any) -> tuple[frozenset[str], frozenset[str]] | None:
    """(accepted, required) keyword names of a generated `_get_kwargs`; None if its signature is not that simple."""
    parameters = inspect.signature(build).parameters.values()
    keyword = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    if any(p.kind not in keyword for p in parameters):
        return None
    return frozenset(p.name for p in parameters), frozenset(p.name for p in parameters if p.default is p.empty)


def operation_of(endpoint: ModuleType) -> tuple[str, str]:
    """(METHOD, path template in the spec's spelling, e.g. "/v1/test/{testId}") of a generated endpoint module."""
    return _operation(endpoint.__name__, endpoint)


@functools.cache
def _operation(_name: str, endpoint: ModuleType) -> tuple[str, str]:
    # Path parameters are the positional parameters of the generated _get_kwargs; placeholders with the spec's
    # camelCase names go through its own URL formatting, keyword-only ones (query/body) are not needed.
    build = endpoint._get_kwargs
    parameters = inspect.signature(build).parameters.values()
    placeholders = {
        p.name: "{" + _camel(p.name) + "}" for p in parameters if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    }
    needed = {p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is p.empty}
    spec = build(**placeholders, **dict.fromkeys(needed, _Blank()))
    return str(spec["method"]).upper(), unquote(str(spec["url"]))


class _Blank:
    """Stands in for a required body/query argument when only the method and URL are wanted."""

    value = ""

    def to_dict(self) -> dict[str, Any]:
        return {}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _result(endpoint: ModuleType, response: Any) -> Any:
    status = int(response.status_code)
    if 200 <= status < 300:
        return response.parsed
    method, path = operation_of(endpoint)
    payload: Any = None
    try:
        payload = json.loads(response.content) if response.content else None
    except ValueError:
        payload = None
    error, description = vendor_fields(payload)
    headers = response.headers if isinstance(response.headers, httpx.Headers) else httpx.Headers(response.headers)
    cls = error_class(status)
    retry_after = None
    if cls is RateLimitError:
        from ._retry import parse_retry_after

        retry_after = parse_retry_after(headers.get("Retry-After"))
    detail = ": ".join(part for part in (error, description) if part) or _reason(status)
    raise cls(
        f"{method} {path} failed with HTTP {status}: {detail}",
        method=method,
        path=path,
        status=status,
        error=error,
        description=description,
        request_id=request_id(headers),
        retry_after=retry_after,
    )


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "unknown status"


def _network_error(endpoint: ModuleType, error: httpx.TransportError) -> InsperaError:
    method, path = operation_of(endpoint)
    cls = InsperaTimeoutError if isinstance(error, httpx.TimeoutException) else InsperaConnectionError
    what = "timed out" if cls is InsperaTimeoutError else "could not complete"
    return cls(f"{method} {path} {what} ({type(error).__name__})", method=method, path=path)


def _shape_error(endpoint: ModuleType, error: Exception) -> UnexpectedResponseError:
    method, path = operation_of(endpoint)
    return UnexpectedResponseError(
        f"{method} {path}: the response body does not fit the documented model ({type(error).__name__})",
        method=method,
        path=path,
        status=200,
    )

"""The seam every facade call goes through: call a generated endpoint module, return its model or raise.

    from inspera._calls.invoke import invoke, ainvoke
    model = invoke(client, inspera_api.api.tests.get_test, test_id=1)          # Inspera
    model = await ainvoke(client, inspera_api.api.tests.get_test, test_id=1)   # AsyncInspera

A call has three phases, and each fails in its own way:

1. *build*: the generated `_get_kwargs(**kwargs)` turns the arguments into a request. Wrong argument names raise
   `TypeError` (naming the endpoint); anything else raised here is the caller's, and propagates unchanged.
2. *send*: the request goes through `client.api`'s httpx client, so auth, refresh, retries and timeouts apply.
   Network failures become `InsperaConnectionError` / `InsperaTimeoutError` (naming host:port and the reason, the
   httpx error chained) by `inspera._http.failures.send_failure`; errors of the caller's own code (an injected client's
   event hooks, a custom transport) propagate unchanged.
3. *parse*: a 2xx answer is parsed by the generated `_parse_response`; whatever that raises means the body does
   not fit the documented model and becomes `UnexpectedResponseError` (cause chained). So does a parsed answer
   holding a value its declared type does not admit (`inspera._calls.conform`: a string in an `int` field, a dict where
   `list[str]` is declared), naming the attribute path and the types, never the value. A 2xx other than the
   documented 200 (the generated parser returns None for those) is parsed as the 200 answer would be, so a call that
   returns a model never returns None for it; a body that does not fit is `UnexpectedResponseError` with the real
   status. Any other status raises the matching `inspera.errors.APIError` subclass (by class: an undocumented 4xx
   is an `APIError`, any 5xx an `InternalServerError`) carrying method, path template, the real status, vendor
   error/description and request id. An operation without a body model returns None.

Texts the server wrote (error, description, parse details) are scrubbed of the client's secrets (`client._scrub`)
before they reach an exception. A request URL that cannot be built from the arguments (too long, control
characters) is an `InvalidArgumentError`.

A closed client raises `ClientClosedError` before anything is sent (`client.api` checks).

Companion hooks on both clients, for helpers built on the facade (e.g. `inspera.exports`):
`client._plain_http()` / `client._aplain_http()` return the facade-owned httpx client that sends no credentials
but shares TLS, proxy, timeout and retry settings (for signed-URL downloads; do not close it), and
`client._token_ttl()` returns the seconds the current token stays valid (None before the first exchange).
"""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from types import ModuleType
from typing import Any, NoReturn, Protocol
from urllib.parse import unquote

import httpx

from .._auth.token import request_id
from .._http.failures import send_failure
from ..errors import (
    InsperaError,
    InvalidArgumentError,
    RateLimitError,
    UnexpectedResponseError,
    error_class,
    vendor_fields,
)
from .conform import Misfit, check_answer


class _HasApi(Protocol):
    @property
    def api(self) -> Any: ...


def invoke(client: _HasApi, endpoint: ModuleType, /, **kwargs: Any) -> Any:
    """Call `endpoint` through `client.api` with blocking I/O; return the parsed model or raise a typed error."""
    return _invoke(client, endpoint, kwargs, checked=True)


async def ainvoke(client: _HasApi, endpoint: ModuleType, /, **kwargs: Any) -> Any:
    """Call `endpoint` through `client.api` with asyncio I/O; return the parsed model or raise a typed error."""
    return await _ainvoke(client, endpoint, kwargs, checked=True)


def invoke_tolerant(client: _HasApi, endpoint: ModuleType, /, **kwargs: Any) -> Any:
    """`invoke` without the check of the parsed answer's types, for callers that read the answer into types of
    their own by rules of their own (the export drivers read job statuses field by field, odd values as None)."""
    return _invoke(client, endpoint, kwargs, checked=False)


async def ainvoke_tolerant(client: _HasApi, endpoint: ModuleType, /, **kwargs: Any) -> Any:
    """`ainvoke` without the check of the parsed answer's types (see `invoke_tolerant`)."""
    return await _ainvoke(client, endpoint, kwargs, checked=False)


def _invoke(client: _HasApi, endpoint: ModuleType, kwargs: dict[str, Any], *, checked: bool) -> Any:
    api = client.api
    request = _build(endpoint, kwargs)
    try:
        response = api.get_httpx_client().request(**request)
    except Exception as error:
        _send_failed(client, endpoint, error)
    return _result(client, api, endpoint, response, checked)


async def _ainvoke(client: _HasApi, endpoint: ModuleType, kwargs: dict[str, Any], *, checked: bool) -> Any:
    api = client.api
    request = _build(endpoint, kwargs)
    try:
        response = await api.get_async_httpx_client().request(**request)
    except Exception as error:
        _send_failed(client, endpoint, error)
    return _result(client, api, endpoint, response, checked)


def _build(endpoint: ModuleType, kwargs: dict[str, Any]) -> dict[str, Any]:
    _check_arguments(endpoint, kwargs)
    request: dict[str, Any] = endpoint._get_kwargs(**kwargs)
    return request


def _send_failed(client: _HasApi, endpoint: ModuleType, error: Exception) -> NoReturn:
    """Raise what a failed send means: our own errors and the caller's as they are, network failures typed."""
    failure = None if isinstance(error, InsperaError) else _failure(client, endpoint, error)
    if failure is None:
        raise error
    raise failure from error


def _failure(client: _HasApi, endpoint: ModuleType, error: Exception) -> InsperaError | None:
    method, path = operation_of(endpoint)
    if isinstance(error, httpx.InvalidURL):
        return InvalidArgumentError(f"{method} {path}: the request URL cannot be built from these arguments ({error})")
    return send_failure(error, method=method, path=path, url=getattr(client, "base_url", None), scrub=_scrubber(client))


def _scrubber(client: _HasApi) -> Callable[[str], str]:
    scrub: Callable[[str], str] | None = getattr(client, "_scrub", None)
    return scrub if scrub is not None else _same


def _same(text: str) -> str:
    return text


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


def _result(client: _HasApi, api: Any, endpoint: ModuleType, response: httpx.Response, checked: bool) -> Any:
    status = response.status_code
    if status == 200:
        try:
            result = endpoint._parse_response(client=api, response=response)
        except Exception as error:  # generated parsing of server data: any failure means the body does not fit
            raise _shape_error(client, endpoint, status, error) from error
        if checked:
            _conforms(endpoint, status, result)
        return result
    if 200 < status < 300:
        return _parse_as_200(client, api, endpoint, response, checked)
    raise _status_error(client, endpoint, response)


def _parse_as_200(client: _HasApi, api: Any, endpoint: ModuleType, response: httpx.Response, checked: bool) -> Any:
    """Parse an undocumented 2xx (201, 202, 204, ...) as the documented 200 answer; the real status in any error.

    The spec documents 200 only, so the generated parser would return None for these; an operation whose 200 has
    no body model still returns None.
    """
    status = response.status_code
    response.status_code = 200
    try:
        result = endpoint._parse_response(client=api, response=response)
    except Exception as error:
        raise _shape_error(client, endpoint, status, error) from error
    finally:
        response.status_code = status
    if checked:
        _conforms(endpoint, status, result)
    return result


def _conforms(endpoint: ModuleType, status: int, result: Any) -> None:
    """Raise UnexpectedResponseError when a parsed answer holds a value its declared type does not admit."""
    try:
        check_answer(endpoint._parse_response, result)
    except Misfit as misfit:
        method, path = operation_of(endpoint)
        # The path and the types only: the value may be anything the server chose to send, a secret included.
        raise UnexpectedResponseError(
            f"{method} {path}: the HTTP {status} body does not fit the documented model ({misfit})",
            method=method,
            path=path,
            status=status,
        ) from None


def _status_error(client: _HasApi, endpoint: ModuleType, response: httpx.Response) -> InsperaError:
    status = response.status_code
    method, path = operation_of(endpoint)
    payload: Any = None
    try:
        payload = json.loads(response.content) if response.content else None
    except (ValueError, RecursionError):  # not JSON (or nested beyond the parser's depth): no vendor fields
        payload = None
    clean = _scrubber(client)
    error, description = (None if part is None else clean(part) for part in vendor_fields(payload))
    headers = response.headers
    cls = error_class(status)
    retry_after = None
    if cls is RateLimitError:
        from .._http.retry import honoured_retry_after

        retry_after = honoured_retry_after(headers.get("Retry-After"))
    detail = _shortened(": ".join(part for part in (error, description) if part)) or _reason(status)
    return cls(
        f"{method} {path} failed with HTTP {status}: {detail}",
        method=method,
        path=path,
        status=status,
        error=error,
        description=description,
        request_id=request_id(headers),
        retry_after=retry_after,
    )


def _shortened(text: str, limit: int = 1000) -> str:
    """A vendor text short enough for an exception message (the attributes keep all of it)."""
    return text if len(text) <= limit else text[:limit] + f"... ({len(text) - limit} more characters)"


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "unknown status"


def _shape_error(client: _HasApi, endpoint: ModuleType, status: int, error: Exception) -> UnexpectedResponseError:
    from .._http.redact import redact_text

    method, path = operation_of(endpoint)
    if isinstance(error, RecursionError):
        detail = "JSON nested too deeply"
    else:
        detail = redact_text(_scrubber(client)(" ".join(str(error)[:2000].split())))[:200]
    return UnexpectedResponseError(
        f"{method} {path}: the HTTP {status} body does not fit the documented model "
        f"({type(error).__name__}{': ' + detail if detail else ''})",
        method=method,
        path=path,
        status=status,
    )

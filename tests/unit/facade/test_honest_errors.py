"""Errors say what really happened: only parsing a 2xx body is an UnexpectedResponseError; user code and settings
keep their own errors; network failures name host:port and the reason; a closed client raises an InsperaError."""

from __future__ import annotations

import math
import socket
import ssl
from typing import Any

import httpcore
import httpx
import pytest
from inspera import (
    AsyncInspera,
    ClientClosedError,
    ConfigurationError,
    Inspera,
    InsperaConnectionError,
    InsperaError,
    InsperaTimeoutError,
    UnexpectedResponseError,
)
from inspera._http.failures import send_failure

from .fakes import API_KEY, BASE_URL, CLIENT_ID, FakeInspera, make_client, resolve


class HookFailed(Exception):
    pass


def _failing_hook(request: httpx.Request) -> None:
    raise HookFailed("the caller's own hook")


async def _async_failing_hook(request: httpx.Request) -> None:
    raise HookFailed("the caller's own hook")


async def test_an_event_hook_error_of_an_injected_client_stays_what_it_is(mode: str, fake: FakeInspera) -> None:
    transport = httpx.MockTransport(fake.handle)
    client: Inspera | AsyncInspera
    if mode == "sync":
        http = httpx.Client(transport=transport, event_hooks={"request": [_failing_hook]})
        client = Inspera(CLIENT_ID, API_KEY, base_url=BASE_URL, http_client=http)
    else:
        ahttp = httpx.AsyncClient(transport=transport, event_hooks={"request": [_async_failing_hook]})
        client = AsyncInspera(CLIENT_ID, API_KEY, base_url=BASE_URL, http_client=ahttp)
    with pytest.raises(HookFailed):
        await resolve(client.tests.get(7))


@pytest.mark.parametrize("exception", [ValueError("bad value"), KeyError("k"), TypeError("t")])
async def test_an_error_raised_while_sending_is_never_reported_as_a_malformed_response(
    mode: str, fake: FakeInspera, exception: Exception
) -> None:
    fake.script("GET", r"/v1/test/7$", exception)  # raised by the transport: not a network failure
    client = make_client(mode, fake)
    with pytest.raises(type(exception)) as caught:
        await resolve(client.tests.get(7))
    assert not isinstance(caught.value, UnexpectedResponseError)


@pytest.mark.parametrize(("body", "cause"), [("{not json", ValueError), ("[1, 2]", Exception), ('"text"', Exception)])
async def test_a_2xx_body_that_does_not_parse_is_an_unexpected_response_with_its_cause(
    mode: str, fake: FakeInspera, body: str, cause: type[Exception]
) -> None:
    fake.route("GET", "/v1/test/7", lambda _: httpx.Response(200, text=body))
    client = make_client(mode, fake)
    with pytest.raises(UnexpectedResponseError) as caught:
        await resolve(client.tests.get(7))
    error = caught.value
    assert (error.method, error.path, error.status) == ("GET", "/v1/test/{testId}", 200)
    assert isinstance(error.__cause__, cause)
    assert "HTTP 200 body does not fit the documented model" in str(error)


@pytest.mark.parametrize(
    "timeout", ["30", -1, True, math.nan, math.inf, [5], httpx.Timeout(5.0, read=-2), httpx.Timeout("x")]  # type: ignore[arg-type]
)
def test_a_timeout_that_is_not_seconds_fails_at_construction(timeout: Any) -> None:
    for cls in (Inspera, AsyncInspera):
        with pytest.raises(ConfigurationError, match="timeout"):
            cls(CLIENT_ID, API_KEY, base_url=BASE_URL, timeout=timeout)


@pytest.mark.parametrize("timeout", [0, 2, 2.5, httpx.Timeout(None), httpx.Timeout(3.0, connect=1.0)])
def test_good_timeouts_are_taken(timeout: Any) -> None:
    with Inspera(CLIENT_ID, API_KEY, base_url=BASE_URL, timeout=timeout) as client:
        assert isinstance(client.timeout, httpx.Timeout)


@pytest.mark.parametrize("retries", ["3", -1, True, 1.5])
def test_max_retries_that_is_not_a_count_fails_at_construction(retries: Any) -> None:
    with pytest.raises(ConfigurationError, match="max_retries"):
        Inspera(CLIENT_ID, API_KEY, base_url=BASE_URL, max_retries=retries)


def test_an_http_client_of_the_wrong_kind_fails_at_construction() -> None:
    with httpx.Client() as sync_http, pytest.raises(ConfigurationError, match=r"AsyncInspera needs an httpx\.Async"):
        AsyncInspera(CLIENT_ID, API_KEY, base_url=BASE_URL, http_client=sync_http)  # type: ignore[arg-type]
    async_http = httpx.AsyncClient()
    with pytest.raises(ConfigurationError, match=r"Inspera needs an httpx\.Client"):
        Inspera(CLIENT_ID, API_KEY, base_url=BASE_URL, http_client=async_http)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match=r"http_client must be an httpx\.Client"):
        Inspera(CLIENT_ID, API_KEY, base_url=BASE_URL, http_client=object())  # type: ignore[arg-type]


@pytest.mark.filterwarnings("ignore:`verify=<str>` is deprecated:DeprecationWarning")
def test_a_missing_ca_file_fails_at_construction(tmp_path: Any) -> None:
    with pytest.raises(ConfigurationError, match="HTTP transport") as caught:
        Inspera(CLIENT_ID, API_KEY, base_url=BASE_URL, verify=str(tmp_path / "missing-ca.pem"))
    assert isinstance(caught.value.__cause__, OSError)


async def test_every_use_of_a_closed_client_raises_client_closed_error(mode: str, fake: FakeInspera) -> None:
    client = make_client(mode, fake)
    if isinstance(client, AsyncInspera):
        await client.aclose()
        await client.aclose()  # closing twice is harmless
    else:
        client.close()
        client.close()
    assert client.is_closed and "closed" in repr(client)
    with pytest.raises(ClientClosedError) as caught:
        await resolve(client.tests.get(7))
    assert isinstance(caught.value, InsperaError) and isinstance(caught.value, RuntimeError)
    with pytest.raises(ClientClosedError):
        await resolve(client.authenticate())
    with pytest.raises(ClientClosedError):
        client.api  # noqa: B018 - the property is what raises
    with pytest.raises(ClientClosedError):
        client.with_options(timeout=1)
    with pytest.raises(ClientClosedError):
        await resolve(client.exports.results(7))
    assert fake.requests == []


def _chain(top: httpx.RequestError, *causes: BaseException) -> httpx.RequestError:
    """`top` raised from the httpcore error raised from the lowest cause, as httpx and httpcore chain them."""
    lowest: BaseException | None = None
    for cause in reversed(causes):
        if lowest is not None:
            cause.__cause__ = lowest
        lowest = cause
    top.__cause__ = lowest
    top.request = httpx.Request("GET", "https://acme.inspera.no/api/v1/test/7", extensions={
        "timeout": {"connect": 10.0, "read": 30.0, "write": 30.0, "pool": 30.0}})
    return top


@pytest.mark.parametrize(
    ("error", "cls", "sentence"),
    [
        (_chain(httpx.ConnectError("x"), httpcore.ConnectError("x"), ConnectionRefusedError(111, "Connection refused")),
         InsperaConnectionError, "could not connect to acme.inspera.no:443: connection refused"),
        (_chain(httpx.ConnectError("x"), httpcore.ConnectError("x"), socket.gaierror(-2, "Name or service not known")),
         InsperaConnectionError, "could not connect to acme.inspera.no:443: DNS lookup failed: Name or service"),
        (_chain(httpx.ConnectError("x"), httpcore.ConnectError("x"), OSError("All connection attempts failed"),
                ExceptionGroup("attempts", [ConnectionRefusedError(111, "Connection refused")])),
         InsperaConnectionError, "could not connect to acme.inspera.no:443: connection refused"),
        (_chain(httpx.ConnectError("x"), httpcore.ConnectError("x"), ssl.SSLError(1, "WRONG_VERSION_NUMBER")),
         InsperaConnectionError, "could not connect to acme.inspera.no:443: TLS handshake failed"),
        (_chain(httpx.ConnectTimeout("x"), httpcore.ConnectTimeout("x")),
         InsperaTimeoutError, "timed out connecting to acme.inspera.no:443 after 10 s"),
        (_chain(httpx.ReadTimeout("x"), httpcore.ReadTimeout("x")),
         InsperaTimeoutError, "timed out waiting for acme.inspera.no:443 to answer after 30 s"),
        (_chain(httpx.PoolTimeout("x")), InsperaTimeoutError, "timed out waiting for a free connection"),
        (_chain(httpx.ReadError("x"), httpcore.ReadError("x"), ConnectionResetError(104, "Connection reset by peer")),
         InsperaConnectionError, "lost the connection to acme.inspera.no:443 while reading the answer: connection"),
        (_chain(httpx.RemoteProtocolError("Server disconnected without sending a response.")),
         InsperaConnectionError, "got no valid HTTP answer from acme.inspera.no:443: Server disconnected"),
    ],
)
def test_network_failures_name_the_server_and_the_reason(
    error: httpx.RequestError, cls: type[InsperaConnectionError], sentence: str
) -> None:
    failure = send_failure(error, method="GET", path="/v1/test/{testId}")
    assert type(failure) is cls
    assert str(failure).startswith(f"GET /v1/test/{{testId}} {sentence}")
    assert (failure.host, failure.port) == ("acme.inspera.no", 443)
    assert failure.reason


def test_a_certificate_verification_failure_is_named_as_such() -> None:
    cause = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    cause.verify_message = "self-signed certificate"
    error = _chain(httpx.ConnectError("x"), httpcore.ConnectError("x"), cause)
    failure = send_failure(error, method="GET", path="/v1/test/{testId}")
    assert isinstance(failure, InsperaConnectionError)
    assert failure.reason == "TLS certificate verification failed: self-signed certificate"


def test_errors_that_are_not_network_failures_are_not_translated() -> None:
    for error in (ValueError("x"), RuntimeError("x"), KeyError("x"), HookFailed("x")):
        assert send_failure(error, method="GET", path="/v1/test/{testId}") is None


def test_an_error_without_its_request_names_the_fallback_url() -> None:
    failure = send_failure(httpx.ConnectError("refused"), method="GET", path="/p", url="http://127.0.0.1:9/api")
    assert failure is not None and "127.0.0.1:9" in str(failure)

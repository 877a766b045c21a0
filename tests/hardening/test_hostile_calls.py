"""Facade calls and the token exchange against a broken server: every failure is one specific InsperaError.

Each case answers `GET /v1/test/7` (or the token exchange) with something a misbehaving proxy, storage host or
vendor bug could send, for `Inspera` and `AsyncInspera`, and asserts the exact error class and status; the secret
guard (tests/support/secret_guard.py) fails any case whose messages or logs carry the key, the token or the URL
signature. Answers are read with `max_response_bytes=1 MiB`, so the size cases stay small.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from inspera.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    InsperaConnectionError,
    InsperaError,
    InternalServerError,
    InvalidArgumentError,
    RateLimitError,
    ResponseTooLargeError,
    UnexpectedResponseError,
)

from tests.hardening.hostile import API_KEY, TEST, TOKEN, HostileServer, Request, Side, Wire, deep, endless, gzip_bomb

pytestmark = pytest.mark.timeout(60)

TEST_7 = r"^/api/v1/test/7$"
TOKEN_PATH = r"^/api/authenticate/token/?$"
LIMIT = 1 << 20
Handler = Callable[[Request, Wire], None]


def answer(status: int, body: bytes = b"", **options: Any) -> Handler:
    return lambda _request, wire: wire.answer(status, body, **options)


# (case, handler, error class, the error's status)
CASES: list[tuple[str, Handler, type[InsperaError], int | None]] = [
    ("broken gzip", answer(200, b"not gzip at all", headers={"Content-Encoding": "gzip"}), InsperaConnectionError,
     None),
    ("broken deflate", answer(200, b"\x00\x01garbage", headers={"Content-Encoding": "deflate"}),
     InsperaConnectionError, None),
    ("arrays nested 100,000 deep", answer(200, deep(100_000)), UnexpectedResponseError, 200),
    ("objects nested 100,000 deep", answer(200, deep(100_000, b'{"a":')), UnexpectedResponseError, 200),
    ("error body nested 100,000 deep", answer(500, deep(100_000)), InternalServerError, 500),
    ("4xx body nested 100,000 deep", answer(400, deep(100_000)), BadRequestError, 400),
    ("a 5,000-digit integer", answer(200, b'{"assessmentRunId": ' + b"9" * 5000 + b"}"), UnexpectedResponseError,
     200),
    ("a date in the year 99999", answer(200, b'{"startTime": "99999-01-01T00:00:00Z"}'), UnexpectedResponseError,
     200),
    ("a number where a date goes", answer(200, b'{"startTime": 1e999}'), UnexpectedResponseError, 200),
    ("not JSON", answer(200, b"<html>proxy error</html>", content_type="text/html"), UnexpectedResponseError, 200),
    ("204 without a body", answer(204), UnexpectedResponseError, 204),
    ("299 with a body that does not fit", answer(299, b"[1, 2]"), UnexpectedResponseError, 299),
    ("418", answer(418, b'{"error": "teapot"}'), APIError, 418),
    ("451", answer(451), APIError, 451),
    ("499", answer(499, b"{}"), APIError, 499),
    ("599", answer(599), InternalServerError, 599),
    ("999", answer(999), APIError, 999),
    ("302 (API calls follow no redirect)", answer(302, headers={"Location": "/api/v1/test/1"}), APIError, 302),
    ("announces 10 GB", answer(200, b" " * 200_000, length=10**10), ResponseTooLargeError, 200),
    ("an endless chunked body", lambda _r, w: w.chunked(200, endless()), ResponseTooLargeError, 200),
    ("a gzip bomb (256 MiB of zeros)",
     answer(200, gzip_bomb(256 << 20), headers={"Content-Encoding": "gzip"}), ResponseTooLargeError, 200),
    ("an endless error body", lambda _r, w: w.chunked(500, endless()), ResponseTooLargeError, 500),
    ("a header line h11 refuses", lambda _r, w: w.send(b"HTTP/1.1 200 OK\r\nno colon here " + API_KEY.encode()
                                                        + b"\r\n\r\n"), InsperaConnectionError, None),
    ("a status line h11 refuses", lambda _r, w: w.send(b"HTTP/1.1 2OO OK\r\n\r\n"), InsperaConnectionError, None),
]


@pytest.mark.parametrize(("case", "handler", "error", "status"), CASES, ids=[case[0] for case in CASES])
def test_every_broken_answer_is_one_typed_error(
    side: Callable[..., Side],
    server: HostileServer,
    case: str,
    handler: Handler,
    error: type[InsperaError],
    status: int | None,
) -> None:
    server.route("GET", TEST_7, handler)
    client = side(max_response_bytes=LIMIT)
    with pytest.raises(InsperaError) as caught:
        client.run(client.client.tests.get(7))
    assert type(caught.value) is error, f"{case}: {type(caught.value).__name__}: {caught.value}"
    assert getattr(caught.value, "status", None) == status
    assert "GET /v1/test/{testId}" in str(caught.value)
    if error is ResponseTooLargeError:
        assert caught.value.limit == LIMIT and "max_response_bytes" in str(caught.value)  # type: ignore[attr-defined]
    # The same server keeps answering well-formed calls afterwards (the connection was not left broken).
    server.route("GET", TEST_7, answer(200, json.dumps(TEST).encode()))
    assert client.run(client.client.tests.get(7)).title == TEST["title"]


@pytest.mark.parametrize("status", [201, 202, 203, 206, 299])
def test_an_undocumented_2xx_that_fits_is_parsed_never_none(
    side: Callable[..., Side], server: HostileServer, status: int
) -> None:
    server.route("GET", TEST_7, answer(status, json.dumps(TEST).encode()))
    client = side()
    assert client.run(client.client.tests.get(7)).title == TEST["title"]
    from inspera_api.api.tests import get_test

    assert client.run(client.client.call(get_test, test_id=7)).title == TEST["title"]


def test_an_operation_without_a_model_still_returns_none_for_any_2xx(
    side: Callable[..., Side], server: HostileServer
) -> None:
    server.route("POST", r"^/api/v1/test/7/activate$", answer(204))
    client = side()
    assert client.run(client.client.tests.activate(7)) is None


def test_a_url_that_cannot_be_built_is_an_argument_error(side: Callable[..., Side]) -> None:
    client = side()
    with pytest.raises(InvalidArgumentError, match="request URL cannot be built"):
        client.run(client.client.users.find_by_external_id("FEIDE", "x" * 70_000))


@pytest.mark.parametrize(
    ("header", "expected"),
    [("100000", 60.0), ("inf", 60.0), ("nan", None), ("-5", 0.0), ("soon", None),
     ("Fri, 31 Dec 9999 23:59:59 GMT", 60.0), ("12.5", 12.5)],
)
def test_rate_limit_retry_after_is_the_capped_value_the_client_would_honour(
    side: Callable[..., Side], server: HostileServer, header: str, expected: float | None
) -> None:
    server.route("GET", TEST_7, answer(429, headers={"Retry-After": header}))
    client = side(limit_wait=0)
    with pytest.raises(RateLimitError) as caught:
        client.run(client.client.tests.get(7))
    assert caught.value.retry_after == expected and caught.value.status == 429


def echo(status: int) -> Handler:
    """An error answer that quotes the request's credentials back, in the body and in the reason phrase."""

    def handler(request: Request, wire: Wire) -> None:
        token = request.headers.get("authorization", "")[len("Bearer "):]
        quoted = f"got Authorization {request.headers.get('authorization')} and code {request.headers.get('code')}"
        body = {"error": f"bad request for {token or API_KEY}", "description": quoted, "message": API_KEY}
        wire.answer(status, json.dumps(body).encode(), reason=f"Bad {token} {API_KEY}")

    return handler


def test_echoed_credentials_stay_out_of_api_errors_and_logs(
    side: Callable[..., Side], server: HostileServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server.route("GET", TEST_7, echo(400))
    client = side()
    with pytest.raises(BadRequestError) as caught:
        client.run(client.client.tests.get(7))
    error = caught.value
    texts = [str(error), repr(error), str(error.error), str(error.description)]
    texts += [record.getMessage() for record in caplog.records]
    assert "REDACTED" in str(error) and "got Authorization Bearer REDACTED" in str(error.description)
    assert not [text for text in texts if TOKEN in text or API_KEY in text]


def test_echoed_credentials_stay_out_of_parse_errors(side: Callable[..., Side], server: HostileServer) -> None:
    server.route("GET", TEST_7, answer(200, json.dumps({"startTime": f"{TOKEN} {API_KEY}"}).encode()))
    client = side()
    with pytest.raises(UnexpectedResponseError) as caught:
        client.run(client.client.tests.get(7))
    assert TOKEN not in str(caught.value) and API_KEY not in str(caught.value) and "REDACTED" in str(caught.value)


def test_a_failed_exchange_that_echoes_the_key_does_not_repeat_it(
    side: Callable[..., Side], server: HostileServer
) -> None:
    server.route("POST", TOKEN_PATH, echo(401))
    client = side()
    with pytest.raises(AuthenticationError) as caught:
        client.run(client.client.tests.get(7))
    assert caught.value.status == 401 and "token exchange failed with HTTP 401" in str(caught.value)
    assert API_KEY not in f"{caught.value} {caught.value!r} {caught.value.description} {caught.value.error}"


EXCHANGE_CASES: list[tuple[str, Handler, type[InsperaError]]] = [
    ("broken gzip", answer(200, b"not gzip", headers={"Content-Encoding": "gzip"}), InsperaConnectionError),
    ("an endless body", lambda _r, w: w.chunked(200, endless()), ResponseTooLargeError),
    ("JSON nested 100,000 deep", answer(200, deep(100_000)), AuthenticationError),
    ("expires_in beyond any float", answer(200, b'{"access_token": "t0k3n-abcdefgh", "expires_in": 1'
                                            + b"0" * 400 + b"}"), AuthenticationError),
    ("expires_in infinite", answer(200, b'{"access_token": "t0k3n-abcdefgh", "expires_in": 1e999}'),
     AuthenticationError),
    ("expires_in NaN", answer(200, b'{"access_token": "t0k3n-abcdefgh", "expires_in": NaN}'), AuthenticationError),
    ("a list instead of an object", answer(200, b"[1, 2, 3]"), AuthenticationError),
    ("599", answer(599), AuthenticationError),
    ("a redirect", answer(307, headers={"Location": "https://elsewhere.example/token"}), AuthenticationError),
]


@pytest.mark.parametrize(("case", "handler", "error"), EXCHANGE_CASES, ids=[c[0] for c in EXCHANGE_CASES])
def test_a_broken_token_exchange_is_one_typed_error_naming_the_exchange(
    side: Callable[..., Side], server: HostileServer, case: str, handler: Handler, error: type[InsperaError]
) -> None:
    server.route("POST", TOKEN_PATH, handler)
    client = side(max_response_bytes=LIMIT)
    with pytest.raises(InsperaError) as caught:
        client.run(client.client.authenticate())
    assert type(caught.value) is error, f"{case}: {type(caught.value).__name__}: {caught.value}"
    assert getattr(caught.value, "path", None) == "/authenticate/token/"
    with pytest.raises(error):  # and through a call, which needs the token first
        client.run(client.client.tests.get(7))

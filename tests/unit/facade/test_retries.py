"""Retry behaviour of both clients: which failures are retried, how long they wait, what finally surfaces."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest
from inspera import InsperaConnectionError, InsperaTimeoutError, RateLimitError
from inspera._http.retry import RetryPolicy, parse_retry_after
from inspera.errors import InternalServerError

from .fakes import FakeInspera, Sleeps, close, make_client, resolve


def _created(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"assessmentRunId": 9})


async def test_get_is_retried_after_503_with_backoff(client: Any, fake: FakeInspera, sleeps: Sleeps) -> None:
    fake.script("GET", r"/v1/test/7$", httpx.Response(503), httpx.Response(502))
    result = await resolve(client.tests.get(7))
    assert result.assessment_run_id == 7
    assert fake.count("GET", "/api/v1/test/7") == 3
    assert 0.375 <= sleeps.calls[0] <= 0.5 and 0.75 <= sleeps.calls[1] <= 1.0


async def test_retry_after_seconds_is_honoured(client: Any, fake: FakeInspera, sleeps: Sleeps) -> None:
    fake.script("GET", r"/v1/test/7$", httpx.Response(429, headers={"Retry-After": "3"}))
    await resolve(client.tests.get(7))
    assert sleeps.calls == [3.0]


async def test_retry_after_is_capped(client: Any, fake: FakeInspera, sleeps: Sleeps) -> None:
    fake.script("GET", r"/v1/test/7$", httpx.Response(503, headers={"Retry-After": "7200"}))
    await resolve(client.tests.get(7))
    assert sleeps.calls == [60.0]


async def test_limit_refusals_surface_once_limit_wait_is_spent(mode: str, fake: FakeInspera, sleeps: Sleeps) -> None:
    # 429 is Inspera's concurrency limit: resent regardless of max_retries until limit_wait seconds were slept.
    client = make_client(mode, fake, sleeps=sleeps, limit_wait=2.0)
    fake.script("GET", r"/v1/test/7$", *[httpx.Response(429, headers={"Retry-After": "1"})] * 3)
    try:
        with pytest.raises(RateLimitError) as caught:
            await resolve(client.tests.get(7))
    finally:
        await close(client)
    assert caught.value.retry_after == 1.0
    assert fake.count("GET", "/api/v1/test/7") == 3
    assert sleeps.calls == [1.0, 1.0]


async def test_post_is_not_retried_on_a_plain_503(client: Any, fake: FakeInspera) -> None:
    fake.route("POST", "/v1/test", _created)
    fake.script("POST", r"/v1/test$", httpx.Response(503))
    with pytest.raises(InternalServerError):
        await resolve(client.tests.create_or_update({"externalTestId": "EX-1", "title": "Exam"}))
    assert fake.count("POST", "/api/v1/test") == 1


async def test_post_is_retried_on_503_with_retry_after(client: Any, fake: FakeInspera, sleeps: Sleeps) -> None:
    fake.route("POST", "/v1/test", _created)
    fake.script("POST", r"/v1/test$", httpx.Response(503, headers={"Retry-After": "2"}))
    created = await resolve(client.tests.create_or_update({"externalTestId": "EX-1", "title": "Exam"}))
    assert created is not None
    assert fake.count("POST", "/api/v1/test") == 2 and sleeps.calls == [2.0]


async def test_post_is_not_retried_after_an_ambiguous_drop(client: Any, fake: FakeInspera) -> None:
    fake.route("POST", "/v1/test", _created)
    fake.script("POST", r"/v1/test$", httpx.RemoteProtocolError("server closed the connection"))
    with pytest.raises(InsperaConnectionError) as caught:
        await resolve(client.tests.create_or_update({"externalTestId": "EX-1", "title": "Exam"}))
    assert (caught.value.method, caught.value.path) == ("POST", "/v1/test")
    assert fake.count("POST", "/api/v1/test") == 1


async def test_post_is_retried_when_the_connection_never_opened(client: Any, fake: FakeInspera) -> None:
    fake.route("POST", "/v1/test", _created)
    fake.script("POST", r"/v1/test$", httpx.ConnectError("refused"))
    await resolve(client.tests.create_or_update({"externalTestId": "EX-1", "title": "Exam"}))
    assert fake.count("POST", "/api/v1/test") == 2


async def test_get_connection_failures_surface_after_the_retries(client: Any, fake: FakeInspera) -> None:
    fake.script("GET", r"/v1/test/7$", *[httpx.ReadError("reset")] * 3)
    with pytest.raises(InsperaConnectionError) as caught:
        await resolve(client.tests.get(7))
    assert not isinstance(caught.value, InsperaTimeoutError)
    assert fake.count("GET", "/api/v1/test/7") == 3


async def test_timeouts_surface_as_timeout_errors(client: Any, fake: FakeInspera) -> None:
    fake.script("GET", r"/v1/test/7$", *[httpx.ReadTimeout("slow")] * 3)
    with pytest.raises(InsperaTimeoutError, match=r"GET /v1/test/\{testId\} timed out"):
        await resolve(client.tests.get(7))


async def test_max_retries_zero_disables_retries(mode: str, fake: FakeInspera) -> None:
    client = make_client(mode, fake, max_retries=0)
    fake.script("GET", r"/v1/test/7$", httpx.Response(503))
    try:
        with pytest.raises(InternalServerError):
            await resolve(client.tests.get(7))
    finally:
        await close(client)
    assert fake.count("GET", "/api/v1/test/7") == 1


def test_retry_after_parses_seconds_and_http_dates() -> None:
    now = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert parse_retry_after("12", lambda: now.timestamp()) == 12.0
    assert parse_retry_after(later, lambda: now.timestamp()) == pytest.approx(30.0)
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", lambda: now.timestamp()) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


@pytest.mark.parametrize(
    ("method", "outcome", "retried"),
    [
        ("GET", httpx.Response(500), True),
        ("GET", httpx.Response(501), False),
        ("GET", httpx.Response(404), False),
        ("GET", httpx.Response(408), True),
        ("DELETE", httpx.Response(502), True),
        ("POST", httpx.Response(429), False),
        ("POST", httpx.Response(429, headers={"Retry-After": "1"}), True),
        ("POST", httpx.Response(500, headers={"Retry-After": "1"}), False),
        ("POST", httpx.ConnectTimeout("t"), True),
        ("POST", httpx.ReadTimeout("t"), False),
        ("GET", httpx.ReadTimeout("t"), True),
    ],
)
def test_retry_decisions(method: str, outcome: httpx.Response | httpx.TransportError, retried: bool) -> None:
    policy = RetryPolicy(max_retries=2, rand=lambda: 0.0)
    assert (policy.delay(method, 0, outcome) is not None) is retried
    assert policy.delay(method, 2, outcome) is None


def test_backoff_grows_exponentially_with_bounded_jitter() -> None:
    assert RetryPolicy(rand=lambda: 0.0).backoff(3) == 4.0
    assert RetryPolicy(rand=lambda: 1.0).backoff(3) == 3.0
    assert RetryPolicy(rand=lambda: 0.0).backoff(10) == 8.0

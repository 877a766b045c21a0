"""Token exchange, proactive refresh, replay after 401 and single-flight refresh, for both clients."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest
from inspera import AsyncInspera, AuthenticationError, Inspera

from .fakes import API_KEY, FakeInspera, ManualClock, Sleeps, close, make_client, resolve


async def test_exchange_is_sent_as_documented(client: Any, fake: FakeInspera) -> None:
    info = await resolve(client.authenticate())
    (request,) = fake.requests
    assert request.method == "POST"
    assert request.url.path == "/api/authenticate/token/"
    assert dict(request.url.params) == {"grant_type": "authorization_code", "client_id": "acme"}
    assert request.headers["code"] == API_KEY
    assert "authorization" not in request.headers
    assert request.content == b""
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert info.expires_in == 3600
    assert "tok-" not in repr(info) and API_KEY not in repr(client) and API_KEY not in repr(info)


async def test_calls_carry_the_bearer_token_and_reuse_it(client: Any, fake: FakeInspera) -> None:
    await resolve(client.tests.get(7))
    await resolve(client.tests.get(7))
    assert fake.exchanges == 1
    gets = [r for r in fake.requests if r.method == "GET"]
    assert all(r.headers["Authorization"] == gets[0].headers["Authorization"] for r in gets)
    assert gets[0].headers["Authorization"].startswith("Bearer tok-")


async def test_proactive_refresh_five_minutes_before_a_one_hour_expiry(
    client: Any, fake: FakeInspera, clock: ManualClock
) -> None:
    await resolve(client.tests.get(7))
    clock.advance(3600 - 301)
    await resolve(client.tests.get(7))
    assert fake.exchanges == 1
    clock.advance(2)
    await resolve(client.tests.get(7))
    assert fake.exchanges == 2


async def test_short_tokens_get_a_proportionally_short_skew(mode: str, clock: ManualClock) -> None:
    fake = FakeInspera(expires_in=2)
    fake.test_route()
    client = make_client(mode, fake, clock=clock)
    try:
        await resolve(client.tests.get(7))
        clock.advance(1.7)  # skew for a 2 s token is 2/12 s, so the token is still fresh
        await resolve(client.tests.get(7))
        assert fake.exchanges == 1
        clock.advance(0.2)
        await resolve(client.tests.get(7))
        assert fake.exchanges == 2
        assert client._token_ttl() == pytest.approx(2.0)
    finally:
        await close(client)


async def test_a_refused_token_is_replaced_and_the_request_replayed_once(client: Any, fake: FakeInspera) -> None:
    await resolve(client.tests.get(7))
    fake.expire_all()
    result = await resolve(client.tests.get(7))
    assert result.assessment_run_id == 7
    assert fake.exchanges == 2
    assert fake.count("GET", "/api/v1/test/7") == 3


async def test_a_second_401_surfaces_as_authentication_error(client: Any, fake: FakeInspera) -> None:
    fake.script("GET", r"/v1/test/7$", httpx.Response(401), httpx.Response(401, headers={"x-request-id": "r-1"}))
    with pytest.raises(AuthenticationError) as caught:
        await resolve(client.tests.get(7))
    error = caught.value
    assert (error.status, error.method, error.path, error.request_id) == (401, "GET", "/v1/test/{testId}", "r-1")
    assert fake.count("GET", "/api/v1/test/7") == 2


async def test_invalid_key_is_an_authentication_error_without_the_key(mode: str) -> None:
    fake = FakeInspera()
    fake.script("POST", "/authenticate/token/", httpx.Response(401, json={"error": "invalid_grant"}))
    client = make_client(mode, fake)
    try:
        with pytest.raises(AuthenticationError) as caught:
            await resolve(client.tests.get(7))
    finally:
        await close(client)
    assert caught.value.error == "invalid_grant"
    assert caught.value.status == 401
    assert API_KEY not in str(caught.value) and API_KEY not in repr(caught.value)


async def test_409_multiple_tokens_is_retried_with_backoff(client: Any, fake: FakeInspera, sleeps: Sleeps) -> None:
    conflict = {"error": "Multiple tokens for user", "description": "Please contact inspera support"}
    fake.script("POST", "/authenticate/token/", httpx.Response(409, json=conflict), httpx.Response(409, json=conflict))
    await resolve(client.tests.get(7))
    assert fake.count("POST", "/api/authenticate/token/") == 3
    assert len(sleeps.calls) == 2 and sleeps.calls[1] > sleeps.calls[0] * 0.9


async def test_persistent_409_surfaces_with_vendor_fields(client: Any, fake: FakeInspera) -> None:
    conflict = {"error": "Multiple tokens for user", "description": "Please contact inspera support"}
    fake.script("POST", "/authenticate/token/", *[httpx.Response(409, json=conflict)] * 10)
    with pytest.raises(AuthenticationError) as caught:
        await resolve(client.authenticate())
    assert (caught.value.status, caught.value.error) == (409, "Multiple tokens for user")
    assert caught.value.description == "Please contact inspera support"
    assert fake.count("POST", "/api/authenticate/token/") == 5


async def test_exchange_answer_without_a_token_is_an_authentication_error(client: Any, fake: FakeInspera) -> None:
    fake.script("POST", "/authenticate/token/", httpx.Response(200, json={"expires_in": 3600}))
    with pytest.raises(AuthenticationError, match="without a usable access_token"):
        await resolve(client.authenticate())


def test_fifty_threads_across_an_expiry_share_one_exchange() -> None:
    fake = FakeInspera(exchange_delay=0.05)
    fake.test_route()
    client = make_client("sync", fake)
    assert isinstance(client, Inspera)
    barrier = threading.Barrier(50)
    errors: list[BaseException] = []

    def worker() -> None:
        barrier.wait()
        try:
            client.tests.get(7)
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    with client:
        client.tests.get(7)
        fake.expire_all()
        threads = [threading.Thread(target=worker) for _ in range(50)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert fake.exchanges == 2


async def test_two_hundred_coroutines_across_an_expiry_share_one_exchange() -> None:
    fake = FakeInspera()
    fake.test_route()

    async def slow_exchange(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token/"):
            await asyncio.sleep(0.05)
        return fake.handle(request)

    client = AsyncInspera(
        "acme", API_KEY, base_url="https://acme.inspera.no/api",
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(slow_exchange)),
    )
    async with client:
        await client.tests.get(7)
        fake.expire_all()
        results = await asyncio.gather(*(client.tests.get(7) for _ in range(200)))
    assert len(results) == 200
    assert fake.exchanges == 2



async def test_the_generated_client_refuses_calls_of_the_wrong_kind(fake: FakeInspera) -> None:
    from inspera_api.api.tests import get_test

    sync = make_client("sync", fake)
    asynchronous = make_client("async", fake)
    with pytest.raises(RuntimeError, match="sync-only"):
        await get_test.asyncio_detailed(7, client=sync.api)
    with pytest.raises(RuntimeError, match="asyncio-only"):
        get_test.sync_detailed(7, client=asynchronous.api)
    assert fake.requests == []
    await close(sync)
    await close(asynchronous)


async def test_a_redirected_exchange_is_refused_and_the_key_stays_home(client: Any, fake: FakeInspera) -> None:
    fake.script(
        "POST", r"/authenticate/token/$",
        httpx.Response(307, headers={"Location": "http://elsewhere.example/collect"}),
    )
    with pytest.raises(AuthenticationError) as caught:
        await resolve(client.tests.get(7))
    assert caught.value.status == 307
    assert "redirect" in str(caught.value)
    assert [request.url.host for request in fake.requests] == ["acme.inspera.no"]
    assert API_KEY not in str(caught.value)

"""Tokens that expire, and every fault knob of the simulator."""

from __future__ import annotations

import time

import httpx
import pytest
from inspera.testing import InsperaSimulator

from tests.contract.conftest import exchange


def test_tokens_expire_after_their_lifetime_and_on_demand() -> None:
    with InsperaSimulator(token_lifetime=0.6, tests=1, candidates=1) as sim:
        token = exchange(sim)
        headers = {"Authorization": f"Bearer {token}"}
        assert httpx.get(f"{sim.base_url}/v1/subscription", headers=headers).status_code == 200
        time.sleep(0.7)
        assert httpx.get(f"{sim.base_url}/v1/subscription", headers=headers).status_code == 401
        fresh = {"Authorization": f"Bearer {exchange(sim)}"}
        assert httpx.get(f"{sim.base_url}/v1/subscription", headers=fresh).status_code == 200
        sim.expire_tokens()
        assert httpx.get(f"{sim.base_url}/v1/subscription", headers=fresh).status_code == 401
        assert sim.stats.token_exchanges == 2


def test_expires_in_rounds_the_lifetime_up() -> None:
    with InsperaSimulator(token_lifetime=1.2, tests=0) as sim:
        response = httpx.post(f"{sim.base_url}/authenticate/token/", headers={"code": sim.api_key},
                              params={"grant_type": "authorization_code", "client_id": sim.client_id})
        assert response.json()["expires_in"] == 2


def test_every_api_call_needs_a_bearer_token(sim: InsperaSimulator) -> None:
    for headers in ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer not-issued"}):
        response = httpx.get(f"{sim.base_url}/v1/test/{sim.test_ids[0]}", headers=headers)
        assert response.status_code == 401


def test_fail_next_answers_scripted_statuses_then_recovers(sim: InsperaSimulator, api: httpx.Client) -> None:
    path = f"/v1/test/{sim.test_ids[0]}"
    sim.faults.fail_next(r"/v1/test/\d+$", 503, times=2, retry_after=1.5)
    sim.faults.fail_next(r"/v1/test/\d+$", 429, retry_after="Wed, 21 Oct 2037 07:28:00 GMT", body='{"error":"slow"}')
    first, second, third = api.get(path), api.get(path), api.get(path)
    assert (first.status_code, first.headers["retry-after"]) == (503, "1.5")
    assert second.status_code == 503
    assert (third.status_code, third.headers["retry-after"], third.json()) == (
        429, "Wed, 21 Oct 2037 07:28:00 GMT", {"error": "slow"})
    assert api.get(path).status_code == 200
    assert [r.status for r in sim.stats.requests if r.path == f"/api{path}"] == [503, 503, 429, 200]


def test_fail_next_can_target_one_method(sim: InsperaSimulator, api: httpx.Client) -> None:
    sim.faults.fail_next(r"/v1/subscription$", 500, method="POST")
    assert api.get("/v1/subscription").status_code == 200
    assert api.post("/v1/subscription", json={}).status_code == 500


def test_drop_connection_before_response_and_mid_body(sim: InsperaSimulator, api: httpx.Client) -> None:
    path = f"/v1/test/{sim.test_ids[0]}"
    sim.faults.drop_connection(r"/v1/test/\d+$")
    with pytest.raises(httpx.RemoteProtocolError):
        api.get(path)
    sim.faults.drop_connection(r"/v1/test/\d+$", when="mid_body")
    with pytest.raises(httpx.RemoteProtocolError, match="complete message body"):
        api.get(path)
    assert api.get(path).status_code == 200
    assert sorted(r.status for r in sim.stats.requests if r.path == f"/api{path}") == [0, 200, 200]


def test_added_latency_delays_matching_requests_only(sim: InsperaSimulator, api: httpx.Client) -> None:
    sim.faults.add_latency(r"/v1/subscription/events", 0.4, times=1)
    started = time.monotonic()
    api.get("/v1/subscription/events")
    assert time.monotonic() - started >= 0.4
    sim.faults.add_latency(r"/v1/subscription/events", 30)
    sim.faults.clear()
    assert api.get("/v1/subscription/events", timeout=5).status_code == 200


def _finished(api: httpx.Client, path: str) -> dict[str, object]:
    deadline = time.monotonic() + 10
    while True:
        document: dict[str, object] = api.get(path).json()
        if document["status"] != "running" or time.monotonic() > deadline:
            return document
        time.sleep(0.05)


def _export_url(sim: InsperaSimulator, api: httpx.Client) -> str:
    test_id = sim.test_ids[0]
    job = api.get(f"/v1/test/{test_id}/results").json()["jobId"]
    document = _finished(api, f"/v1/test/{test_id}/results/{job}")
    assert document["status"] == "success"
    info = document["exportInfo"]
    assert isinstance(info, dict)
    return str(info["signedResponseUrl"])


def test_fail_export_makes_the_next_jobs_fail(sim: InsperaSimulator, api: httpx.Client) -> None:
    sim.faults.fail_export(times=1)
    test_id = sim.test_ids[0]
    failing = api.get(f"/v1/test/{test_id}/submissions").json()["jobId"]
    working = api.get(f"/v1/test/{test_id}/results").json()["jobId"]
    failed = _finished(api, f"/v1/test/{test_id}/submissions/{failing}")
    assert failed["status"] == "failed" and "exportInfo" not in failed
    assert _finished(api, f"/v1/test/{test_id}/results/{working}")["status"] == "success"


@pytest.mark.allow_secret_leaks("plain httpx logs the signed URLs this test fetches; no facade code is involved")
def test_signed_urls_expire_early_and_a_fresh_poll_gives_a_working_one(sim: InsperaSimulator,
                                                                       api: httpx.Client) -> None:
    url = _export_url(sim, api)
    sim.faults.expire_signed_urls()
    expired = httpx.get(url)
    assert expired.status_code == 403 and b"AccessDenied" in expired.content
    assert httpx.get(_export_url(sim, api)).status_code == 200


@pytest.mark.allow_secret_leaks("plain httpx logs the signed URLs this test fetches; no facade code is involved")
def test_signed_urls_live_for_url_lifetime() -> None:
    with InsperaSimulator(export_duration=0, url_lifetime=0.5, tests=1, candidates=1) as sim:
        with httpx.Client(base_url=sim.base_url, headers={"Authorization": f"Bearer {exchange(sim)}"}) as api:
            url = _export_url(sim, api)
        assert "X-Amz-Expires=1" in url and httpx.get(url).status_code == 200
        time.sleep(0.6)
        assert httpx.get(url).status_code == 403
        tampered = url[:-4] + "0000"
        assert httpx.get(tampered).status_code == 403


@pytest.mark.allow_secret_leaks("plain httpx logs the signed URLs this test fetches; no facade code is involved")
def test_signed_urls_live_as_long_as_the_token_that_asked_for_them() -> None:
    lifetime = 1.0
    with InsperaSimulator(export_duration=0, token_lifetime=lifetime, tests=1, candidates=1) as sim:
        token = exchange(sim)
        issued = time.monotonic()
        with httpx.Client(base_url=sim.base_url, headers={"Authorization": f"Bearer {token}"}) as api:
            url = _export_url(sim, api)
            assert "X-Amz-Expires=1&" in url
            assert httpx.get(url).status_code == 200
            time.sleep(max(0.0, issued + lifetime + 0.2 - time.monotonic()))
            assert api.get("/v1/subscription").status_code == 401  # the token has expired ...
        expired = httpx.get(url)  # ... and so has the URL it was given
        assert expired.status_code == 403 and b"AccessDenied" in expired.content
        with httpx.Client(base_url=sim.base_url, headers={"Authorization": f"Bearer {exchange(sim)}"}) as api:
            assert httpx.get(_export_url(sim, api)).status_code == 200


@pytest.mark.allow_secret_leaks("plain httpx logs the signed URLs this test fetches; no facade code is involved")
def test_truncated_download_promises_the_full_length(sim: InsperaSimulator, api: httpx.Client) -> None:
    url = _export_url(sim, api)
    full = httpx.get(url).content
    sim.faults.truncate_download()
    with httpx.stream("GET", url) as response:
        assert int(response.headers["content-length"]) == len(full)
        received = bytearray()
        with pytest.raises(httpx.RemoteProtocolError):
            for chunk in response.iter_bytes():
                received.extend(chunk)
    assert 0 < len(received) < len(full) and full.startswith(bytes(received))
    assert httpx.get(url).content == full


def test_concurrent_exchanges_conflict_only_while_enabled(sim: InsperaSimulator) -> None:
    import threading

    sim.faults.conflict_on_concurrent_exchanges()
    statuses: list[int] = []

    def exchange_once() -> None:
        statuses.append(httpx.post(f"{sim.base_url}/authenticate/token/", headers={"code": sim.api_key},
                                   params={"grant_type": "authorization_code", "client_id": sim.client_id})
                        .status_code)

    threads = [threading.Thread(target=exchange_once) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses)[0] == 200 and 409 in statuses
    sim.faults.conflict_on_concurrent_exchanges(False)
    statuses.clear()
    threads = [threading.Thread(target=exchange_once) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200, 200, 200]


def test_knobs_reject_nonsense() -> None:
    sim = InsperaSimulator(tests=0)
    with pytest.raises(ValueError):
        sim.faults.fail_next("x", 42)
    with pytest.raises(ValueError):
        sim.faults.fail_export(times=0)
    with pytest.raises(ValueError):
        InsperaSimulator(token_lifetime=0)

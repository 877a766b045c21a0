"""`with_options()` copies share connections and the token; an injected httpx client keeps its default headers."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from inspera import AsyncInspera, ClientClosedError, Inspera
from inspera.testing import InsperaSimulator
from inspera_api.api.tests import get_test


def _connections(sim: InsperaSimulator) -> int:
    assert sim._connections is not None
    return len(sim._connections._transports)


def test_a_copy_has_its_own_settings_and_shares_the_pool_and_the_token(simulator: InsperaSimulator) -> None:
    test_id = simulator.test_ids[0]
    with Inspera(simulator.client_id, simulator.api_key, base_url=simulator.base_url) as client:
        patient = client.with_options(timeout=120, max_retries=0)
        assert (patient.timeout.read, patient.max_retries) == (120.0, 0)
        assert (client.timeout.read, client.max_retries) == (30.0, 2)
        assert patient.tests.get(test_id).assessment_run_id == client.tests.get(test_id).assessment_run_id == test_id
        assert patient.tests.get.__self__._client is patient
        assert patient.call(get_test, test_id=test_id).assessment_run_id == test_id  # client.call on a copy too
        assert simulator.stats.token_exchanges == 1  # one token for both
        assert _connections(simulator) == 1  # one keep-alive connection for both
        # The copy's own policy: with max_retries=0 a 503 is not retried, on the original it is.
        simulator.faults.fail_next(r"/v1/test/\d+$", 503, times=1)
        with pytest.raises(Exception, match="HTTP 503"):
            patient.tests.get(test_id)
        simulator.faults.fail_next(r"/v1/test/\d+$", 503, times=1)
        assert client.tests.get(test_id).assessment_run_id == test_id
        # Closing the copy leaves the original working; closing the original closes the copies.
        sibling = client.with_options(timeout=5)
        patient.close()
        with pytest.raises(ClientClosedError):
            patient.tests.get(test_id)
        assert client.tests.get(test_id).assessment_run_id == test_id
    with pytest.raises(ClientClosedError, match="copy of a client that was closed"):
        sibling.tests.get(test_id)
    with pytest.raises(ClientClosedError):
        sibling.call(get_test, test_id=test_id)


async def test_an_async_copy_shares_the_token_and_exports_bind_to_the_copy(simulator: InsperaSimulator) -> None:
    async with AsyncInspera(simulator.client_id, simulator.api_key, base_url=simulator.base_url) as client:
        copy = client.with_options(max_retries=5)
        assert copy.exports is not client.exports
        assert (await copy.tests.get(simulator.test_ids[0])).assessment_run_id == simulator.test_ids[0]
        await client.tests.get(simulator.test_ids[0])
        assert simulator.stats.token_exchanges == 1
        await copy.aclose()
        await client.tests.get(simulator.test_ids[0])


@pytest.mark.simulator(export_duration=0.0)
def test_an_injected_clients_default_headers_reach_the_api_and_downloads_but_never_its_authorization(
    simulator: InsperaSimulator, tmp_path: Path
) -> None:
    http = httpx.Client(headers={"X-Trace-Id": "trace-7", "Authorization": "Basic not-for-inspera"})
    with Inspera(simulator.client_id, simulator.api_key, base_url=simulator.base_url, http_client=http) as client:
        client.tests.get(simulator.test_ids[0])
        client.exports.results(simulator.test_ids[0]).download(tmp_path / "results.json")
    http.close()
    requests = simulator.stats.requests
    api_calls = [r for r in requests if r.path.startswith("/api/v1/")]
    downloads = [r for r in requests if r.path.startswith("/signed/")]
    assert api_calls and downloads
    for request in (*api_calls, *downloads):
        assert request.headers.get("x-trace-id") == "trace-7", request
    assert all(r.headers.get("authorization", "").startswith("Bearer ") for r in api_calls)
    assert all("authorization" not in r.headers for r in downloads)

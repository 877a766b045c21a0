"""`client.call(endpoint_module, **kwargs)`: any generated operation, facade guarantees included, on the simulator."""

from __future__ import annotations

import inspect
from typing import Any

import inspera_api.api.tests
import pytest
from inspera import AsyncInspera, Inspera
from inspera.errors import NotFoundError, RateLimitError
from inspera.testing import InsperaSimulator
from inspera_api.api.tests import get_test, list_contributors, search_tests
from inspera_api.models import TestMetadata as Metadata  # aliased: pytest would try to collect Test*

from .conftest import resolve


async def test_call_returns_the_parsed_model(client: Any, simulator: InsperaSimulator) -> None:
    test_id = simulator.test_ids[0]
    metadata = await resolve(client.call(get_test, test_id=test_id))
    assert isinstance(metadata, Metadata)
    assert metadata.assessment_run_id == test_id
    assert metadata.to_dict() == (await resolve(client.tests.get(test_id))).to_dict()  # same as the facade method
    found = await resolve(client.call(search_tests, title=""))  # the generated model, not the facade's list
    assert type(found).__name__ == "TestSearchResponse"
    assert test_id in [hit.assessment_run_id for hit in found.results]


async def test_call_on_async_client_is_awaitable(simulator: InsperaSimulator) -> None:
    async with AsyncInspera(simulator.client_id, simulator.api_key, base_url=simulator.base_url) as client:
        pending = client.call(list_contributors, test_id=simulator.test_ids[0])
        assert inspect.isawaitable(pending)
        assert isinstance(await pending, list)


async def test_call_raises_the_typed_404_with_operation_and_status(client: Any, simulator: InsperaSimulator) -> None:
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.call(get_test, test_id=1))
    error = caught.value
    assert (error.method, error.path, error.status) == ("GET", "/v1/test/{testId}", 404)
    assert simulator.api_key not in str(error) and simulator.api_key not in repr(error)


@pytest.mark.simulator(token_lifetime=60.0)
async def test_call_refreshes_a_revoked_token_and_retries_a_429(client: Any, simulator: InsperaSimulator) -> None:
    test_id = simulator.test_ids[0]
    await resolve(client.call(get_test, test_id=test_id))
    simulator.expire_tokens()
    await resolve(client.call(get_test, test_id=test_id))  # 401, one exchange, replay
    assert simulator.stats.token_exchanges == 2
    simulator.faults.fail_next(rf"/v1/test/{test_id}$", 429, retry_after=0)
    assert (await resolve(client.call(get_test, test_id=test_id))).assessment_run_id == test_id


async def test_a_persistent_429_is_a_rate_limit_error(mode: str, simulator: InsperaSimulator) -> None:
    cls = Inspera if mode == "sync" else AsyncInspera
    client = cls(simulator.client_id, simulator.api_key, base_url=simulator.base_url, max_retries=0, limit_wait=0)
    test_id = simulator.test_ids[0]
    simulator.faults.fail_next(rf"/v1/test/{test_id}$", 429, retry_after=3)
    try:
        with pytest.raises(RateLimitError) as caught:
            await resolve(client.call(get_test, test_id=test_id))
        assert caught.value.retry_after == 3
    finally:
        await resolve(client.aclose() if isinstance(client, AsyncInspera) else client.close())


async def test_wrong_arguments_and_wrong_targets_are_type_errors(client: Any) -> None:
    with pytest.raises(TypeError, match="get_test"):
        await resolve(client.call(get_test, test=1))
    with pytest.raises(TypeError, match="takes a generated endpoint module"):
        await resolve(client.call(inspera_api.api.tests, test_id=1))
    with pytest.raises(TypeError, match="takes a generated endpoint module"):
        await resolve(client.call(get_test.sync, test_id=1))

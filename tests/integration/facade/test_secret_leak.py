"""Runs facade scenarios with DEBUG logging captured everywhere; no key, token or signature may show up."""

from __future__ import annotations

import json
from typing import Any

import pytest
from inspera import InsperaError
from inspera.testing import InsperaSimulator

from tests.support.secret_guard import SecretGuard

from .conftest import connect, resolve


@pytest.mark.simulator(token_lifetime=1.0)
async def test_no_secret_reaches_logs_reprs_or_errors(
    mode: str, simulator: InsperaSimulator, secret_guard: SecretGuard
) -> None:
    secret_guard.watch(simulator)
    test_id = simulator.test_ids[0]
    conflict = json.dumps({"error": "Multiple tokens for user", "description": "Please contact inspera support"})
    client: Any = connect(mode, simulator)
    errors: list[BaseException] = []
    try:
        secret_guard.observe(client, client.api, await resolve(client.authenticate()))
        await resolve(client.tests.get(test_id))
        simulator.expire_tokens()
        await resolve(client.tests.get(test_id))
        simulator.faults.fail_next(r"/authenticate/token/?$", 409, body=conflict)
        simulator.expire_tokens()
        await resolve(client.users.get(simulator.user_ids(test_id)[0]))
        simulator.faults.fail_next(r"/v1/test/\d+$", 503, retry_after=0.05)
        await resolve(client.tests.get(test_id))
        simulator.faults.fail_next(rf"/v1/test/{test_id}$", 500, times=3)
        simulator.faults.drop_connection(r"/options$")
        for failing in (
            lambda: client.tests.get(1),
            lambda: client.tests.get(test_id),
            lambda: client.tests.set_options(test_id, {"testOptions": {}}),
        ):
            try:
                await resolve(failing())
            except InsperaError as error:
                errors.append(error)
    finally:
        await resolve(client.aclose() if hasattr(client, "aclose") else client.close())
    assert len(errors) == 3
    secret_guard.observe(*errors, *(error.__cause__ for error in errors if error.__cause__ is not None))
    assert len(secret_guard.secrets()) >= 4  # the key and at least three tokens were in play
    assert any(record.name == "inspera" for record in secret_guard.records)
    secret_guard.check()


def test_the_guard_catches_a_leak(simulator: InsperaSimulator) -> None:
    import logging

    guard = SecretGuard()
    guard.watch(simulator)
    record = logging.LogRecord("inspera", logging.DEBUG, __file__, 1, "key is %s", (simulator.api_key,), None)
    guard.records.append(record)
    with pytest.raises(AssertionError, match="contain a secret"):
        guard.check()

"""Domain namespaces: argument mapping, bodies from mappings, search hits, and the operation registry."""

from __future__ import annotations

import inspect
import json
import logging
from pathlib import Path
from typing import Any

import httpx
import pytest
from inspera import AsyncInspera, Inspera
from inspera._domains.base import Namespace
from inspera._invoke import operation_of
from inspera.errors import InvalidArgumentError
from inspera.operations import FACADE_OPERATIONS, NAMESPACES, by_operation

from .fakes import FakeInspera, body_of, resolve

SPEC = Path(__file__).resolve().parents[3] / "openapi" / "openapi.json"


def _spec_operations() -> set[str]:
    paths = json.loads(SPEC.read_text(encoding="utf-8"))["paths"]
    return {f"{method.upper()} {path}" for path, item in paths.items() for method in item if method != "parameters"}


def test_every_registry_key_is_a_spec_operation() -> None:
    assert set(FACADE_OPERATIONS) <= _spec_operations()


def test_every_domain_method_of_both_clients_is_registered() -> None:
    listed = {name for names in by_operation().values() for name in names}
    for namespace in NAMESPACES:
        for op in namespace.operations():
            for client in ("Inspera", "AsyncInspera"):
                assert f"{client}.{namespace.attribute}.{op.name}" in listed
    assert {"Inspera.authenticate", "AsyncInspera.authenticate"} <= listed


def test_declared_keys_match_the_generated_endpoints() -> None:
    for namespace in NAMESPACES:
        for op in namespace.operations():
            method, path = operation_of(op.module())
            assert op.key == f"{method} {path}", op.name


def test_namespaces_are_bound_to_both_clients() -> None:
    sync = Inspera("acme", "k" * 20)
    asynchronous = AsyncInspera("acme", "k" * 20)
    for namespace in NAMESPACES:
        sync_ns: Namespace[Any] = getattr(sync, namespace.attribute)
        async_ns: Namespace[Any] = getattr(asynchronous, namespace.attribute)
        for op in namespace.operations():
            assert not inspect.iscoroutinefunction(getattr(sync_ns, op.name))
            assert inspect.iscoroutinefunction(getattr(async_ns, op.name))
            assert getattr(sync_ns, op.name).__doc__ == op.__doc__
    sync.close()


async def test_search_returns_every_hit_and_omits_unset_filters(client: Any, fake: FakeInspera) -> None:
    hits = {"hits": 2, "page": 0, "results": [{"assessmentRunId": 1}, {"assessmentRunId": 2}]}
    fake.route("GET", "/v1/test/search", lambda _: httpx.Response(200, json=hits))
    found = await resolve(client.tests.search(title="Exam"))
    assert [hit.assessment_run_id for hit in found] == [1, 2]
    (request,) = [r for r in fake.requests if r.url.path.endswith("/search")]
    assert dict(request.url.params) == {"title": "Exam"}


async def test_search_warns_when_the_response_counts_more_hits_than_it_carries(
    client: Any, fake: FakeInspera, caplog: pytest.LogCaptureFixture
) -> None:
    partial = {"hits": 44, "page": 0, "results": [{"assessmentRunId": 1}, {"assessmentRunId": 2}]}
    fake.route("GET", "/v1/test/search", lambda _: httpx.Response(200, json=partial))
    with caplog.at_level(logging.WARNING, logger="inspera"):
        found = await resolve(client.tests.search(title="Exam"))
    assert [hit.assessment_run_id for hit in found] == [1, 2]
    assert [r.getMessage() for r in caplog.records if r.name == "inspera"] == [
        "test search matched 44 tests but the response carries 2; narrow the search to see the rest"
    ]


async def test_bodies_accept_mappings_and_send_spec_field_names(client: Any, fake: FakeInspera) -> None:
    fake.route("POST", "/v1/test/7/committees", lambda _: httpx.Response(200, json={"success": True}))
    await resolve(client.tests.create_committees(7, {"committees": [{"name": "A"}]}, is_external=True))
    (request,) = [r for r in fake.requests if r.url.path.endswith("/committees")]
    assert body_of(request) == {"committees": [{"name": "A"}]}
    assert request.url.params["isExternal"] == "true"


async def test_bodies_accept_generated_models(client: Any, fake: FakeInspera) -> None:
    from inspera_api.models.subscription_request import SubscriptionRequest

    answer = {"id": "s-1", "event": "confirm_final_grades", "url": "https://hooks.example/x"}
    fake.route("POST", "/v1/subscription", lambda _: httpx.Response(200, json=answer))
    request = SubscriptionRequest(event="confirm_final_grades", secret="shh-secret", url="https://hooks.example/x")
    subscription = await resolve(client.webhooks.subscribe(request))
    assert subscription.id == "s-1"


async def test_a_mapping_missing_a_required_field_is_a_clear_error(client: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="StudentRequest needs the field"):
        await resolve(client.users.upsert_student({"firstName": "Kari"}))


async def test_results_and_users_map_positional_ids(client: Any, fake: FakeInspera) -> None:
    fake.route("GET", "/v1/candidates/allResults/7/42", lambda _: httpx.Response(200, json={"userId": 42}))
    fake.route("GET", "/v1/users/external/FEIDE/kari@uni.no", lambda _: httpx.Response(200, json=[]))
    await resolve(client.results.candidate(7, 42))
    assert await resolve(client.users.find_by_external_id("FEIDE", "kari@uni.no")) == []


async def test_unsubscribe_returns_none_on_success(client: Any, fake: FakeInspera) -> None:
    fake.route("DELETE", "/v1/subscription/s-1", lambda _: httpx.Response(200))
    assert await resolve(client.webhooks.unsubscribe("s-1")) is None

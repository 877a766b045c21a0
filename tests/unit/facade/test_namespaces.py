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
from inspera._calls.invoke import operation_of
from inspera._domains.base import Namespace
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
        await resolve(client.users.create_student({"firstName": "Kari"}))


async def test_users_map_positional_ids(client: Any, fake: FakeInspera) -> None:
    fake.route("GET", "/v1/users/external/FEIDE/kari@uni.no", lambda _: httpx.Response(200, json=[]))
    assert await resolve(client.users.find_by_external_id("FEIDE", "kari@uni.no")) == []


def test_the_synchronous_candidate_results_call_is_gone() -> None:
    # Inspera answers /v1/candidates/allResults with a job: it is client.exports.candidate_results now.
    assert not hasattr(Inspera("acme", "k" * 20), "results")


async def test_activate_posts_to_the_test(client: Any, fake: FakeInspera) -> None:
    fake.route("POST", "/v1/test/7/activate", lambda _: httpx.Response(200))
    assert await resolve(client.tests.activate(7)) is None
    (request,) = [r for r in fake.requests if r.url.path.endswith("/activate")]
    assert request.method == "POST" and not request.url.params


async def test_activation_refused_for_a_misconfigured_test_is_a_bad_request(client: Any, fake: FakeInspera) -> None:
    from inspera.errors import BadRequestError

    refusal = {"error": "Bad request", "description": "the test has no questions"}
    fake.route("POST", "/v1/test/7/activate", lambda _: httpx.Response(400, json=refusal))
    with pytest.raises(BadRequestError) as caught:
        await resolve(client.tests.activate(7))
    assert caught.value.description == "the test has no questions"
    assert caught.value.path == "/v1/test/{testId}/activate"


@pytest.mark.parametrize(
    ("test_id", "external_system", "path", "params"),
    [
        ("EXAM-2025", None, "/v1/test/EXAM-2025/committees", {"isExternal": "true"}),
        ("EXAM-2025", "LTI", "/v1/test/EXAM-2025/committees", {"isExternal": "true", "externalSystem": "LTI"}),
        # A "/" cannot travel in a path segment: the id goes base64url-encoded, and the flag says so.
        ("LMS/2025/exam", None, "/v1/test/TE1TLzIwMjUvZXhhbQ==/committees",
         {"isExternal": "true", "b64encodedExternalTestId": "true"}),
        ("a/b?c", "LTI", "/v1/test/YS9iP2M=/committees",
         {"isExternal": "true", "externalSystem": "LTI", "b64encodedExternalTestId": "true"}),
        (4711, None, "/v1/test/4711/committees", {"isExternal": "true"}),
    ],
)
async def test_external_test_ids(
    client: Any, fake: FakeInspera, test_id: Any, external_system: str | None, path: str, params: dict[str, str]
) -> None:
    fake.route("POST", path, lambda _: httpx.Response(200, json={"success": True}))
    await resolve(client.tests.create_committees(
        test_id, {"committees": [{"name": "A"}]}, is_external=True, external_system=external_system))
    (request,) = [r for r in fake.requests if r.url.path.endswith("/committees")]
    assert request.url.raw_path.split(b"?")[0].decode() == "/api" + path.replace("=", "%3D")
    assert dict(request.url.params) == params


async def test_internal_ids_send_no_external_parameters(client: Any, fake: FakeInspera) -> None:
    fake.route("POST", "/v1/test/7/committees/candidates/move", lambda _: httpx.Response(200, json={"success": True}))
    await resolve(client.tests.move_committee_candidates(7, {"externalIds": ["a"], "toCommittee": "B"}))
    (request,) = [r for r in fake.requests if r.url.path.endswith("/move")]
    assert not request.url.params  # neither externalSystem=API nor b64encodedExternalTestId=false unasked


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.tests.create_committees("EXAM-1", {"committees": []}), "is_external=True"),
        (lambda c: c.tests.delete_committees(True, {"committees": []}), "numeric test id"),
        (lambda c: c.tests.create_committees(7, {"committees": []}, external_system="LTI"), "only with is_external"),
        (lambda c: c.tests.create_committees("", {"committees": []}, is_external=True), "must not be empty"),
        (lambda c: c.tests.create_committees(2.5, {"committees": []}, is_external=True), "is a string"),
        (lambda c: c.tests.create_committees("X", {"committees": []}, is_external=True, external_system=""),
         "non-empty"),
        (lambda c: c.tests.search(external_system="LTI"), "together with external_test_id"),
        (lambda c: c.tests.set_options(7, {"testOptions": {"generalOption": []}}), "use generalOptions"),
    ],
)
async def test_bad_test_references_fail_before_any_request(
    client: Any, fake: FakeInspera, call: Any, message: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        await resolve(call(client))
    assert fake.requests == []


async def test_search_and_upsert_pass_the_external_system(client: Any, fake: FakeInspera) -> None:
    fake.route("GET", "/v1/test/search", lambda _: httpx.Response(200, json={"hits": 0, "results": []}))
    fake.route("POST", "/v1/test", lambda _: httpx.Response(200, json={"success": True}))
    await resolve(client.tests.search(external_test_id="EXAM/1", external_system="LTI"))
    await resolve(client.tests.create_or_update({"externalTestId": "EXAM/1", "title": "T"}, external_system="LTI"))
    search, upsert = fake.requests[-2:]
    assert dict(search.url.params) == {"externalTestID": "EXAM/1", "externalSystem": "LTI"}
    assert dict(upsert.url.params) == {"externalSystem": "LTI"}


async def test_general_options_are_sent_under_their_real_key(client: Any, fake: FakeInspera) -> None:
    fake.route("POST", "/v1/test/7/options", lambda _: httpx.Response(200, json={"success": True}))
    await resolve(client.tests.set_options(7, {"testOptions": {"generalOptions": [{"option": "X", "value": 1}]}}))
    assert body_of(fake.requests[-1]) == {"testOptions": {"generalOptions": [{"option": "X", "value": 1}]}}


async def test_unsubscribe_returns_none_on_success(client: Any, fake: FakeInspera) -> None:
    fake.route("DELETE", "/v1/subscription/s-1", lambda _: httpx.Response(200))
    assert await resolve(client.webhooks.unsubscribe("s-1")) is None

"""Bodies given as mappings are checked against the spec: an unknown key is an error naming the closest field;
`extra_body=` sends fields the spec does not know yet, and never silently loses to a field the body sets."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from inspera import InvalidArgumentError
from inspera._calls.bodies import check, closest, shape_of
from inspera_api.models.test_create_request import TestCreateRequest as CreateRequest

from .fakes import FakeInspera, body_of, make_client, resolve

SPEC = json.loads((Path(__file__).resolve().parents[3] / "openapi" / "openapi.json").read_text(encoding="utf-8"))
TEST = {"externalTestId": "EXT-1", "title": "Chemistry"}


def _created(fake: FakeInspera) -> None:
    fake.route("POST", "/v1/test", lambda _: httpx.Response(200, json={"assessmentRunId": 9}))


@pytest.mark.parametrize(
    ("body", "field", "suggestion"),
    [
        ({**TEST, "startTme": "2025-01-01T09:00:00Z"}, "startTme", "startTime"),
        ({**TEST, "start_time": "2025-01-01T09:00:00Z"}, "start_time", "startTime"),
        ({**TEST, "TITLE": "x"}, "TITLE", "title"),
        ({**TEST, "colour": "blue"}, "colour", None),
    ],
)
async def test_an_unknown_key_raises_naming_it_and_the_closest_field_and_nothing_is_sent(
    mode: str, fake: FakeInspera, body: dict[str, Any], field: str, suggestion: str | None
) -> None:
    _created(fake)
    client = make_client(mode, fake)
    with pytest.raises(InvalidArgumentError) as caught:
        await resolve(client.tests.create_or_update(body))
    error = caught.value
    assert (error.field, error.suggestion) == (field, suggestion)
    assert f"TestCreateRequest has no field {field!r}" in str(error)
    assert (f"did you mean {suggestion!r}" in str(error)) is (suggestion is not None)
    assert "extra_body=" in str(error)
    assert fake.count("POST", "/api/v1/test") == 0


async def test_nested_objects_and_lists_are_checked_with_their_path(mode: str, fake: FakeInspera) -> None:
    client = make_client(mode, fake)
    body = {"candidates": [{"externalId": "a1"}, {"externalID": "a2", "extraTimeMins": 10}]}
    with pytest.raises(InvalidArgumentError, match=r"did you mean 'candidates\[1\]\.externalId'") as caught:
        await resolve(client.tests.add_candidates(7, body))
    assert caught.value.field == "candidates[1].externalID"
    options = {"testOptions": {"securityOptions": [{"option": "LOCKDOWN_BROWSER", "valeu": True}]}}
    with pytest.raises(InvalidArgumentError, match=r"'testOptions\.securityOptions\[0\]\.valeu'"):
        await resolve(client.tests.set_options(7, options))


def test_free_form_maps_are_not_restricted() -> None:
    check("FileExportOrderRequest", {"resourceType": "AllUsers", "parameters": {"userType": "admin", "any": "x"}})


async def test_extra_body_sends_fields_the_spec_does_not_know(mode: str, fake: FakeInspera) -> None:
    _created(fake)
    client = make_client(mode, fake)
    model = CreateRequest(external_test_id="EXT-1", title="Chemistry")
    await resolve(client.tests.create_or_update(TEST, extra_body={"gradingScale": "A-F"}))
    await resolve(client.tests.create_or_update(model, extra_body={"gradingScale": "A-F", "pages": 3}))
    sent = [body_of(r) for r in fake.requests if r.url.path == "/api/v1/test"]
    assert sent == [{**TEST, "gradingScale": "A-F"}, {**TEST, "gradingScale": "A-F", "pages": 3}]
    assert model.additional_properties == {}  # the caller's model is left as it was


async def test_extra_body_may_not_repeat_a_field_the_body_sets(mode: str, fake: FakeInspera) -> None:
    _created(fake)
    client = make_client(mode, fake)
    with pytest.raises(InvalidArgumentError, match="extra_body repeats 'title'"):
        await resolve(client.tests.create_or_update(TEST, extra_body={"title": "other"}))
    # A field the body leaves out may come through extra_body (e.g. a type the reconstructed spec got wrong).
    await resolve(client.tests.create_or_update(TEST, extra_body={"duration": "90"}))
    assert body_of(fake.requests[-1])["duration"] == "90"


def test_closest_prefers_case_and_snake_case_spellings() -> None:
    names = frozenset({"userId", "extraTimeMins", "externalId"})
    assert closest("user_id", names) == "userId"
    assert closest("USERID", names) == "userId"
    assert closest("extraTime", names) == "extraTimeMins"
    assert closest("zzz", names) is None


def test_every_method_with_a_body_takes_extra_body() -> None:
    from inspera.operations import NAMESPACES

    for namespace in NAMESPACES:
        for op in namespace.operations():
            parameters = inspect.signature(op.build).parameters
            if any("Body" in str(p.annotation) for p in parameters.values() if p.name != "extra_body"):
                assert "extra_body" in parameters, op.name
                assert parameters["extra_body"].kind is inspect.Parameter.KEYWORD_ONLY


def test_the_spec_fields_are_the_generated_models_fields() -> None:
    """The check reads the spec; the generated models read the same names (so the check never refuses a field the
    model would have sent, nor lets one through that it would have dropped into additional_properties)."""
    import importlib
    import re

    checked = 0
    for name, schema in SPEC["components"]["schemas"].items():
        if not schema.get("properties"):
            continue
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
        try:
            module = importlib.import_module(f"inspera_api.models.{snake}")
        except ImportError:
            continue
        source = inspect.getsource(getattr(module, name).from_dict)
        popped = set(re.findall(r"d\.pop\(\s*\"([^\"]+)\"", source))
        shape = shape_of(name)
        assert shape is not None
        assert popped == set(shape.names), name
        checked += 1
    assert checked >= 20


async def test_the_documented_candidate_flags_pass_and_a_misspelt_one_is_named(client: Any, fake: FakeInspera) -> None:
    fake.route("POST", "/v1/test/7/candidates", lambda _: httpx.Response(200, json={"success": True}))
    body = {"candidates": [{"externalId": "a1", "removeRoomName": True, "removeBuildingName": True}]}
    await resolve(client.tests.add_candidates(7, body))
    assert body_of(fake.requests[-1]) == body
    with pytest.raises(InvalidArgumentError, match=r"did you mean 'candidates\[0\]\.removeRoomName'"):
        await resolve(client.tests.add_candidates(7, {"candidates": [{"externalId": "a1", "remove_room_name": True}]}))


async def test_create_student_is_strict_and_takes_extra_body(client: Any, fake: FakeInspera) -> None:
    fake.route("POST", "/v1/users/student", lambda _: httpx.Response(200, json={"userId": 5}))
    with pytest.raises(InvalidArgumentError) as caught:
        await resolve(client.users.create_student({"userName": "hanna_s1"}))
    assert (caught.value.field, caught.value.suggestion) == ("userName", "username")
    await resolve(client.users.create_student({"username": "hanna_s1"}, extra_body={"phone": "+47 1234"}))
    assert body_of(fake.requests[-1]) == {"username": "hanna_s1", "phone": "+47 1234"}


async def test_the_old_general_options_key_is_named_with_its_reason(client: Any, fake: FakeInspera) -> None:
    with pytest.raises(InvalidArgumentError, match="ignored by Inspera") as caught:
        await resolve(client.tests.set_options(7, {"testOptions": {"generalOption": []}}, extra_body={"x": 1}))
    assert (caught.value.field, caught.value.suggestion) == ("testOptions.generalOption", "testOptions.generalOptions")
    assert fake.requests == []


async def test_an_external_committee_call_sends_its_extra_body(client: Any, fake: FakeInspera) -> None:
    fake.route("POST", "/v1/test/TE1TLzE=/committees", lambda _: httpx.Response(200, json={"success": True}))
    await resolve(client.tests.create_committees(
        "LMS/1", {"committees": [{"name": "A"}]}, is_external=True, extra_body={"notify": False}))
    (request,) = [r for r in fake.requests if r.url.path.endswith("/committees")]
    assert body_of(request) == {"committees": [{"name": "A"}], "notify": False}
    assert dict(request.url.params) == {"isExternal": "true", "b64encodedExternalTestId": "true"}


def test_activate_takes_no_body_and_returns_nothing() -> None:
    from inspera import Inspera

    with Inspera("uni", "k" * 24) as client:
        shown = inspect.signature(client.tests.activate)
    assert list(shown.parameters) == ["test_id"] and shown.return_annotation is None

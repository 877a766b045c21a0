"""Answers whose values do not have their declared types: `UnexpectedResponseError` naming the field, not the value.

A typed result never lies: `client.tests.get()` returns a `TestMetadata` whose `assessment_run_id` is an `int` (or
`UNSET`), `client.webhooks.events()` a `list[str]`. Checked for `Inspera` and `AsyncInspera` on real sockets; the
values the server sends are watched as secrets, so no message, log or repr may quote them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from inspera.errors import UnexpectedResponseError

from tests.hardening.hostile import HostileServer, Side
from tests.support.secret_guard import SecretGuard

pytestmark = pytest.mark.timeout(60)

TEST_7 = r"^/api/v1/test/7$"
EVENTS = r"^/api/v1/subscription/events$"
PLANTED = "planted-value-5e1f0c9a"

TEST_CASES: list[tuple[str, Any, int, str]] = [
    ("text where an int goes", {"assessmentRunId": f"1; DROP TABLE {PLANTED}"}, 200,
     "assessment_run_id: expected int | Unset, got str"),
    ("a boolean where an int goes", {"assessmentRunId": True}, 200,
     "assessment_run_id: expected int | Unset, got bool"),
    ("null where the spec does not say nullable", {"title": None}, 200, "title: expected str | Unset, got None"),
    ("a number deep in a list of objects", {"committees": [{"name": "a"}, {"name": 5}]}, 200,
     "committees[1].name: expected str, got int"),
    ("an object where text goes, in a 201", {"title": {"secret": PLANTED}}, 201,
     "title: expected str | Unset, got dict"),
]


@pytest.mark.parametrize(("case", "body", "status", "detail"), TEST_CASES, ids=[c[0] for c in TEST_CASES])
def test_a_model_field_of_another_type_raises_naming_the_field(
    side: Callable[..., Side], server: HostileServer, secret_guard: SecretGuard,
    case: str, body: Any, status: int, detail: str,
) -> None:
    secret_guard.add_secret(PLANTED)
    server.route("GET", TEST_7, lambda _r, wire: wire.answer(status, json.dumps(body).encode()))
    client = side()
    with pytest.raises(UnexpectedResponseError) as caught:
        client.run(client.client.tests.get(7))
    assert caught.value.status == status and caught.value.path == "/v1/test/{testId}", case
    assert f"body does not fit the documented model ({detail})" in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__  # the chained Misfit has no value


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b'{"event": "a"}', "the body: expected list[str], got dict"),
        (b'"a"', "the body: expected list[str], got str"),
        (b"null", "the body: expected list[str], got None"),
        (b'["a", 1]', "[1]: expected str, got int"),
    ],
)
def test_webhook_events_are_a_list_of_names_or_an_error(
    side: Callable[..., Side], server: HostileServer, body: bytes, detail: str
) -> None:
    server.route("GET", EVENTS, lambda _r, wire: wire.answer(200, body))
    client = side()
    with pytest.raises(UnexpectedResponseError, match=f"fit the documented model \\({detail.replace('[', '.')}"):
        client.run(client.client.webhooks.events())


def test_fitting_answers_are_returned_as_before(side: Callable[..., Side], server: HostileServer) -> None:
    server.route("GET", EVENTS, lambda _r, wire: wire.answer(200, b'["test.finished", "candidate.submitted"]'))
    client = side()
    assert client.run(client.client.webhooks.events()) == ["test.finished", "candidate.submitted"]
    assert client.run(client.client.tests.get(7)).assessment_run_id == 1


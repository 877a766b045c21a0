"""The simulator answers as the spec describes: Allow lists every method of a path, unknown ones get 405, unknown
paths and ids a JSON 404, and a request that breaks a documented rule 400 with Inspera's error body."""

from __future__ import annotations

import httpx
import pytest
from inspera.testing import InsperaSimulator

from tests.contract.spec_check import load_spec


def _documented_methods(template: str) -> str:
    item = load_spec()["paths"][template]
    return ", ".join(sorted(m.upper() for m, op in item.items() if isinstance(op, dict) and "operationId" in op))


@pytest.mark.parametrize(("path", "template"), [
    ("/v1/subscription", "/v1/subscription"),
    ("/v1/test/1/committees", "/v1/test/{testId}/committees"),
    ("/v1/test/search", "/v1/test/search"),
])
@pytest.mark.parametrize("method", ["OPTIONS", "PUT", "PATCH", "TRACE"])
def test_an_undocumented_method_gets_405_with_every_documented_method_in_allow(
    api: httpx.Client, path: str, template: str, method: str
) -> None:
    answer = api.request(method, path)
    assert answer.status_code == 405
    assert answer.headers["Allow"] == _documented_methods(template)
    assert answer.json()["error"] == "Method Not Allowed"


@pytest.mark.parametrize("path", ["/v1/nothing", "/v1/test/not-a-number", "/v1/test/999999999999"])
def test_an_unknown_path_or_id_gets_a_json_404(api: httpx.Client, path: str) -> None:
    answer = api.get(path)
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("application/json") and "error" in answer.json()


@pytest.mark.parametrize(("method", "path", "body", "words"), [
    ("POST", "/v1/test", {"externalTestId": "", "title": "t"}, "externalTestId"),
    ("POST", "/v1/test", {"externalTestId": "x", "title": "t", "duration": -5}, "duration"),
    ("POST", "/v1/fileExport/order", {"expiryPeriod": 600}, "resourceType"),
    ("POST", "/v1/subscription", {"event": "submissions_export_finished", "url": "ftp://x", "secret": "s"}, "url"),
    ("POST", "/v1/users/student", {"username": "9starts_with_digit"}, "username"),
])
def test_a_request_that_breaks_a_documented_rule_gets_400_with_the_error_body(
    api: httpx.Client, method: str, path: str, body: dict[str, object], words: str
) -> None:
    answer = api.request(method, path, json=body)
    assert answer.status_code == 400
    assert answer.json()["error"] == "Bad request" and words in answer.json()["description"]


def test_an_unknown_template_is_a_404_like_any_unknown_id(sim: InsperaSimulator, api: httpx.Client) -> None:
    answer = api.post("/v1/test", json={"externalTestId": "X-1", "title": "t", "sourceTemplateId": 123456789})
    assert answer.status_code == 404


def test_every_operation_documents_the_statuses_the_simulator_sends() -> None:
    for path, item in load_spec()["paths"].items():
        for op in item.values():
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            documented = set(op["responses"])
            assert {"200", "400", "429"} <= documented, path
            if path != "/authenticate/token/":
                assert {"401", "403"} <= documented, path
            if "{" in path:
                assert "404" in documented, path

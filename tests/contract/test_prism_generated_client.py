"""The generated client against Prism's dynamic mock of our spec: every operation's random answer must parse."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from inspera_api import AuthenticatedClient, Client, models
from inspera_api.api.auth import exchange_token
from inspera_api.api.exports import (
    get_candidate_pdf_export_status,
    get_candidate_results_export_status,
    get_candidate_submissions_export_status,
    get_file_export_status,
    get_results_export_status,
    get_submissions_export_status,
    get_test_events_export_status,
    order_candidate_pdf_export,
    order_candidate_results_export,
    order_candidate_submissions_export,
    order_file_export,
    order_results_export,
    order_submissions_export,
    order_test_events_export,
)
from inspera_api.api.tests import (
    activate_test,
    add_candidates,
    add_contributors,
    create_committees,
    create_or_update_test,
    delete_committees,
    get_test,
    list_contributors,
    move_committee_candidates,
    move_committee_contributors,
    remove_committee_candidates,
    remove_committee_contributors,
    search_tests,
    set_test_options,
)
from inspera_api.api.users import create_or_update_student, find_users_by_external_id, get_user
from inspera_api.api.webhooks import create_subscription, delete_subscription, list_subscriptions, list_webhook_events
from inspera_api.types import Response

from .spec_check import SPEC_PATH, load_spec, spec_operations

ROOT = SPEC_PATH.parents[1]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
# Each operation is called this many times: Prism's data is random, so more calls sample more shapes.
SAMPLES = 5

Call = Callable[[AuthenticatedClient], Response[Any]]
TEST, USER, JOB = 28020726, 350743, "job-1"
CALLS: dict[tuple[str, str], Call] = {
    ("GET", "/v1/candidates/allResults/{testId}/{userId}"):
        lambda c: order_candidate_results_export.sync_detailed(TEST, USER, client=c, expiry_period=600),
    ("GET", "/v1/candidates/allResults/{testId}/{userId}/{jobId}"):
        lambda c: get_candidate_results_export_status.sync_detailed(TEST, USER, JOB, client=c),
    ("POST", "/v1/candidates/pdf/{testId}/{userId}"): lambda c: order_candidate_pdf_export.sync_detailed(
        TEST, USER, client=c, body=models.CandidatePdfRequest.from_dict({"questionAnswerOptions": "ANSWERS_ONLY"})),
    ("GET", "/v1/candidates/pdf/{testId}/{userId}/{jobId}"):
        lambda c: get_candidate_pdf_export_status.sync_detailed(TEST, USER, JOB, client=c),
    ("POST", "/v1/test/{testId}/activate"): lambda c: activate_test.sync_detailed(TEST, client=c),
    ("GET", "/v1/candidates/submissions/{testId}/{userId}"):
        lambda c: order_candidate_submissions_export.sync_detailed(TEST, USER, client=c),
    ("GET", "/v1/candidates/submissions/{testId}/{userId}/{jobId}"):
        lambda c: get_candidate_submissions_export_status.sync_detailed(TEST, USER, JOB, client=c),
    ("POST", "/v1/fileExport/order"): lambda c: order_file_export.sync_detailed(
        client=c, body=models.FileExportOrderRequest.from_dict(
            {"resourceType": "AllUsers", "parameters": {"userType": "admin"}, "expiryPeriod": 3600})),
    ("GET", "/v1/fileExport/status/{jobId}"): lambda c: get_file_export_status.sync_detailed(JOB, client=c),
    ("GET", "/v1/subscription"): lambda c: list_subscriptions.sync_detailed(client=c),
    ("POST", "/v1/subscription"): lambda c: create_subscription.sync_detailed(
        client=c, body=models.SubscriptionRequest.from_dict({"event": "submissions_export_finished",
                                                      "url": "https://hooks.example.org/inspera", "secret": "s"})),
    ("GET", "/v1/subscription/events"): lambda c: list_webhook_events.sync_detailed(client=c),
    ("DELETE", "/v1/subscription/{subscriptionId}"): lambda c: delete_subscription.sync_detailed("sub-1", client=c),
    ("POST", "/v1/test"): lambda c: create_or_update_test.sync_detailed(
        client=c, is_external=True, body=models.TestCreateRequest.from_dict({
            "externalTestId": "EXT-1", "title": "Exam", "startTime": "2025-01-10T09:00:00Z", "duration": 120})),
    ("GET", "/v1/test/search"): lambda c: search_tests.sync_detailed(client=c, title="Exam"),
    ("GET", "/v1/test/{testId}"): lambda c: get_test.sync_detailed(TEST, client=c),
    ("POST", "/v1/test/{testId}/candidates"): lambda c: add_candidates.sync_detailed(
        TEST, client=c, body=models.CandidatesRequest.from_dict({"authenticationSystem": "FEIDE",
                                                          "candidates": [{"externalId": "a@uni.no"}]})),
    ("POST", "/v1/test/{testId}/committees"): lambda c: create_committees.sync_detailed(
        str(TEST), client=c,
        body=models.CommitteesRequest.from_dict({"committees": [{"name": "A", "type": "GRADING"}]})),
    ("DELETE", "/v1/test/{testId}/committees"): lambda c: delete_committees.sync_detailed(
        str(TEST), client=c, body=models.CommitteesRequest.from_dict({"committees": [{"name": "A"}]})),
    ("POST", "/v1/test/{testId}/committees/candidates/move"): lambda c: move_committee_candidates.sync_detailed(
        str(TEST), client=c, body=models.CommitteeMoveRequest.from_dict({"externalIds": ["a"], "toCommittee": "B"})),
    ("POST", "/v1/test/{testId}/committees/candidates/remove"): lambda c: remove_committee_candidates.sync_detailed(
        str(TEST), client=c, body=models.CommitteeRemoveRequest.from_dict({"externalIds": ["a"], "committee": "B"})),
    ("POST", "/v1/test/{testId}/committees/contributors/move"): lambda c: move_committee_contributors.sync_detailed(
        str(TEST), client=c, body=models.CommitteeMoveRequest.from_dict({"externalIds": ["g"], "toCommittee": "B"})),
    ("POST", "/v1/test/{testId}/committees/contributors/remove"):
        lambda c: remove_committee_contributors.sync_detailed(
            str(TEST), client=c,
            body=models.CommitteeRemoveRequest.from_dict({"externalIds": ["g"], "committee": "B"})),
    ("GET", "/v1/test/{testId}/contributors"): lambda c: list_contributors.sync_detailed(TEST, client=c),
    ("POST", "/v1/test/{testId}/contributors"): lambda c: add_contributors.sync_detailed(
        TEST, client=c, body=models.ContributorsRequest.from_dict({"contributors": [
            {"externalId": "g@uni.no", "roles": ["GRADER"], "committeesName": ["A"]}]})),
    ("GET", "/v1/test/{testId}/events"): lambda c: order_test_events_export.sync_detailed(TEST, client=c),
    ("GET", "/v1/test/{testId}/events/{jobId}"):
        lambda c: get_test_events_export_status.sync_detailed(TEST, JOB, client=c),
    ("POST", "/v1/test/{testId}/options"): lambda c: set_test_options.sync_detailed(
        TEST, client=c, body=models.TestOptionsRequest.from_dict({"testOptions": {"securityOptions": [
            {"option": "SEB_SETTINGS_PINCODE", "value": "seb123"}, {"option": "LOCKDOWN_BROWSER", "value": True}]}})),
    ("GET", "/v1/test/{testId}/results"): lambda c: order_results_export.sync_detailed(TEST, client=c),
    ("GET", "/v1/test/{testId}/results/{jobId}"):
        lambda c: get_results_export_status.sync_detailed(TEST, JOB, client=c),
    ("GET", "/v1/test/{testId}/submissions"): lambda c: order_submissions_export.sync_detailed(TEST, client=c),
    ("GET", "/v1/test/{testId}/submissions/{jobId}"):
        lambda c: get_submissions_export_status.sync_detailed(TEST, JOB, client=c),
    ("GET", "/v1/users/external/{authType}/{externalId}"):
        lambda c: find_users_by_external_id.sync_detailed("FEIDE", "a@uni.no", client=c, include_student=True),
    ("POST", "/v1/users/student"): lambda c: create_or_update_student.sync_detailed(
        client=c, body=models.StudentRequest.from_dict({"username": "learner_01", "firstName": "Ada"})),
    ("GET", "/v1/users/{userId}"): lambda c: get_user.sync_detailed(USER, client=c),
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def prism_url() -> Iterator[str]:
    assert PRISM.exists(), "Prism is missing: run `npm ci` (python3 dev.py test does it)"
    port = _free_port()
    process = subprocess.Popen(
        [str(PRISM), "mock", "-d", "-h", "127.0.0.1", "-p", str(port), str(SPEC_PATH)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else "prism exited"
            try:
                httpx.get(f"{url}/v1/subscription/events", headers={"Authorization": "Bearer x"}, timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "prism did not start within 60 s"
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _deep_dict(parsed: Any) -> Any:
    if isinstance(parsed, list):
        return [_deep_dict(item) for item in parsed]
    return parsed.to_dict() if hasattr(parsed, "to_dict") else parsed


def test_every_operation_is_called() -> None:
    assert set(CALLS) | {("POST", "/authenticate/token/")} == spec_operations(load_spec())


@pytest.mark.parametrize("operation", sorted(CALLS), ids=lambda op: f"{op[0]} {op[1]}")
def test_generated_client_parses_prism_answers(operation: tuple[str, str], prism_url: str) -> None:
    documented_body = operation not in {("DELETE", "/v1/subscription/{subscriptionId}"),
                                        ("POST", "/v1/test/{testId}/activate")}
    with AuthenticatedClient(base_url=prism_url, token="prism-token", raise_on_unexpected_status=True) as client:
        for _ in range(SAMPLES):
            response = CALLS[operation](client)
            assert response.status_code == 200, response.content[:500]
            if documented_body:
                assert response.parsed is not None
                _deep_dict(response.parsed)  # serialising back walks every nested model


def test_token_exchange_parses_prism_answers(prism_url: str) -> None:
    with Client(base_url=prism_url, raise_on_unexpected_status=True) as client:
        for _ in range(SAMPLES):
            response = exchange_token.sync_detailed(
                client=client, client_id="tenant", grant_type=models.ExchangeTokenGrantType.AUTHORIZATION_CODE,
                code="key")
            assert response.status_code == 200
            assert response.parsed is not None and response.parsed.to_dict()["access_token"] is not None


def test_parsing_fails_loudly_on_a_wrong_type(prism_url: str) -> None:
    # Guards the test above: a body that breaks the model must raise, not come back as parsed=None.
    broken = httpx.Response(200, json={"userId": "not-a-number", "externalIds": "nope"})
    with AuthenticatedClient(base_url=prism_url, token="t") as client, pytest.raises((TypeError, ValueError)):
        get_user._build_response(client=client, response=broken)

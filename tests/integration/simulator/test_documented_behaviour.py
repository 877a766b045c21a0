"""The simulator does what Inspera's release notes and policy say: JWT tokens, de-duplicated exports with one
finished event, export lifetimes, the candidate PDF, full webhook payloads, external ids of other systems."""

from __future__ import annotations

import base64
import json
import re
import time
from typing import Any

import httpx
import pytest
from inspera.testing import InsperaSimulator

from tests.contract.conftest import exchange
from tests.contract.receiver import webhook_receiver


def _claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    claims: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return claims


def _finished(api: httpx.Client, path: str) -> dict[str, Any]:
    deadline = time.monotonic() + 10
    while (status := api.get(path).json())["status"] == "running":
        assert time.monotonic() < deadline, status
        time.sleep(0.05)
    return status


def test_access_tokens_are_jwts_with_iat_and_exp() -> None:
    with InsperaSimulator(token_lifetime=900, tests=0) as sim:
        before = int(time.time())
        first, second = exchange(sim), exchange(sim)
        for token in (first, second):
            parts = token.split(".")
            assert len(parts) == 3 and all(re.fullmatch(r"[A-Za-z0-9_-]+", part) for part in parts)
            header = json.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
            assert header == {"alg": "HS256", "typ": "JWT"}
            claims = _claims(token)
            assert before <= claims["iat"] <= int(time.time())
            assert claims["exp"] - claims["iat"] in (900, 901)
            assert claims["aud"] == sim.client_id
            assert len(token) > 200  # far longer than the 43-character tokens of before 2022
        assert first != second and len({_claims(first)["jti"], _claims(second)["jti"]}) == 2
        # A token with a forged payload is refused, even though it is well formed.
        header, _payload, signature = first.split(".")
        forged = ".".join([header, base64.urlsafe_b64encode(b'{"sub":"x"}').rstrip(b"=").decode(), signature])
        assert httpx.get(f"{sim.base_url}/v1/subscription", headers={"Authorization": f"Bearer {forged}"}
                         ).status_code == 401


def test_a_second_order_while_the_job_runs_gets_the_same_job_and_one_finished_event() -> None:
    with InsperaSimulator(export_duration=0.5, tests=1, candidates=2) as sim, webhook_receiver() as receiver:
        headers = {"Authorization": f"Bearer {exchange(sim)}"}
        with httpx.Client(base_url=sim.base_url, headers=headers, timeout=10) as api:
            api.post("/v1/subscription", json={"event": "submissions_export_finished", "url": receiver.url,
                                               "secret": "k"})
            test_id = sim.test_ids[0]
            first = api.get(f"/v1/test/{test_id}/submissions").json()
            time.sleep(0.1)
            second = api.get(f"/v1/test/{test_id}/submissions").json()
            assert second["jobId"] == first["jobId"] and 0 < second["progress"] < 100
            assert _finished(api, f"/v1/test/{test_id}/submissions/{first['jobId']}")["status"] == "success"
            deliveries = receiver.wait_for(2)
            time.sleep(0.3)
            assert len(receiver.received) == 2  # the verification and one finished event
            assert json.loads(deliveries[1].body)["extraInfo"]["value"]["jobId"] == first["jobId"]
            # Once the job is done, the same order starts a new one.
            assert api.get(f"/v1/test/{test_id}/submissions").json()["jobId"] != first["jobId"]


@pytest.mark.allow_secret_leaks("plain httpx logs the signed URLs this test fetches; no facade code is involved")
def test_export_lifetimes_are_seconds_within_inspera_s_range(sim: InsperaSimulator, api: httpx.Client) -> None:
    test_id, user_id = sim.test_ids[0], sim.user_ids(sim.test_ids[0])[0]
    refused = [
        api.get(f"/v1/test/{test_id}/results", params={"expiryPeriod": 24}),
        api.get(f"/v1/test/{test_id}/events", params={"expiryPeriod": 86401}),
        api.get(f"/v1/candidates/allResults/{test_id}/{user_id}", params={"expiryPeriod": "soon"}),
        api.post(f"/v1/candidates/pdf/{test_id}/{user_id}", json={"expiryPeriod": 299}),
        api.post("/v1/fileExport/order", json={"resourceType": "AllUsers", "expiryPeriod": 24}),
        api.post("/v1/fileExport/order", json={"resourceType": "AllUsers", "expiryPeriod": True}),
    ]
    assert [r.status_code for r in refused] == [400] * len(refused)
    assert all("expiryPeriod" in r.json()["description"] for r in refused)
    job = api.post("/v1/fileExport/order", json={"resourceType": "AllUsers", "expiryPeriod": 300}).json()
    url = _finished(api, f"/v1/fileExport/status/{job['jobId']}")["exportInfo"]["signedResponseUrl"]
    assert "X-Amz-Expires=300&" in url and httpx.get(url).status_code == 200


def test_the_candidate_pdf_is_a_well_formed_pdf(sim: InsperaSimulator, api: httpx.Client) -> None:
    from inspera._http.redact import install_library_filters

    install_library_filters()  # plain httpx below logs the signed URL; keep the signature out of the log
    test_id, user_id = sim.test_ids[0], sim.user_ids(sim.test_ids[0])[0]
    base = f"/v1/candidates/pdf/{test_id}/{user_id}"
    assert api.post(base, json={"questionAnswerOptions": "EVERYTHING"}).status_code == 400
    files = {}
    for name, body in [("whole", None), ("answers", {"questionAnswerOptions": "ANSWERS_ONLY"})]:
        job = api.post(base, json=body) if body else api.post(base)
        status = _finished(api, f"{base}/{job.json()['jobId']}")
        files[name] = httpx.get(status["exportInfo"]["signedResponseUrl"]).content
    for data in files.values():
        _check_pdf_structure(data)
    assert b"Question 1: " in files["whole"] and b"Question 1: " not in files["answers"]
    assert b"Answer 1" in files["answers"]


def _check_pdf_structure(data: bytes) -> None:
    """Header, every object where the cross-reference table says, startxref pointing at the table, EOF marker."""
    assert data.startswith(b"%PDF-1.4\n") and data.endswith(b"%%EOF\n")
    startxref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    assert data[startxref:].startswith(b"xref\n")
    lines = data[startxref:].split(b"\n")
    count = int(lines[1].split()[1])
    entries = lines[3 : 3 + count - 1]
    for number, entry in enumerate(entries, start=1):
        offset = int(entry.split()[0])
        assert data[offset:].startswith(b"%d 0 obj\n" % number)
    assert b"/Type /Catalog" in data and b"/Count " in data


def test_deliveries_carry_the_full_payload(sim: InsperaSimulator, api: httpx.Client) -> None:
    test_id, user_id = sim.test_ids[0], sim.user_ids(sim.test_ids[0])[0]
    with webhook_receiver() as submissions, webhook_receiver() as files:
        for receiver, event in [(submissions, "submissions_export_finished"), (files, "resource_export_completed")]:
            assert api.post("/v1/subscription", json={"event": event, "url": receiver.url,
                                                      "secret": "k"}).status_code == 200
        api.get(f"/v1/candidates/submissions/{test_id}/{user_id}")
        api.post("/v1/fileExport/order", json={"resourceType": "AllUsers"})
        api.post("/v1/fileExport/order", json={"resourceType": "AllResults",
                                               "parameters": {"assessmentRunId": str(test_id)}})
        verification = json.loads(submissions.wait_for(2)[0].body)
        assert verification["event"] == "verification" and verification["contextObjectType"] == "MARKETPLACE"
        candidate = json.loads(submissions.received[1].body)
        users, results = (json.loads(d.body) for d in files.wait_for(3)[1:])
    stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
    for payload in (verification, candidate, users, results):
        assert payload["marketplaceId"] == sim.marketplace_id and stamp.fullmatch(payload["timestamp"])
        assert {"event", "marketplaceId", "contextObjectId", "contextObjectType", "timestamp"} <= set(payload)
    assert (candidate["contextObjectType"], candidate["contextObjectId"]) == ("ASSESSMENT_RUN", test_id)
    assert (candidate["associatedObjectType"], candidate["associatedObjectId"]) == ("CANDIDATE", user_id)
    assert "triggeringUserId" not in candidate  # the system finished the job, not a user
    by_kind = {p["contextObjectType"]: p for p in (users, results)}
    assert by_kind["MARKETPLACE"]["contextObjectId"] == sim.marketplace_id
    assert by_kind["ASSESSMENT_RUN"]["contextObjectId"] == test_id
    for payload in (users, results):  # resource_export_completed names the user who ordered it
        assert payload["triggeringUserId"] == sim.api_user_id and payload["triggeringUserName"]
    assert api.get(f"/v1/users/{sim.api_user_id}").json()["username"] == users["triggeringUserName"]


def test_an_external_id_is_looked_up_per_system_and_may_come_base64url_encoded(
    sim: InsperaSimulator, api: httpx.Client
) -> None:
    external = "LMS/2025/exam?1"
    lti = api.post("/v1/test", params={"externalSystem": "LTI"}, json={"externalTestId": external, "title": "L"})
    own = api.post("/v1/test", json={"externalTestId": external, "title": "A"})  # same id, the default system
    assert lti.json()["status"] == own.json()["status"] == "created"
    assert lti.json()["assessmentRunId"] != own.json()["assessmentRunId"]
    again = api.post("/v1/test", params={"externalSystem": "LTI"}, json={"externalTestId": external, "title": "L2"})
    assert again.json() == {**lti.json(), "status": "updated"}
    encoded = base64.urlsafe_b64encode(external.encode()).decode()
    flags = {"isExternal": "true", "b64encodedExternalTestId": "true"}
    body = {"committees": [{"name": "A"}]}
    assert api.post(f"/v1/test/{encoded}/committees", params={**flags, "externalSystem": "LTI"}, json=body
                    ).status_code == 200
    assert list(sim.committees(lti.json()["assessmentRunId"])) == ["A"]
    assert api.post(f"/v1/test/{encoded}/committees", params=flags, json=body).status_code == 200
    assert list(sim.committees(own.json()["assessmentRunId"])) == ["A"]
    # Percent-encoding the "/" does not work: the path no longer names one segment.
    assert api.post("/v1/test/LMS%2F2025%2Fexam%3F1/committees", params={"isExternal": "true"}, json=body
                    ).status_code == 404
    hits = api.get("/v1/test/search", params={"externalTestID": external, "externalSystem": "LTI"}).json()
    assert [h["assessmentRunId"] for h in hits["results"]] == [lti.json()["assessmentRunId"]]


def test_general_options_are_read_and_the_singular_is_ignored(sim: InsperaSimulator, api: httpx.Client) -> None:
    test_id = api.post("/v1/test", json={"externalTestId": "OPT-1", "title": "O"}).json()["assessmentRunId"]
    body = {"testOptions": {"generalOptions": [{"option": "A", "value": 1}],
                            "generalOption": [{"option": "B", "value": 2}]}}
    assert api.post(f"/v1/test/{test_id}/options", json=body).json() == {"success": True}
    assert sim.test_options(test_id) == {"generalOptions": {"A": 1}}


def test_activation_rules(sim: InsperaSimulator, api: httpx.Client) -> None:
    template = sim.test_ids[0]
    made = api.post("/v1/test", json={"externalTestId": "ACT-1", "title": "A", "sourceTemplateId": template}).json()
    test_id = made["assessmentRunId"]
    pin = {"testOptions": {"securityOptions": [{"option": "SEB_SETTINGS_PINCODE", "value": "abc123"}]}}
    assert api.post(f"/v1/test/{test_id}/options", json=pin).status_code == 200
    assert api.post(f"/v1/test/{test_id}/activate").status_code == 200
    assert api.post(f"/v1/test/{test_id}/activate").status_code == 200  # already active: still fine
    # Security settings are locked once the test is active.
    assert api.post(f"/v1/test/{test_id}/options", json=pin).status_code == 400
    sim.set_test_status(test_id, "finished")
    refused = api.post(f"/v1/test/{test_id}/activate")
    assert refused.status_code == 400 and "finished" in refused.json()["description"]

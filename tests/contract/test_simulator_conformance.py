"""Every operation of openapi/openapi.json, exercised against the simulator and validated with openapi-core."""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from inspera.testing import InsperaSimulator
from starlette.routing import Match, Route

from .receiver import webhook_receiver
from .spec_check import SpecChecker, spec_operations


@dataclass
class Ctx:
    sim: InsperaSimulator
    api: httpx.Client
    anonymous: httpx.Client
    checker: SpecChecker

    def call(
        self, method: str, path: str, status: int = 200, *, client: httpx.Client | None = None, **kwargs: Any
    ) -> httpx.Response:
        response = (client or self.api).request(method, path, **kwargs)
        assert response.status_code == status, (method, path, response.status_code, response.text)
        return self.checker.check(response)

    def unauthorised(self, method: str, path: str, **kwargs: Any) -> None:
        self.call(method, path, 401, client=self.anonymous, **kwargs)

    @property
    def test_id(self) -> int:
        return self.sim.test_ids[0]

    @property
    def user_id(self) -> int:
        return self.sim.user_ids(self.test_id)[0]

    def new_test(self) -> int:
        stamp = f"CONTRACT-{time.monotonic_ns()}"
        body = self.call("POST", "/v1/test", json={"externalTestId": stamp, "title": "Contract test"}).json()
        test_id: int = body["assessmentRunId"]
        return test_id

    def finished(self, status_path: str) -> dict[str, Any]:
        deadline = time.monotonic() + 10
        while True:
            document: dict[str, Any] = self.call("GET", status_path).json()
            assert 0 <= document["progress"] <= 100
            if document["status"] != "running" or time.monotonic() > deadline:
                return document
            time.sleep(0.05)

    def fetch(self, document: dict[str, Any]) -> httpx.Response:
        """GET a finished job's signed URL with plain httpx, whose request log is redacted by the facade's filter."""
        from inspera._http.redact import install_library_filters

        install_library_filters()
        assert document["status"] == "success", document
        return httpx.get(document["exportInfo"]["signedResponseUrl"])

    def download(self, document: dict[str, Any]) -> Any:
        assert document["status"] == "success", document
        url = document["exportInfo"]["signedResponseUrl"]
        assert url.startswith(self.sim.origin + "/signed/") and "/api/" not in url
        response = self.fetch(document)
        assert response.status_code == 200
        assert int(response.headers["content-length"]) == len(response.content)
        return response.json()


Scenario = Callable[[Ctx], None]
SCENARIOS: dict[tuple[str, str], Scenario] = {}


def scenario(method: str, path: str) -> Callable[[Scenario], Scenario]:
    def register(function: Scenario) -> Scenario:
        SCENARIOS[(method, path)] = function
        return function

    return register


@scenario("POST", "/authenticate/token/")
def _exchange(ctx: Ctx) -> None:
    params = {"grant_type": "authorization_code", "client_id": ctx.sim.client_id}
    body = ctx.call(
        "POST", "/authenticate/token/", client=ctx.anonymous, params=params, headers={"code": ctx.sim.api_key}
    ).json()
    assert body["expires_in"] == 3600 and body["access_token"]
    assert ctx.call(
        "POST", "/authenticate/token/", 401, client=ctx.anonymous, params=params, headers={"code": "wrong"}
    ).json() == {"error": "invalid_grant"}
    ctx.call(
        "POST",
        "/authenticate/token/",
        400,
        client=ctx.anonymous,
        params={"grant_type": "password", "client_id": ctx.sim.client_id},
        headers={"code": ctx.sim.api_key},
    )
    ctx.sim.faults.conflict_on_concurrent_exchanges()
    results: list[httpx.Response] = []
    try:

        def exchange() -> None:
            results.append(
                httpx.post(f"{ctx.sim.base_url}/authenticate/token/", params=params, headers={"code": ctx.sim.api_key})
            )

        threads = [threading.Thread(target=exchange) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        ctx.sim.faults.conflict_on_concurrent_exchanges(False)
    conflicts = [ctx.checker.check(r) for r in results if r.status_code == 409]
    assert conflicts and conflicts[0].json() == {
        "error": "Multiple tokens for user",
        "description": "Please contact inspera support",
    }
    assert any(r.status_code == 200 for r in results)


def _candidate_results(ctx: Ctx) -> None:
    base = f"/v1/candidates/allResults/{ctx.test_id}/{ctx.user_id}"
    job = ctx.call("GET", base, params={"expiryPeriod": 600}).json()
    assert job["status"] == "running" and job["callbackUrl"] == f"{ctx.sim.base_url}{base}/{job['jobId']}"
    assert ctx.call("GET", base).json()["jobId"] == job["jobId"]  # the same export while it runs: the same job
    finished = ctx.finished(f"{base}/{job['jobId']}")
    assert "X-Amz-Expires=600" in finished["exportInfo"]["signedResponseUrl"]
    document = ctx.download(finished)
    ctx.checker.check_document(document, "CandidateResults")
    assert document["assessmentRunId"] == ctx.test_id and document["evaluationRounds"]
    ctx.call("GET", f"{base}/no-such-job", 404)
    ctx.call("GET", f"/v1/candidates/allResults/{ctx.test_id}/1", 404)
    ctx.unauthorised("GET", base)


scenario("GET", "/v1/candidates/allResults/{testId}/{userId}")(_candidate_results)
scenario("GET", "/v1/candidates/allResults/{testId}/{userId}/{jobId}")(_candidate_results)


def _candidate_pdf(ctx: Ctx) -> None:
    base = f"/v1/candidates/pdf/{ctx.test_id}/{ctx.user_id}"
    whole = ctx.call("POST", base, json={}).json()
    answers = ctx.call("POST", base, json={"questionAnswerOptions": "ANSWERS_ONLY", "expiryPeriod": 900}).json()
    assert whole["jobId"] != answers["jobId"]  # another export: not de-duplicated
    for job in (whole, answers):
        response = ctx.fetch(ctx.finished(f"{base}/{job['jobId']}"))
        assert response.headers["content-type"] == "application/pdf" and response.content.startswith(b"%PDF-")
    ctx.call("GET", f"{base}/no-such-job", 404)
    ctx.call("POST", f"/v1/candidates/pdf/{ctx.test_id}/1", 404, json={})
    ctx.unauthorised("POST", base, json={})


scenario("POST", "/v1/candidates/pdf/{testId}/{userId}")(_candidate_pdf)
scenario("GET", "/v1/candidates/pdf/{testId}/{userId}/{jobId}")(_candidate_pdf)


def _candidate_export(ctx: Ctx) -> None:
    base = f"/v1/candidates/submissions/{ctx.test_id}/{ctx.user_id}"
    job = ctx.call("GET", base).json()
    assert job["status"] == "running" and job["progress"] == 0
    assert job["callbackUrl"] == f"{ctx.sim.base_url}{base}/{job['jobId']}"
    document = ctx.download(ctx.finished(f"{base}/{job['jobId']}"))
    ctx.checker.check_document(document, "SubmissionsExportFile")
    assert len(document["ext_inspera_candidates"]) == 1
    ctx.call("GET", f"{base}/no-such-job", 404)
    ctx.call("GET", f"/v1/candidates/submissions/{ctx.test_id}/1", 404)
    ctx.unauthorised("GET", base)


scenario("GET", "/v1/candidates/submissions/{testId}/{userId}")(_candidate_export)
scenario("GET", "/v1/candidates/submissions/{testId}/{userId}/{jobId}")(_candidate_export)


def _file_export(ctx: Ctx) -> None:
    order = {"resourceType": "AllResults", "parameters": {"assessmentRunId": str(ctx.test_id)}, "expiryPeriod": 3600}
    job = ctx.call("POST", "/v1/fileExport/order", json=order).json()
    assert job["callbackUrl"] == f"{ctx.sim.base_url}/v1/fileExport/status/{job['jobId']}"
    assert ctx.call("POST", "/v1/fileExport/order", json=order).json()["jobId"] == job["jobId"]
    document = ctx.download(ctx.finished(f"/v1/fileExport/status/{job['jobId']}"))
    ctx.checker.check_document(document, "ResultsExportFile")
    users = ctx.call(
        "POST", "/v1/fileExport/order", json={"resourceType": "AllUsers", "parameters": {"userType": "admin"}}
    ).json()
    admins = ctx.download(ctx.finished(f"/v1/fileExport/status/{users['jobId']}"))["admins"]
    for admin in admins:
        ctx.checker.check_document(admin, "User")
    unknown = ctx.call("POST", "/v1/fileExport/order", json={"resourceType": "NoSuchThing"}).json()
    assert ctx.finished(f"/v1/fileExport/status/{unknown['jobId']}")["status"] == "failed"
    ctx.call("GET", "/v1/fileExport/status/nope", 404)
    ctx.unauthorised("POST", "/v1/fileExport/order", json=order)


scenario("POST", "/v1/fileExport/order")(_file_export)
scenario("GET", "/v1/fileExport/status/{jobId}")(_file_export)


def _subscriptions(ctx: Ctx) -> None:
    events = ctx.call("GET", "/v1/subscription/events").json()
    assert "submissions_export_finished" in events
    with webhook_receiver() as receiver:
        created = ctx.call(
            "POST",
            "/v1/subscription",
            json={"event": "submissions_export_finished", "url": receiver.url, "secret": "s3cret"},
        ).json()
        verification = receiver.wait_for(1)[0]
        assert verification.headers["x-inspera-signature"]
        ctx.checker.check_document(json.loads(verification.body), "WebhookPayload")
        ctx.call("GET", f"/v1/test/{ctx.test_id}/submissions")
        delivery = json.loads(receiver.wait_for(2)[1].body)
        ctx.checker.check_document(delivery, "WebhookPayload")
        assert delivery["marketplaceId"] == ctx.sim.marketplace_id and delivery["contextObjectId"] == ctx.test_id
        listed = ctx.call("GET", "/v1/subscription").json()
        assert created in listed
        ctx.call("DELETE", f"/v1/subscription/{created['id']}")
        ctx.call("DELETE", f"/v1/subscription/{created['id']}", 404)
        assert created not in ctx.call("GET", "/v1/subscription").json()
    ctx.unauthorised("GET", "/v1/subscription")
    ctx.unauthorised("GET", "/v1/subscription/events")


for _method, _path in [
    ("GET", "/v1/subscription"),
    ("POST", "/v1/subscription"),
    ("GET", "/v1/subscription/events"),
    ("DELETE", "/v1/subscription/{subscriptionId}"),
]:
    scenario(_method, _path)(_subscriptions)


@scenario("POST", "/v1/test")
def _create_test(ctx: Ctx) -> None:
    stamp = f"UPSERT-{time.monotonic_ns()}"
    body = {
        "externalTestId": stamp,
        "title": "Draft",
        "startTime": "2025-01-10T09:00:00Z",
        "duration": 90,
        "sourceTemplateId": ctx.test_id,
    }
    created = ctx.call("POST", "/v1/test", json=body).json()
    assert created["status"] == "created" and created["success"] is True
    updated = ctx.call("POST", "/v1/test", params={"isExternal": "true"}, json={**body, "title": "Final"}).json()
    assert updated == {**created, "status": "updated"}
    metadata = ctx.call("GET", f"/v1/test/{created['assessmentRunId']}").json()
    assert metadata["title"] == "Final" and metadata["endTime"] == "2025-01-10T10:30:00Z"
    ctx.unauthorised("POST", "/v1/test", json=body)


@scenario("GET", "/v1/test/search")
def _search(ctx: Ctx) -> None:
    everything = ctx.call("GET", "/v1/test/search").json()
    assert everything["hits"] >= len(ctx.sim.test_ids) - 0 and everything["results"]
    first = everything["results"][0]
    exact = ctx.call("GET", "/v1/test/search", params={"externalTestID": first["externalId"]}).json()
    assert [hit["assessmentRunId"] for hit in exact["results"]] == [first["assessmentRunId"]]
    assert ctx.call("GET", "/v1/test/search", params={"title": "no such title"}).json()["hits"] == 0
    assert ctx.call("GET", "/v1/test/search", params={"query": "finished"}).json()["hits"] >= 1
    ctx.unauthorised("GET", "/v1/test/search")


@scenario("GET", "/v1/test/{testId}")
def _get_test(ctx: Ctx) -> None:
    body = ctx.call("GET", f"/v1/test/{ctx.test_id}").json()
    assert body["assessmentRunId"] == ctx.test_id and body["committees"] and body["contributors"]
    external = ctx.sim.test_ids[0]
    ctx.call("GET", f"/v1/test/{external}", 404, params={"isExternal": "true"})
    ctx.call("GET", "/v1/test/1", 404)
    ctx.unauthorised("GET", f"/v1/test/{ctx.test_id}")


@scenario("POST", "/v1/test/{testId}/candidates")
def _add_candidates(ctx: Ctx) -> None:
    test_id = ctx.new_test()
    body = {
        "authenticationSystem": "FEIDE",
        "candidates": [
            {
                "externalId": "new.student@uni.example.no",
                "firstName": "Kari",
                "lastName": "Nordmann",
                "extraTimeMins": 30,
            },
            {"externalId": "other.student@uni.example.no"},
        ],
    }
    body["candidates"][0].update(buildingName="Sentralbygg 1", roomName="Room 101")
    assert ctx.call("POST", f"/v1/test/{test_id}/candidates", json=body).json() == {"success": True, "errors": []}
    assert len(ctx.sim.user_ids(test_id)) == 2
    kari = ctx.sim.user_ids(test_id)[0]
    emptied = {"externalId": "new.student@uni.example.no", "roomName": "", "buildingName": ""}
    ctx.call("POST", f"/v1/test/{test_id}/candidates", json={"authenticationSystem": "FEIDE", "candidates": [emptied]})
    assert ctx.sim.candidate_details(test_id)[kari]["roomName"] == "Room 101"  # an empty name does not clear it
    cleared = {"externalId": "new.student@uni.example.no", "removeRoomName": True, "removeBuildingName": True}
    ctx.call("POST", f"/v1/test/{test_id}/candidates", json={"authenticationSystem": "FEIDE", "candidates": [cleared]})
    assert ctx.sim.candidate_details(test_id)[kari] == {"extraTimeMins": 30, "buildingName": None, "roomName": None}
    crowd = {"candidates": [{"externalId": f"crowd{i}@uni.example.no"} for i in range(1499)]}
    refused = ctx.call("POST", f"/v1/test/{test_id}/candidates", 400, json=crowd).json()
    assert "1500" in refused["description"] and len(ctx.sim.user_ids(test_id)) == 2
    ctx.call("POST", f"/v1/test/{test_id}/candidates", json={"candidates": crowd["candidates"][:1498]})
    assert len(ctx.sim.user_ids(test_id)) == 1500
    ctx.call("POST", "/v1/test/1/candidates", 404, json=body)
    ctx.unauthorised("POST", f"/v1/test/{test_id}/candidates", json=body)


def _committees(ctx: Ctx) -> None:
    test_id = ctx.new_test()
    base = f"/v1/test/{test_id}/committees"
    ctx.call(
        "POST",
        base,
        json={
            "committees": [{"name": "A"}, {"name": "B", "type": "GRADING"}, {"name": "Appeals", "type": "REASSESSMENT"}]
        },
    )
    students = [f"cand{i}@uni.example.no" for i in range(3)]
    ctx.call(
        "POST",
        f"/v1/test/{test_id}/candidates",
        json={"authenticationSystem": "FEIDE", "candidates": [{"externalId": s} for s in students]},
    )
    ctx.call(
        "POST",
        f"/v1/test/{test_id}/contributors",
        json={
            "authenticationSystem": "FEIDE",
            "contributors": [{"externalId": "grader@uni.example.no", "roles": ["GRADER"], "committeesName": ["A"]}],
        },
    )
    moved = ctx.call("POST", f"{base}/candidates/move", json={"externalIds": students[:2], "toCommittee": "A"}).json()
    assert moved["success"] is True
    ctx.call(
        "POST", f"{base}/candidates/move", json={"externalIds": [students[0]], "fromCommittee": "A", "toCommittee": "B"}
    )
    assert ctx.sim.committees(test_id)["A"]["candidates"] == [students[1]]
    assert ctx.sim.committees(test_id)["B"]["candidates"] == [students[0]]
    partial = ctx.call(
        "POST", f"{base}/candidates/remove", json={"committee": "A", "externalIds": [students[1], "stranger"]}
    ).json()
    assert partial["success"] is False and len(partial["errors"]) == 1
    ctx.call(
        "POST",
        f"{base}/contributors/move",
        json={"externalIds": ["grader@uni.example.no"], "fromCommittee": "A", "toCommittee": "Appeals"},
    )
    assert ctx.sim.committees(test_id)["Appeals"]["contributors"] == ["grader@uni.example.no"]
    contributors = ctx.call("GET", f"/v1/test/{test_id}/contributors").json()
    assert contributors[0]["committees"] == ["Appeals"]
    ctx.call(
        "POST", f"{base}/contributors/remove", json={"committee": "Appeals", "externalIds": ["grader@uni.example.no"]}
    )
    assert ctx.sim.committees(test_id)["Appeals"]["contributors"] == []
    ctx.call("POST", f"{base}/candidates/move", 404, json={"externalIds": students, "toCommittee": "Nope"})
    ctx.call("POST", f"{base}/contributors/remove", 404, json={"committee": "Nope", "externalIds": []})
    deleted = ctx.call("DELETE", base, json={"committees": [{"name": "B"}, {"name": "Ghost"}]}).json()
    assert deleted["success"] is False and "B" not in ctx.sim.committees(test_id)
    # An external id of another system, containing "/", addressed base64url-encoded.
    external = f"LMS/{time.monotonic_ns()}/exam"
    made = ctx.call("POST", "/v1/test", params={"externalSystem": "LTI"},
                    json={"externalTestId": external, "title": "From the LMS"}).json()["assessmentRunId"]
    encoded = base64.urlsafe_b64encode(external.encode()).decode()
    flags = {"isExternal": "true", "externalSystem": "LTI", "b64encodedExternalTestId": "true"}
    ctx.call("POST", f"/v1/test/{encoded}/committees", params=flags, json={"committees": [{"name": "LMS"}]})
    assert list(ctx.sim.committees(made)) == ["LMS"]
    ctx.call("POST", f"/v1/test/{encoded}/committees", 404, params={**flags, "externalSystem": "API"},
             json={"committees": [{"name": "X"}]})
    ctx.call("POST", "/v1/test/not*base64/committees", 404, params=flags, json={"committees": [{"name": "X"}]})
    for method, path in [
        ("POST", base),
        ("DELETE", base),
        ("POST", f"{base}/candidates/move"),
        ("POST", f"{base}/candidates/remove"),
        ("POST", f"{base}/contributors/move"),
        ("POST", f"{base}/contributors/remove"),
    ]:
        ctx.call(
            method,
            path.replace(str(test_id), "1"),
            404,
            json={"committees": [], "externalIds": [], "toCommittee": "A", "committee": "A"},
        )
        ctx.unauthorised(method, path, json={"committees": []})


for _method, _path in [
    ("POST", "/v1/test/{testId}/committees"),
    ("DELETE", "/v1/test/{testId}/committees"),
    ("POST", "/v1/test/{testId}/committees/candidates/move"),
    ("POST", "/v1/test/{testId}/committees/candidates/remove"),
    ("POST", "/v1/test/{testId}/committees/contributors/move"),
    ("POST", "/v1/test/{testId}/committees/contributors/remove"),
    ("GET", "/v1/test/{testId}/contributors"),
    ("POST", "/v1/test/{testId}/contributors"),
]:
    scenario(_method, _path)(_committees)


def _test_export(kind: str, schema: str) -> Scenario:
    def run(ctx: Ctx) -> None:
        base = f"/v1/test/{ctx.test_id}/{kind}"
        job = ctx.call("GET", base, params={"expiryPeriod": 86400}).json()
        assert job == {"jobId": job["jobId"], "status": "running", "progress": 0,
                       "callbackUrl": f"{ctx.sim.base_url}{base}/{job['jobId']}"}
        document = ctx.download(ctx.finished(f"{base}/{job['jobId']}"))
        ctx.checker.check_document(document, schema)
        ctx.call("GET", f"{base}/unknown-job", 404)
        ctx.call("GET", f"/v1/test/1/{kind}", 404)
        ctx.unauthorised("GET", base)

    return run


for _kind, _schema in [
    ("events", "TestEventsExportFile"),
    ("results", "ResultsExportFile"),
    ("submissions", "SubmissionsExportFile"),
]:
    scenario("GET", f"/v1/test/{{testId}}/{_kind}")(_test_export(_kind, _schema))
    scenario("GET", f"/v1/test/{{testId}}/{_kind}/{{jobId}}")(_test_export(_kind, _schema))


@scenario("POST", "/v1/test/{testId}/options")
def _options(ctx: Ctx) -> None:
    test_id = ctx.new_test()
    options = {
        "testOptions": {
            "securityOptions": [
                {"option": "SEB_SETTINGS_PINCODE", "value": "seb123"},
                {"option": "LOCKDOWN_BROWSER", "value": True},
            ],
            "explanationOptions": [{"option": "EXPLANATION_OF_GRADES_ADMINISTRATION_ENABLED", "value": False}],
            "generalOptions": [{"option": "GENERAL_OPTION", "value": "x"}],
        }
    }
    assert ctx.call("POST", f"/v1/test/{test_id}/options", json=options).json() == {"success": True}
    assert ctx.sim.test_options(test_id)["securityOptions"] == {
        "SEB_SETTINGS_PINCODE": "seb123",
        "LOCKDOWN_BROWSER": True,
    }
    assert ctx.sim.test_options(test_id)["generalOptions"] == {"GENERAL_OPTION": "x"}
    ctx.call("POST", "/v1/test/1/options", 404, json=options)
    ctx.unauthorised("POST", f"/v1/test/{test_id}/options", json=options)


@scenario("POST", "/v1/test/{testId}/activate")
def _activate(ctx: Ctx) -> None:
    empty = ctx.new_test()  # created without a template: no questions
    refused = ctx.call("POST", f"/v1/test/{empty}/activate", 400).json()
    assert "no questions" in refused["description"]
    stamp = f"ACTIVATE-{time.monotonic_ns()}"
    ready = ctx.call("POST", "/v1/test", json={"externalTestId": stamp, "title": "On demand",
                                                "sourceTemplateId": ctx.test_id}).json()["assessmentRunId"]
    ctx.call("POST", f"/v1/test/{ready}/activate")
    assert ctx.call("GET", f"/v1/test/{ready}").json()["status"] == "active"
    finished = next(t for t in ctx.sim.test_ids if ctx.call("GET", f"/v1/test/{t}").json()["status"] == "finished")
    ctx.call("POST", f"/v1/test/{finished}/activate", 400)
    ctx.call("POST", "/v1/test/1/activate", 404)
    ctx.unauthorised("POST", f"/v1/test/{ready}/activate")


@scenario("GET", "/v1/users/external/{authType}/{externalId}")
def _users_by_external_id(ctx: Ctx) -> None:
    contributor = ctx.call("GET", f"/v1/test/{ctx.test_id}").json()["contributors"][0]
    ident = contributor["externalUserIds"][0]
    found = ctx.call("GET", f"/v1/users/external/{ident['authType']}/{ident['externalUserId']}").json()
    assert [u["userId"] for u in found] == [contributor["userId"]]
    student = ctx.call("GET", f"/v1/users/{ctx.user_id}").json()["externalIds"][0]
    path = f"/v1/users/external/{student['authType']}/{student['externalId']}"
    ctx.call("GET", path, 404)
    assert ctx.call("GET", path, params={"includeStudent": "true"}).json()[0]["userId"] == ctx.user_id
    ctx.unauthorised("GET", path)


@scenario("POST", "/v1/users/student")
def _student(ctx: Ctx) -> None:
    name = f"learner_{time.monotonic_ns() % 10**9}"
    created = ctx.call("POST", "/v1/users/student", json={"username": name, "firstName": "Ada", "email": "a@x.no"})
    assert created.json() == {"success": True, "username": name}
    duplicate = ctx.call("POST", "/v1/users/student", 400, json={"username": name, "lastName": "Lovelace"})
    assert "already exists" in duplicate.json()["description"]
    ctx.unauthorised("POST", "/v1/users/student", json={"username": name})


@scenario("GET", "/v1/users/{userId}")
def _get_user(ctx: Ctx) -> None:
    user = ctx.call("GET", f"/v1/users/{ctx.user_id}").json()
    assert user["userId"] == ctx.user_id and user["username"]
    ctx.call("GET", "/v1/users/1", 404)
    ctx.unauthorised("GET", f"/v1/users/{ctx.user_id}")


def test_every_spec_operation_has_a_scenario(spec: dict[str, Any]) -> None:
    assert set(SCENARIOS) == spec_operations(spec)


def test_every_spec_operation_has_a_simulator_route(spec: dict[str, Any], sim: InsperaSimulator) -> None:
    routes = _api_routes(sim)
    missing = []
    for method, template in sorted(spec_operations(spec)):
        concrete = "/api" + template.format(
            testId=123, userId=456, jobId="job", subscriptionId="sub", authType="FEIDE", externalId="someone"
        )
        scope = {"type": "http", "method": method, "path": concrete, "root_path": ""}
        if not any(route.matches(scope)[0] == Match.FULL for route in routes):
            missing.append(f"{method} {template}")
    assert missing == []


def test_the_simulator_serves_nothing_the_spec_does_not_describe(spec: dict[str, Any], sim: InsperaSimulator) -> None:
    served = {
        (m, "/" + r.path.removeprefix("/api/").replace(":int}", "}"))
        for r in _api_routes(sim)
        for m in r.methods or ()
        if m != "HEAD"
    }
    assert served == spec_operations(spec)


def _api_routes(sim: InsperaSimulator) -> list[Route]:
    app = sim._app
    assert app is not None
    routes: list[Route] = []
    for mount in app.routes.routes:
        children = getattr(mount, "routes", None)
        if children is None:
            continue
        for child in children:
            assert isinstance(child, Route)
            routes.append(Route("/api" + child.path, child.endpoint, methods=list(child.methods or [])))
    return routes


def _distinct_scenarios() -> list[tuple[str, Scenario]]:
    """One entry per scenario function (several operations share one), named after the operations it covers."""
    covered: dict[Scenario, list[str]] = {}
    for (method, path), function in sorted(SCENARIOS.items()):
        covered.setdefault(function, []).append(f"{method} {path}")
    return [(" + ".join(names), function) for function, names in covered.items()]


@pytest.mark.parametrize(("operations", "run"), _distinct_scenarios(), ids=[n for n, _ in _distinct_scenarios()])
def test_operations_conform_to_the_spec(
    operations: str, run: Scenario, sim: InsperaSimulator, api: httpx.Client, anonymous: httpx.Client,
    checker: SpecChecker,
) -> None:
    run(Ctx(sim, api, anonymous, checker))

"""A simulator on 127.0.0.1 (under uvicorn) plus a webhook sink, ready for a contract run: base URL, token, seeds."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from .schemathesis_run import Seeds

EXTERNAL_TEST_ID = 9_000_000_001


@dataclass(frozen=True)
class Live:
    base_url: str
    token: str
    seeds: Seeds


@contextmanager
def webhook_sink() -> Iterator[str]:
    """An endpoint on 127.0.0.1 that answers every POST (verification or delivery) with 200; yields its URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks/inspera"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def live_simulator(*, seed: int = 11, tests: int = 2, candidates: int = 2) -> Iterator[Live]:
    """Start the simulator (exports finish at once) and a webhook sink; yield what a contract run needs."""
    from inspera.testing import InsperaSimulator  # the facade is needed only while a run is live

    with InsperaSimulator(export_duration=0.0, candidates=candidates, tests=tests, seed=seed) as sim, \
            webhook_sink() as hooks:
        answer = httpx.post(f"{sim.base_url}/authenticate/token/",
                            params={"grant_type": "authorization_code", "client_id": sim.client_id},
                            headers={"code": sim.api_key}, timeout=10)
        answer.raise_for_status()
        token = str(answer.json()["access_token"])
        with httpx.Client(base_url=sim.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=10) as api:
            yield Live(sim.base_url, token, _seeds(api, sim.test_ids[0], sim.user_ids(sim.test_ids[0]), hooks))


def _seeds(api: httpx.Client, test: int, candidates: list[int], hooks: str) -> Seeds:
    """The seeded test, its candidates, the sink, the event catalogue and one finished export job of each kind."""
    user = candidates[0]
    orders = {
        "get_submissions_export_status": ("GET", f"/v1/test/{test}/submissions", None),
        "get_test_events_export_status": ("GET", f"/v1/test/{test}/events", None),
        "get_results_export_status": ("GET", f"/v1/test/{test}/results", None),
        "get_candidate_submissions_export_status": ("GET", f"/v1/candidates/submissions/{test}/{user}", None),
        "get_candidate_results_export_status": ("GET", f"/v1/candidates/allResults/{test}/{user}", None),
        "get_candidate_pdf_export_status": ("POST", f"/v1/candidates/pdf/{test}/{user}", {}),
        "get_file_export_status": ("POST", "/v1/fileExport/order", {"resourceType": "AllUsers"}),
    }
    jobs: dict[str, dict[str, list[Any]]] = {}
    for status_operation, (method, path, body) in orders.items():
        answer = api.request(method, path, json=body)
        answer.raise_for_status()
        jobs[status_operation] = {"path.jobId": [answer.json()["jobId"]]}
    # A test made from the seeded one has questions and has not started, so it can be activated; its external id
    # is a number, so `isExternal=true` with a numeric testId names it too.
    created = api.post("/v1/test", json={"externalTestId": str(EXTERNAL_TEST_ID), "title": "Contract run",
                                         "sourceTemplateId": test})
    created.raise_for_status()
    fresh = int(created.json()["assessmentRunId"])
    ids = [test, fresh, EXTERNAL_TEST_ID]
    events = [str(e) for e in api.get("/v1/subscription/events").json()]
    committees = [str(c["name"]) for c in api.get(f"/v1/test/{test}").json().get("committees") or []]
    identity = (api.get(f"/v1/users/{user}").json().get("externalIds") or [{}])[0]
    return Seeds(
        parameters={
            "path.testId": ids, "path.userId": [user], "query.externalSystem": ["API"],
            "body.url": [hooks], "body.event": events,
            "body.committee": committees, "body.toCommittee": committees, "body.fromCommittee": committees,
            "path.authType": [identity.get("authType")] if identity else [],
            "path.externalId": [identity.get("externalId")] if identity else [],
        },
        # Only the fresh test can go live: the seeded ones are under way or over, a linked new one has no questions.
        operations={**jobs, "activate_test": {"path.testId": [fresh]}},
    )

"""Webhook subscriptions: endpoint verification, signed deliveries when exports finish, and retries."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import httpx
from inspera.testing import InsperaSimulator

from tests.contract.conftest import exchange
from tests.contract.receiver import webhook_receiver


def _signed_by(secret: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(hmac.new(secret.encode(), body, hashlib.sha1).hexdigest(), signature)


def test_subscribe_verifies_the_endpoint_and_refuses_one_that_fails(sim: InsperaSimulator,
                                                                    api: httpx.Client) -> None:
    with webhook_receiver() as receiver:
        receiver.statuses = [500]
        refused = api.post("/v1/subscription", json={"event": "resource_export_completed", "url": receiver.url,
                                                     "secret": "k"})
        assert refused.status_code == 400 and "verification" in refused.json()["description"]
        assert len(receiver.received) == 1  # the verification is not retried
        assert api.get("/v1/subscription").json() == []
        accepted = api.post("/v1/subscription", json={"event": "resource_export_completed", "url": receiver.url,
                                                      "secret": "k"})
        assert accepted.status_code == 200
        verification = receiver.received[1]
        assert json.loads(verification.body)["event"] == "verification"
        assert _signed_by("k", verification.body, verification.headers["x-inspera-signature"])
    unreachable = api.post("/v1/subscription", json={"event": "resource_export_completed",
                                                     "url": "http://127.0.0.1:9/nothing", "secret": "k"})
    assert unreachable.status_code == 400
    assert api.post("/v1/subscription", json={"event": "no_such_event", "url": "http://x", "secret": "k"}
                    ).status_code == 400


def test_finished_exports_are_delivered_signed_to_their_subscribers(sim: InsperaSimulator,
                                                                      api: httpx.Client) -> None:
    test_id = sim.test_ids[0]
    with webhook_receiver() as submissions, webhook_receiver() as events, webhook_receiver() as files:
        for receiver, event in [(submissions, "submissions_export_finished"),
                                (events, "event_by_candidates_export_finished"), (files, "resource_export_completed")]:
            assert api.post("/v1/subscription", json={"event": event, "url": receiver.url,
                                                      "secret": f"secret-{event}"}).status_code == 200
        job = api.get(f"/v1/test/{test_id}/submissions").json()["jobId"]
        api.get(f"/v1/test/{test_id}/events")
        api.post("/v1/fileExport/order", json={"resourceType": "AllUsers"})
        for receiver, event in [(submissions, "submissions_export_finished"),
                                (events, "event_by_candidates_export_finished"), (files, "resource_export_completed")]:
            delivery = receiver.wait_for(2)[1]
            payload = json.loads(delivery.body)
            assert payload["event"] == event
            assert _signed_by(f"secret-{event}", delivery.body, delivery.headers["x-inspera-signature"])
            url = payload["extraInfo"]["value"]["signedResponseUrl"]
            assert httpx.get(url).status_code == 200
        submission = json.loads(submissions.received[1].body)
        assert submission["contextObjectId"] == test_id and submission["extraInfo"]["value"]["jobId"] == job


def test_a_failing_subscriber_gets_three_retries() -> None:
    with InsperaSimulator(export_duration=0.1, tests=1, candidates=1, webhook_retry_delay=0.05) as sim, \
            webhook_receiver() as receiver:
        headers = {"Authorization": f"Bearer {exchange(sim)}"}
        httpx.post(f"{sim.base_url}/v1/subscription", headers=headers,
                   json={"event": "submissions_export_finished", "url": receiver.url, "secret": "k"})
        receiver.statuses = [503, 500, 502, 504, 500]
        httpx.get(f"{sim.base_url}/v1/test/{sim.test_ids[0]}/submissions", headers=headers)
        deliveries = receiver.wait_for(5)
        assert len(deliveries) == 5  # verification + the first attempt + 3 retries
        assert len({d.body for d in deliveries[1:]}) == 1
        deadline = time.monotonic() + 5
        while len(attempts := [d.attempt for d in sim.stats.webhook_deliveries
                               if d.event == "submissions_export_finished"]) < 4 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert attempts == [1, 2, 3, 4]
        time.sleep(0.3)  # a fifth attempt would come webhook_retry_delay after the fourth
        assert len(receiver.received) == 5

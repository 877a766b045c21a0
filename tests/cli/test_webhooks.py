"""`inspera webhooks ...`: event types, subscribe/list/delete against the simulator, offline verification."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from inspera.testing import InsperaSimulator
from inspera.webhooks import sign

from tests.contract.receiver import webhook_receiver

from .conftest import Runner

EVENT = "resource_export_completed"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "webhook-secret"
    path.write_text("a-long-webhook-secret\n")
    return path


def test_events_are_listed_one_per_line(cli: Runner, tenant: InsperaSimulator) -> None:
    result = cli("webhooks", "events")
    assert result.code == 0 and EVENT in result.out.splitlines()
    assert EVENT in cli("--json", "webhooks", "events").json()


def test_subscribe_list_delete(cli: Runner, tenant: InsperaSimulator, secret_file: Path) -> None:
    with webhook_receiver() as receiver:
        created = cli("webhooks", "subscribe", receiver.url, EVENT, "--secret-file", str(secret_file))
        assert created.code == 0, created.err
        subscription_id = created.out.strip()
        [verification] = receiver.received  # the simulator checked the endpoint before accepting it
        assert verification.headers["x-inspera-signature"] == sign(verification.body, "a-long-webhook-secret")
    listed = cli("--json", "webhooks", "list").json()
    assert [(s["id"], s["event"], s["url"]) for s in listed] == [(subscription_id, EVENT, receiver.url)]
    table = cli("webhooks", "list")
    assert subscription_id in table.out and receiver.url in table.out
    assert cli("webhooks", "delete", subscription_id).code == 0
    assert cli("--json", "webhooks", "list").json() == []
    empty = cli("webhooks", "list")
    assert empty.out == "" and "no subscriptions" in empty.err
    again = cli("webhooks", "delete", subscription_id)
    assert again.code == 1 and "HTTP 404" in again.error_line


def test_subscribe_secret_from_environment_and_refusals(cli: Runner, tenant: InsperaSimulator,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with webhook_receiver() as receiver:
        no_secret = cli("webhooks", "subscribe", receiver.url, EVENT)
        assert no_secret.code == 2 and "INSPERA_WEBHOOK_SECRET" in no_secret.error_line
        monkeypatch.setenv("INSPERA_WEBHOOK_SECRET", "secret-from-env")
        receiver.statuses = [500]
        refused = cli("webhooks", "subscribe", receiver.url, EVENT)
        assert refused.code == 1 and "verification" in refused.error_line
        accepted = cli("--json", "webhooks", "subscribe", receiver.url, EVENT)
        assert accepted.code == 0 and accepted.json()["event"] == EVENT
        assert receiver.received[-1].headers["x-inspera-signature"] == sign(receiver.received[-1].body,
                                                                            "secret-from-env")
    assert "secret-from-env" not in accepted.out + accepted.err


def test_verify_checks_a_delivery_offline(cli: Runner, secret_file: Path, tmp_path: Path) -> None:
    body = json.dumps({"event": EVENT, "marketplaceId": 1357, "contextObjectId": 7, "contextObjectType": "MARKETPLACE",
                       "timestamp": "2024-05-06T09:00:00Z"}).encode()
    signature = sign(body, "a-long-webhook-secret")
    body_file = tmp_path / "body.json"
    body_file.write_bytes(body)
    valid = cli("webhooks", "verify", str(body_file), "--signature", signature, "--secret-file", str(secret_file))
    assert valid.code == 0 and "valid" in valid.err and EVENT in valid.err
    from_stdin = cli("--json", "webhooks", "verify", "--signature", signature, "--secret-file", str(secret_file),
                     stdin=body)
    assert from_stdin.code == 0 and from_stdin.json()["valid"] is True
    assert from_stdin.json()["event"]["event"] == EVENT
    tampered = cli("webhooks", "verify", "--signature", signature, "--secret-file", str(secret_file),
                   stdin=body.replace(b"7", b"8"))
    assert tampered.code == 1 and "invalid" in tampered.err
    wrong_secret = cli("--json", "webhooks", "verify", str(body_file), "--signature", signature)
    assert wrong_secret.code == 2  # no secret at all: a usage error, not "invalid"


def test_verify_with_the_secret_from_the_environment(cli: Runner, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPERA_WEBHOOK_SECRET", "other-secret")
    body = b'{"event": "x"}'
    (tmp_path / "body").write_bytes(body)
    signature = sign(body, "a-long-webhook-secret")
    mismatch = cli("--json", "webhooks", "verify", str(tmp_path / "body"), "--signature", signature)
    assert mismatch.code == 1 and mismatch.json() == {"valid": False}
    missing = cli("webhooks", "verify", str(tmp_path / "nope"), "--signature", "00")
    assert missing.code == 2 and "cannot read the body file" in missing.error_line

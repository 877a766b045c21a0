"""Webhook signature verification and event parsing."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from inspera.webhooks import WebhookError, parse_event, verify_signature

SECRET = "subscription-secret"
BODY = json.dumps(
    {"event": "confirm_final_grades", "marketplaceId": 1357, "contextObjectId": 7,
     "contextObjectType": "ASSESSMENT_RUN", "timestamp": "2024-05-06T12:00:00Z"}
).encode()
SIGNATURE = hmac.new(SECRET.encode(), BODY, hashlib.sha1).hexdigest()


def test_a_correct_signature_verifies() -> None:
    assert verify_signature(BODY, SIGNATURE, SECRET)
    assert verify_signature(BODY, SIGNATURE.upper(), SECRET)


@pytest.mark.parametrize(
    ("body", "signature", "secret"),
    [(BODY + b" ", SIGNATURE, SECRET), (BODY, SIGNATURE, "other"), (BODY, "", SECRET), (BODY, SIGNATURE, ""),
     (BODY, SIGNATURE[:-1], SECRET), (BODY, "zz" * 20, SECRET), (BODY, "é" * 40, SECRET)],
)
def test_wrong_or_missing_signatures_fail(body: bytes, signature: str, secret: str) -> None:
    assert not verify_signature(body, signature, secret)


def test_the_body_must_be_raw_bytes() -> None:
    with pytest.raises(TypeError):
        verify_signature(BODY.decode(), SIGNATURE, SECRET)  # type: ignore[arg-type]


def test_events_parse_into_the_generated_model() -> None:
    event = parse_event(BODY)
    assert (event.event, event.context_object_id, event.timestamp.year) == ("confirm_final_grades", 7, 2024)
    assert (event.marketplace_id, event.context_object_type) == (1357, "ASSESSMENT_RUN")


def test_the_full_payload_parses_and_object_types_stay_open() -> None:
    full = {
        "event": "revision_status_updated", "marketplaceId": 1357, "contextObjectId": 9,
        "contextObjectType": "QUESTION",
        "associatedObjectId": 11, "associatedObjectType": "USER_QUESTION", "triggeringUserId": 5,
        "triggeringUserName": "planner", "timestamp": "2021-06-29T18:16:06Z",
        "extraInfo": {"value": "READY", "previousValue": "DRAFT"},
    }
    event = parse_event(json.dumps(full))
    assert (event.associated_object_type, event.triggering_user_id, event.triggering_user_name) == (
        "USER_QUESTION", 5, "planner")
    assert event.extra_info.to_dict() == {"value": "READY", "previousValue": "DRAFT"}
    # An object type Inspera adds later is a string like the others, not a parse failure.
    assert parse_event(json.dumps({**full, "contextObjectType": "NEW_KIND"})).context_object_type == "NEW_KIND"


@pytest.mark.parametrize(
    "body", [b"", b"{not json", b"[1, 2]", b'{"contextObjectId": 7}', b'{"event": ""}', b"\xff\xfe",
             b'{"event": "x", "timestamp": "yesterday"}',
             BODY.replace(b'"marketplaceId": 1357, ', b"")],  # a mandatory field missing
)
def test_malformed_events_raise_a_typed_error(body: bytes) -> None:
    with pytest.raises(WebhookError):
        parse_event(body)

"""Secrets stay out of the facade's logs: signed-URL signatures, tokens and the key."""

from __future__ import annotations

import logging

import httpx
import pytest
from inspera import Inspera
from inspera._redact import redact_text, redact_url

from .fakes import API_KEY, FakeInspera, make_client

SIGNED = "https://bucket.s3.amazonaws.com/x.json?X-Amz-Expires=3600&X-Amz-Signature=deadbeefcafe1234&a=1"


def test_signed_url_queries_are_redacted() -> None:
    cleaned = redact_url(SIGNED)
    assert "deadbeefcafe1234" not in cleaned and "X-Amz-Expires=3600" in cleaned and "a=1" in cleaned
    assert "deadbeefcafe1234" not in redact_text(f"GET {SIGNED} failed")
    assert redact_url("https://h/api/v1/test/1") == "https://h/api/v1/test/1"


def test_debug_logs_hold_no_key_token_or_signature(caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeInspera()
    fake.test_route()
    fake.route("GET", "/x.json", lambda _: httpx.Response(200, text="{}"))
    caplog.set_level(logging.DEBUG)
    client = make_client("sync", fake)
    assert isinstance(client, Inspera)
    with client:
        client.tests.get(7)
        fake.expire_all()
        client.tests.get(7)
        client._plain_http().get(SIGNED.replace("https://bucket.s3.amazonaws.com", "https://acme.inspera.no/api"))
    assert "authorization" not in fake.requests[-1].headers
    tokens = {r.headers["Authorization"][7:] for r in fake.requests if "Authorization" in r.headers}
    assert tokens and any(record.name == "inspera" for record in caplog.records)
    text = "\n".join(record.getMessage() for record in caplog.records)
    for secret in (API_KEY, "deadbeefcafe1234", *tokens):
        assert secret not in text
    assert "access token refused" in text

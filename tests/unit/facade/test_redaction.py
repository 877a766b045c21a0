"""Secrets stay out of the facade's logs: signed-URL signatures, tokens and the key."""

from __future__ import annotations

import logging

import httpx
import pytest
from inspera import Inspera
from inspera._http.redact import redact_text, redact_url

from .fakes import API_KEY, FakeInspera, make_client

SIGNED = "https://bucket.s3.amazonaws.com/x.json?X-Amz-Expires=3600&X-Amz-Signature=deadbeefcafe1234&a=1"


def test_signed_url_queries_are_redacted_deny_by_default() -> None:
    cleaned = redact_url(SIGNED)
    assert "deadbeefcafe1234" not in cleaned and "X-Amz-Expires=3600" in cleaned and "a=REDACTED" in cleaned
    assert "deadbeefcafe1234" not in redact_text(f"GET {SIGNED} failed")
    assert redact_url("https://h/api/v1/test/1") == "https://h/api/v1/test/1"
    # Signatures under any name: Google Cloud Storage, Azure SAS, CloudFront, a CDN's own token.
    for url in (
        "https://storage.googleapis.com/b/o.json?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=c0ffee1234567",
        "https://acct.blob.core.windows.net/c/o.json?sv=2022-11-02&se=2026-01-01&sp=r&sig=c0ffee1234567",
        "https://d1.cloudfront.net/o.json?Expires=1700000000&Key-Pair-Id=K2ABC&Signature=c0ffee1234567",
        "https://cdn.example/o.json?hdnts=exp~1700000000~hmac~c0ffee1234567",
        "https://user:c0ffee1234567@files.example/o.json",
    ):
        assert "c0ffee1234567" not in redact_url(url), url
        assert "c0ffee1234567" not in redact_text(f"fetching <{url}> and (b'Location', b'{url}')"), url
    assert "X-Goog-Algorithm=GOOG4-RSA-SHA256" in redact_url(
        "https://storage.googleapis.com/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=c0ffee1234567"
    )
    # The API's own query parameters stay readable; a relative redirect target is masked too.
    assert redact_url("https://h/api/v1/test/search?title=Exam&query=x") == "https://h/api/v1/test/search?title=Exam&query=x"
    assert "c0ffee1234567" not in redact_text("redirected to /next?sig=c0ffee1234567&x=1")


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

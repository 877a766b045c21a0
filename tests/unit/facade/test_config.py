"""Settings resolution: environment variables, default base URL, refusal of plain http to remote hosts."""

from __future__ import annotations

import subprocess
import sys

import pytest
from inspera import ConfigurationError, Inspera


def test_arguments_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPERA_CLIENT_ID", "uni")
    monkeypatch.setenv("INSPERA_API_KEY", "env-key-0123456789")
    monkeypatch.delenv("INSPERA_BASE_URL", raising=False)
    with Inspera() as client:
        assert client.client_id == "uni"
        assert client.base_url == "https://uni.inspera.no/api"
        assert "env-key" not in repr(client) and "env-key" not in repr(client._settings)


def test_base_url_from_environment_and_domain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPERA_BASE_URL", "https://test.example.org/api/")
    with Inspera("uni", "k" * 16) as client:
        assert client.base_url == "https://test.example.org/api"
    monkeypatch.delenv("INSPERA_BASE_URL")
    with Inspera("uni", "k" * 16, domain="inspera.com") as client:
        assert client.base_url == "https://uni.inspera.com/api"


@pytest.mark.parametrize("missing", ["INSPERA_CLIENT_ID", "INSPERA_API_KEY"])
def test_missing_credentials_are_a_configuration_error(monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    monkeypatch.setenv("INSPERA_CLIENT_ID", "uni")
    monkeypatch.setenv("INSPERA_API_KEY", "k" * 16)
    monkeypatch.delenv(missing)
    with pytest.raises(ConfigurationError, match=missing):
        Inspera()


@pytest.mark.parametrize(
    "url", ["http://uni.inspera.no/api", "ftp://x/api", "https://uni.inspera.no/api?x=1", "https://u:p@h/api", "api"]
)
def test_unsafe_or_malformed_base_urls_are_refused(url: str) -> None:
    with pytest.raises(ConfigurationError):
        Inspera("uni", "k" * 16, base_url=url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/api", "http://localhost/api", "http://[::1]:9/api"])
def test_plain_http_is_allowed_to_loopback(url: str) -> None:
    with Inspera("uni", "k" * 16, base_url=url) as client:
        assert client.base_url == url


def test_import_is_cheap_and_creates_no_client() -> None:
    code = (
        "import sys, inspera, inspera.webhooks, inspera.errors;"
        "heavy = [m for m in ('httpx', 'inspera_api', 'inspera._client', 'starlette') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""

"""Client settings: explicit arguments, else INSPERA_* environment variables, validated once."""

from __future__ import annotations

import ipaddress
import os
import ssl
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from .errors import ConfigurationError

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2


@dataclass(frozen=True)
class Settings:
    client_id: str
    api_key: str = field(repr=False)
    base_url: str
    timeout: httpx.Timeout
    max_retries: int
    verify: ssl.SSLContext | str | bool
    proxy: str | None

    @property
    def token_url(self) -> str:
        return self.base_url + "/authenticate/token/"

    def __repr__(self) -> str:
        return f"Settings(client_id={self.client_id!r}, base_url={self.base_url!r}, max_retries={self.max_retries})"


def resolve(
    client_id: str | None,
    api_key: str | None,
    *,
    base_url: str | None,
    domain: str,
    timeout: float | httpx.Timeout | None,
    max_retries: int,
    verify: ssl.SSLContext | str | bool,
    proxy: str | None,
) -> Settings:
    """Fill gaps from INSPERA_CLIENT_ID / INSPERA_API_KEY / INSPERA_BASE_URL and validate the result."""
    client_id = client_id or os.environ.get("INSPERA_CLIENT_ID") or None
    api_key = api_key or os.environ.get("INSPERA_API_KEY") or None
    base_url = base_url or os.environ.get("INSPERA_BASE_URL") or None
    if not client_id:
        raise ConfigurationError("no client id: pass client_id= or set INSPERA_CLIENT_ID")
    if not api_key:
        raise ConfigurationError("no API key: pass api_key= or set INSPERA_API_KEY")
    if base_url is None:
        base_url = f"https://{client_id}.{domain}/api"
    if max_retries < 0:
        raise ConfigurationError("max_retries must be 0 or more")
    return Settings(
        client_id=client_id,
        api_key=api_key,
        base_url=check_base_url(base_url),
        timeout=DEFAULT_TIMEOUT if timeout is None else httpx.Timeout(timeout),
        max_retries=max_retries,
        verify=verify,
        proxy=proxy,
    )


def check_base_url(url: str) -> str:
    """Normalise the API root (no trailing slash); refuse plain http except to loopback hosts."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigurationError(f"base_url must be an absolute http(s) URL, got {url!r}")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ConfigurationError("base_url must not carry a query, fragment or credentials")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigurationError(f"refusing plain http:// to {parts.hostname}: the API key would travel unencrypted")
    return url.strip().rstrip("/")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False

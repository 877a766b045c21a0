"""Client settings: explicit arguments, else INSPERA_* environment variables, validated once."""

from __future__ import annotations

import ipaddress
import os
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import httpx

from ._budget import DEFAULT_MAX_CONCURRENCY
from ._retry import DEFAULT_LIMIT_WAIT
from .errors import ConfigurationError

if TYPE_CHECKING:
    from ._shared_dir import TokenFile

# A number bounds connecting, reading and writing. Waiting for a request slot (or a pooled connection) is bounded only
# by an explicit httpx.Timeout(pool=...): a queued call is not a stuck one, since every call ahead of it is bounded.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0, pool=None)
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
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY
    shared_dir: Path | None = None
    limit_wait: float | None = DEFAULT_LIMIT_WAIT

    @property
    def token_url(self) -> str:
        return self.base_url + "/authenticate/token/"

    def __repr__(self) -> str:
        return (
            f"Settings(client_id={self.client_id!r}, base_url={self.base_url!r}, max_retries={self.max_retries}, "
            f"max_concurrency={self.max_concurrency})"
        )


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
    max_concurrency: int | None = None,
    shared_dir: str | os.PathLike[str] | None = None,
    limit_wait: float | None = DEFAULT_LIMIT_WAIT,
) -> Settings:
    """Fill gaps from INSPERA_CLIENT_ID / INSPERA_API_KEY / INSPERA_BASE_URL / INSPERA_MAX_CONCURRENCY /
    INSPERA_SHARED_DIR and validate the result."""
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
    if limit_wait is not None and (isinstance(limit_wait, bool) or not limit_wait >= 0):
        raise ConfigurationError("limit_wait must be 0 or more seconds, or None to wait until a call succeeds")
    return Settings(
        client_id=client_id,
        api_key=api_key,
        base_url=check_base_url(base_url),
        timeout=_timeout(timeout),
        max_retries=max_retries,
        verify=verify,
        proxy=proxy,
        max_concurrency=_max_concurrency(max_concurrency),
        shared_dir=_shared_dir(shared_dir),
        limit_wait=limit_wait,
    )


def _timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, httpx.Timeout):
        return timeout
    return httpx.Timeout(timeout, pool=None)


def _max_concurrency(value: int | None) -> int:
    if value is None:
        text = os.environ.get("INSPERA_MAX_CONCURRENCY", "").strip()
        if not text:
            return DEFAULT_MAX_CONCURRENCY
        try:
            value = int(text)
        except ValueError:
            raise ConfigurationError(f"INSPERA_MAX_CONCURRENCY must be a whole number, got {text!r}") from None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(f"max_concurrency must be a whole number of at least 1, got {value!r}")
    return value


def _shared_dir(value: str | os.PathLike[str] | None) -> Path | None:
    if value is None:
        value = os.environ.get("INSPERA_SHARED_DIR") or None
    if value is None or not str(value).strip():
        return None
    from ._shared_dir import prepare

    return prepare(value)


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


def token_file(settings: Settings) -> TokenFile | None:
    """Where processes sharing `settings.shared_dir` keep this API user's token; None without a shared directory."""
    if settings.shared_dir is None:
        return None
    from ._budget import tenant_key
    from ._shared_dir import TokenFile, tenant_directory

    origin = tenant_key(settings.base_url)
    return TokenFile(
        tenant_directory(settings.shared_dir, origin), origin=origin, client_id=settings.client_id,
        api_key=settings.api_key,
    )
